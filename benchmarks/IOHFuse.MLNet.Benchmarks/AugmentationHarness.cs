using System.Diagnostics;
using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using static IOHFuse.MLNet.Tests.Augmentation.AugmentationTestData;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// <c>augmentation [--data toy|cohort] [--config default|test] [--positives N] [--epochs N] [--diffusion-steps N]
/// [--plot FILE.svg] [--json PATH]</c>: the diffusion augmenter's quality and speed behind docs/augmentation.md, with
/// default options (seed 1, 2 threads, CPU). <c>toy</c> (default): the hand-made windows of the augmentation tests,
/// <c>--positives</c> positives (default 500) and as many negatives. <c>cohort</c>: the IOH-positive training windows of
/// the default synthetic cohort (300 cases, seed 1, case split 0.2/0.25 seed 1, default windows). <c>--config test</c>:
/// the test-size options and data of <c>TestSyntheticWindowsResembleRealOnes</c> instead (40 positives, 20 negatives).
/// Reports fit, Transform and Generate(200) times, the window statistics of the real, SDEdit and unconditional windows,
/// and the discriminator accuracy with and without the roughness features.
/// </summary>
public static class AugmentationHarness
{
    /// <summary>Runs the measurement and prints one JSON object.</summary>
    public static int Run(string[] args)
    {
        var o = new HarnessOptions(args, "data", "config", "positives", "epochs", "diffusion-steps", "plot", "json");
        string config = o.Text("config", "default")!;
        bool testSize = config switch
        {
            "default" => false,
            "test" => true,
            _ => throw new ArgumentException($"--config must be default or test (got '{config}')."),
        };
        var ml = new MLContext(seed: testSize ? 3 : 1);
        var options = testSize ? TinyOptions() : new DiffusionAugmentationOptions { SamplePeriodSeconds = 3, Seed = 1, Threads = 2, Device = ComputeDevice.Cpu };
        options.Epochs = o.Integer("epochs", options.Epochs);
        int steps = o.Integer("diffusion-steps", options.DiffusionSteps);
        (options.DiffusionSteps, options.SamplingSteps) = (steps, Math.Min(steps, options.SamplingSteps));
        string data = o.Text("data", "toy")!;
        IDataView train = data switch
        {
            "toy" when testSize => ml.Data.LoadFromEnumerable(Rows(40, 20, seed: 8)),
            "toy" => ml.Data.LoadFromEnumerable(Rows(o.Integer("positives", 500), o.Integer("positives", 500), seed: 21)),
            "cohort" => CohortTrainingWindows(ml),
            _ => throw new ArgumentException($"--data must be toy or cohort (got '{data}')."),
        };

        long start = Stopwatch.GetTimestamp();
        using var augmenter = ml.IOHFuse().Data.DiffusionAugmentation(options).Fit(train);
        double fit = Stopwatch.GetElapsedTime(start).TotalSeconds;
        start = Stopwatch.GetTimestamp();
        var augmented = ml.Data.Cache(augmenter.Transform(train));
        var (real, synthetic, syntheticPositive) = Windows(augmented);
        double transform = Stopwatch.GetElapsedTime(start).TotalSeconds;
        start = Stopwatch.GetTimestamp();
        var generated = augmenter.Generate(200, seed: 5);
        double generate = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var conditional = AugmentationQuality.Compare(ml, real, synthetic);
        var unconditional = AugmentationQuality.Compare(ml, real, generated);
        var shapeOnly = AugmentationQuality.Compare(ml, real, synthetic, includeHighFrequencyFeatures: false);
        var shapeOnlyUnconditional = AugmentationQuality.Compare(ml, real, generated, includeHighFrequencyFeatures: false);
        int history = augmenter.HistoryLength;
        var detector = new IohEventDetector(options.SamplePeriodSeconds);
        int horizonSamples = (int)Math.Round(options.LabelHorizonMinutes * 60 / options.SamplePeriodSeconds);
        double generatedPositive = generated.Average(w => detector.LabelWindow(w.AsSpan(0, history), w.AsSpan(history), horizonSamples, out _) ? 1.0 : 0.0);
        if (o.Text("plot") is { } plot)
        {
            // Synthetic rows follow their sources in order, CopiesPerWindow each, unless some were dropped.
            int copies = options.CopiesPerWindow;
            if (synthetic.Count != copies * real.Count)
                throw new InvalidOperationException($"{copies * real.Count - synthetic.Count} synthetic windows were dropped, so copies cannot be paired with their sources for --plot.");
            SvgWindowPlot.Write(plot, real, synthetic, Enumerable.Range(0, 3).Select(i => (real[i], synthetic[copies * i])).ToList(), history);
        }

        var result = new Dictionary<string, object>
        {
            ["data"] = data,
            ["config"] = config,
            ["real_positive_windows"] = real.Count,
            ["synthetic_windows"] = synthetic.Count,
            ["synthetic_still_positive"] = syntheticPositive,
            ["epochs"] = options.Epochs,
            ["diffusion_steps"] = options.DiffusionSteps,
            ["sampling_steps"] = options.SamplingSteps,
            ["loss_first"] = augmenter.TrainingLoss[0],
            ["loss_last"] = augmenter.TrainingLoss[^1],
            ["fit_seconds"] = fit,
            ["transform_seconds"] = transform,
            ["generate_200_seconds"] = generate,
            ["real"] = conditional.Real.ToString(),
            ["sdedit"] = conditional.Synthetic.ToString(),
            ["unconditional"] = unconditional.Synthetic.ToString(),
            ["discriminator_sdedit_accuracy"] = conditional.DiscriminatorAccuracy,
            ["discriminator_sdedit_auroc"] = conditional.DiscriminatorAuc,
            ["discriminator_sdedit_test_windows"] = conditional.TestCount,
            ["discriminator_unconditional_accuracy"] = unconditional.DiscriminatorAccuracy,
            ["discriminator_unconditional_auroc"] = unconditional.DiscriminatorAuc,
            ["discriminator_shape_only_sdedit_accuracy"] = shapeOnly.DiscriminatorAccuracy,
            ["discriminator_shape_only_sdedit_auroc"] = shapeOnly.DiscriminatorAuc,
            ["discriminator_shape_only_unconditional_accuracy"] = shapeOnlyUnconditional.DiscriminatorAccuracy,
            ["discriminator_shape_only_unconditional_auroc"] = shapeOnlyUnconditional.DiscriminatorAuc,
            ["generated_label_share"] = generatedPositive,
            ["nproc"] = Environment.ProcessorCount,
        };
        o.Report(result);
        return 0;
    }

    /// <summary>The training windows of the default cohort (the augmenter learns from those whose Label is true).</summary>
    private static IDataView CohortTrainingWindows(MLContext ml)
    {
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort();
        var split = ml.IOHFuse().Data.SplitByCase(cases, validationFraction: 0.2, testFraction: 0.25, seed: 1);
        return ml.Data.Cache(ml.IOHFuse().Data.CreateWindows(split.Train));
    }

    /// <summary>The real positive windows and the synthetic windows ([history | future]) of an augmented view, and how
    /// many synthetic windows are still positive after relabelling.</summary>
    private static (List<float[]> Real, List<float[]> Synthetic, int SyntheticPositive) Windows(IDataView augmented)
    {
        var real = new List<float[]>();
        var synthetic = new List<float[]>();
        int positive = 0;
        var schema = augmented.Schema;
        using var cursor = augmented.GetRowCursor(schema);
        var history = cursor.GetGetter<VBuffer<float>>(schema[IohFuseColumns.History]);
        var future = cursor.GetGetter<VBuffer<float>>(schema[IohFuseColumns.Future]);
        var label = cursor.GetGetter<bool>(schema[IohFuseColumns.Label]);
        var flag = cursor.GetGetter<bool>(schema[IohFuseColumns.IsSynthetic]);
        VBuffer<float> h = default, f = default;
        bool isLabel = false, isSynthetic = false;
        while (cursor.MoveNext())
        {
            label(ref isLabel);
            flag(ref isSynthetic);
            if (!isSynthetic && !isLabel)
                continue;
            history(ref h);
            future(ref f);
            float[] window = [.. h.DenseValues(), .. f.DenseValues()];
            if (isSynthetic)
            {
                synthetic.Add(window);
                positive += isLabel ? 1 : 0;
            }
            else
            {
                real.Add(window);
            }
        }
        return (real, synthetic, positive);
    }
}
