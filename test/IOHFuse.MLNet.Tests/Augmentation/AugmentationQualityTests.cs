using System.Diagnostics;
using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;
using Microsoft.ML;
using static IOHFuse.MLNet.Tests.Augmentation.AugmentationTestData;

namespace IOHFuse.MLNet.Tests.Augmentation;

[TestClass]
public sealed class AugmentationQualityTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TestDescribeKnownWindows()
    {
        // A ramp from 100 to 70 mmHg over 600 samples at 3 s = 30 min: slope −1 mmHg/min, min 70.
        var ramp = Enumerable.Range(0, 600).Select(i => 100f - 30f * i / 599f).ToArray();
        var stats = AugmentationQuality.Describe([ramp]);
        Assert.AreEqual(85.0, stats.Mean, 1e-3);
        Assert.AreEqual(70.0, stats.Minimum, 1e-3);
        Assert.AreEqual(-30.0 / (599 * 3 / 60.0), stats.Slope, 1e-3);
        Assert.ThrowsExactly<ArgumentException>(() => AugmentationQuality.Describe([]));
    }

    [TestMethod]
    public void TestDiscriminatorSeparatesObviouslyDifferentSets()
    {
        var context = new MLContext(seed: 1);
        var random = new Random(2);
        float[] Noise(double level) => Enumerable.Range(0, 600).Select(_ => (float)(level + random.NextDouble())).ToArray();
        var a = Enumerable.Range(0, 40).Select(_ => Noise(80)).ToList();
        var b = Enumerable.Range(0, 40).Select(_ => Noise(60)).ToList();
        var c = Enumerable.Range(0, 40).Select(_ => Noise(80)).ToList();
        Assert.IsGreaterThan(0.9, AugmentationQuality.Compare(context, a, b).DiscriminatorAccuracy);
        Assert.IsLessThan(0.8, AugmentationQuality.Compare(context, a, c).DiscriminatorAccuracy);
    }

    [TestMethod]
    public void TestSyntheticWindowsResembleRealOnes()
    {
        var context = new MLContext(seed: 3);
        var rows = Rows(40, 20, seed: 8);
        var data = context.Data.LoadFromEnumerable(rows);
        var watch = Stopwatch.StartNew();
        using var transformer = context.IOHFuse().Data.DiffusionAugmentation(TinyOptions()).Fit(data);
        double fitSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var augmented = context.Data.CreateEnumerable<AugmentedRow>(transformer.Transform(data), false).ToList();
        double transformSeconds = watch.Elapsed.TotalSeconds;

        var real = rows.Where(r => r.Label).Select(Window).ToList();
        var synthetic = augmented.Where(r => r.IsSynthetic).Select(r => (float[])[.. r.History, .. r.Future]).ToList();
        var report = AugmentationQuality.Compare(context, real, synthetic);
        double positiveShare = augmented.Where(r => r.IsSynthetic).Average(r => r.Label ? 1.0 : 0.0);
        TestContext.WriteLine($"fit {fitSeconds:F1} s on {real.Count} windows, transform {transformSeconds:F1} s for {synthetic.Count} windows");
        TestContext.WriteLine($"real      {report.Real}");
        TestContext.WriteLine($"synthetic {report.Synthetic}");
        TestContext.WriteLine($"discriminator accuracy {report.DiscriminatorAccuracy:F3}, AUROC {report.DiscriminatorAuc:F3} on {report.TestCount}; synthetic Label share {positiveShare:F2}");

        Assert.AreEqual(report.Real.Mean, report.Synthetic.Mean, 8.0, "mean MAP");
        Assert.AreEqual(report.Real.Minimum, report.Synthetic.Minimum, 8.0, "minimum MAP");
        Assert.IsGreaterThan(0.5, positiveShare, "most variants of positive windows should stay positive");
    }

    /// <summary>
    /// The measurement behind docs/augmentation.md: default options on 500 positive windows. Opt-in (takes minutes):
    /// set IOHFUSE_AUG_BENCH=1.
    /// </summary>
    [TestMethod]
    public void BenchmarkDefaultOptions()
    {
        if (Environment.GetEnvironmentVariable("IOHFUSE_AUG_BENCH") != "1")
            Assert.Inconclusive("Skipped: set IOHFUSE_AUG_BENCH=1 to run the default-size measurement.");
        int positives = int.TryParse(Environment.GetEnvironmentVariable("IOHFUSE_AUG_BENCH_N"), out int n) ? n : 500;
        var context = new MLContext(seed: 1);
        var rows = Rows(positives, positives, seed: 21);
        var data = context.Data.LoadFromEnumerable(rows);
        var options = new DiffusionAugmentationOptions { SamplePeriodSeconds = 3, Seed = 1, Threads = 2, Device = MLNet.Training.ComputeDevice.Cpu };
        if (int.TryParse(Environment.GetEnvironmentVariable("IOHFUSE_AUG_BENCH_EPOCHS"), out int epochs))
            options.Epochs = epochs;
        if (int.TryParse(Environment.GetEnvironmentVariable("IOHFUSE_AUG_BENCH_T"), out int steps))
            (options.DiffusionSteps, options.SamplingSteps) = (steps, Math.Min(steps, 50));
        var watch = Stopwatch.StartNew();
        using var transformer = context.IOHFuse().Data.DiffusionAugmentation(options).Fit(data);
        double fit = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var augmented = context.Data.CreateEnumerable<AugmentedRow>(transformer.Transform(data), false).ToList();
        double transform = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var generated = transformer.Generate(200, seed: 5);
        double generate = watch.Elapsed.TotalSeconds;

        var real = rows.Where(r => r.Label).Select(Window).ToList();
        var synthetic = augmented.Where(r => r.IsSynthetic).Select(r => (float[])[.. r.History, .. r.Future]).ToList();
        var conditional = AugmentationQuality.Compare(context, real, synthetic);
        var unconditional = AugmentationQuality.Compare(context, real, generated);
        var shapeOnly = AugmentationQuality.Compare(context, real, synthetic, includeHighFrequencyFeatures: false);
        var shapeOnlyUnconditional = AugmentationQuality.Compare(context, real, generated, includeHighFrequencyFeatures: false);
        var detector = new IohEventDetector(3.0);
        double generatedPositive = generated.Average(w => detector.LabelWindow(w.AsSpan(0, 300), w.AsSpan(300), 100, out _) ? 1.0 : 0.0);
        TestContext.WriteLine($"windows {real.Count}, epochs {options.Epochs}, T {options.DiffusionSteps}, DDIM steps {options.SamplingSteps}, loss {transformer.TrainingLoss[0]:F4} -> {transformer.TrainingLoss[^1]:F4}");
        TestContext.WriteLine($"fit {fit:F1} s; transform {transform:F1} s for {synthetic.Count} synthetic rows; Generate(200) {generate:F1} s");
        TestContext.WriteLine($"real          {conditional.Real}");
        TestContext.WriteLine($"SDEdit copies {conditional.Synthetic}");
        TestContext.WriteLine($"unconditional {unconditional.Synthetic}");
        TestContext.WriteLine($"discriminator SDEdit: acc {conditional.DiscriminatorAccuracy:F3} AUROC {conditional.DiscriminatorAuc:F3} (n={conditional.TestCount}); unconditional: acc {unconditional.DiscriminatorAccuracy:F3} AUROC {unconditional.DiscriminatorAuc:F3} (n={unconditional.TestCount})");
        if (Environment.GetEnvironmentVariable("IOHFUSE_AUG_PLOT") is { Length: > 0 } plot)
        {
            var sources = rows.Where(r => r.Label).ToList();
            var copies = augmented.Where(r => r.IsSynthetic).ToList();
            var examples = Enumerable.Range(0, 3).Select(i => (Window(sources[i]), (float[])[.. copies.First(c => c.CaseId == sources[i].CaseId).History, .. copies.First(c => c.CaseId == sources[i].CaseId).Future])).ToList();
            SvgWindowPlot.Write(plot, real, synthetic, examples, 300);
        }
        TestContext.WriteLine($"discriminator without roughness features: SDEdit acc {shapeOnly.DiscriminatorAccuracy:F3} AUROC {shapeOnly.DiscriminatorAuc:F3}; unconditional acc {shapeOnlyUnconditional.DiscriminatorAccuracy:F3} AUROC {shapeOnlyUnconditional.DiscriminatorAuc:F3}");
        TestContext.WriteLine($"Label share: SDEdit copies {augmented.Where(r => r.IsSynthetic).Average(r => r.Label ? 1.0 : 0.0):F3}, unconditional {generatedPositive:F3}; dropped {2 * real.Count - synthetic.Count}");
    }
}
