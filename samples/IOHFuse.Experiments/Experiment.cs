using System.Diagnostics;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using IOHFuse.MLNet.Text;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.Experiments;

/// <summary>
/// The end-to-end job: cohort → case split → windows → clinical text → diffusion augmentation → IOHFuseLM (two
/// stages) → forward evaluation on held-out cases against baselines (and ablations), per horizon.
/// </summary>
public sealed class Experiment
{
    /// <summary>Name of the full model in reports.</summary>
    public const string FullModel = "IOHFuseLM";

    private readonly MLContext _ml;
    private readonly ExperimentOptions _o;
    private readonly IExperimentProgress _progress;

    /// <summary>Creates the job.</summary>
    public Experiment(MLContext mlContext, ExperimentOptions options, IExperimentProgress progress)
    {
        _ml = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        _o = options ?? throw new ArgumentNullException(nameof(options));
        _progress = progress ?? throw new ArgumentNullException(nameof(progress));
        if (_o.Horizons.Count == 0 || _o.Horizons.Any(h => h is not (5 or 10 or 15)))
            throw new ArgumentOutOfRangeException(nameof(options), "Horizons must be a non-empty subset of 5, 10, 15 minutes.");
    }

    /// <summary>Runs the job on <paramref name="cases"/>, or on a generated synthetic cohort when null.</summary>
    public ExperimentResult Run(IReadOnlyList<SurgicalCase>? cases = null)
    {
        var result = new ExperimentResult { Options = _o };
        var token = _o.CancellationToken;

        cases ??= Timed(result, "Synthetic cohort", () =>
            _ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = _o.NumberOfCases, Seed = _o.Seed }),
            c => $"{c.Count} cases");
        var split = _ml.IOHFuse().Data.SplitByCase(cases, _o.ValidationFraction, _o.TestFraction, _o.Seed);
        result.CaseCounts = (split.Train.Count, split.Validation.Count, split.Test.Count);

        var trainWindows = _ml.IOHFuse().Data.CreateWindows(split.Train, new WindowOptions { StrideSeconds = _o.TrainStrideSeconds });
        var validationWindows = _ml.IOHFuse().Data.CreateWindows(split.Validation, new WindowOptions { StrideSeconds = _o.EvaluationStrideSeconds });
        var testWindows = _ml.IOHFuse().Data.CreateWindows(split.Test, new WindowOptions { StrideSeconds = _o.EvaluationStrideSeconds });
        Timed(result, "Windowing", () =>
        {
            result.Windowing = (trainWindows.Statistics, validationWindows.Statistics, testWindows.Statistics);
            return result.Windowing;
        }, w => $"{w.Train.Windows} train / {w.Validation.Windows} validation / {w.Test.Windows} test windows");
        result.TestWindows = testWindows;
        result.InputSchema = testWindows.Schema;

        var featurizer = Timed(result, "Clinical text", () =>
            _ml.IOHFuse().Transforms.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { MaximumTokens = _o.MaximumTokens }).Fit(trainWindows),
            f => $"vocabulary {f.VocabularySize}, {f.MaximumTokens} tokens");
        var train = _ml.Data.Cache(featurizer.Transform(trainWindows));
        var validation = _ml.Data.Cache(featurizer.Transform(validationWindows));
        var test = _ml.Data.Cache(featurizer.Transform(testWindows));

        IDataView augmented = train;
        DiffusionAugmentationTransformer? augmenter = null;
        if (_o.AugmentationEpochs > 0)
        {
            augmenter = Timed(result, "Diffusion augmentation", () =>
            {
                var options = new DiffusionAugmentationOptions
                {
                    Epochs = _o.AugmentationEpochs,
                    CopiesPerWindow = _o.CopiesPerWindow,
                    Seed = _o.Seed,
                    Device = _o.Device,
                    Threads = _o.Threads,
                    CancellationToken = token,
                    Progress = new SyncProgress<DiffusionProgress>(p => _progress.StepCompleted("Diffusion augmentation", p.Epoch, $"loss {p.Loss:F4}")),
                };
                _progress.StageStarted("Diffusion augmentation", options.Epochs);
                return _ml.IOHFuse().Data.DiffusionAugmentation(options).Fit(train);
            }, a => $"learned from {a.TrainingWindowCount} IOH windows");
            augmented = _ml.Data.Cache(augmenter.Transform(train));
            result.SyntheticRows = CountTrue(augmented, IohFuseColumns.IsSynthetic);
        }

        var evaluator = new ForwardEvaluator(_ml, new ForwardEvaluationOptions
        {
            BootstrapReplicates = _o.BootstrapReplicates,
            StrideSeconds = _o.EvaluationStrideSeconds,
            Seed = _o.Seed,
        });

        foreach (int horizon in _o.Horizons.OrderBy(h => h))
        {
            token.ThrowIfCancellationRequested();
            string label = $"Label{horizon}";
            int samples = (int)Math.Round(horizon * 60 / trainWindows.SamplePeriodSeconds);

            // Baselines, on exactly the same windows.
            Evaluate(result, evaluator, "Current MAP", horizon, ScoreBaseline(_ml.IOHFuse().Transforms.CurrentMapBaseline(), train, validation, test, label, samples, persistence: true));
            Evaluate(result, evaluator, "MAP + slope logistic regression", horizon, ScoreBaseline(BaselinePipelines.MapSlopeRegression(_ml, label), train, validation, test, label, 0, persistence: false));
            Evaluate(result, evaluator, "FastTree on hand features", horizon, ScoreBaseline(BaselinePipelines.FastTreeOnHandFeatures(_ml, label, withAttributes: true), train, validation, test, label, 0, persistence: false));

            var variants = new List<(string Name, IDataView Train, Action<IohFuseLMOptions> Configure)> { (FullModel, augmented, _ => { }) };
            if (_o.Ablations)
            {
                variants.Add(("IOHFuseLM without text", augmented, o => o.UseText = false));
                variants.Add(("IOHFuseLM without augmentation", train, _ => { }));
                variants.Add(("IOHFuseLM without pretraining", train, o => o.PretrainEpochs = 0));
            }
            foreach (var (name, data, configure) in variants)
            {
                var options = TrainerOptions(label, name, horizon);
                configure(options);
                var model = Timed(result, $"{name} ({horizon} min)", () =>
                {
                    _progress.StageStarted($"{name} ({horizon} min)", options.PretrainEpochs + options.FineTuneEpochs);
                    return _ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data, validation);
                }, m => $"best epoch {m.TrainingSummary.BestEpoch}, {m.TrainingSummary.Duration.TotalSeconds:F0} s");
                var scored = (ScoredWindows.FromDataView(model.Transform(validation), label),
                    ScoredWindows.FromDataView(model.Transform(test), label, forecastColumnName: IohFuseColumns.Forecast, forecastSamples: samples));
                Evaluate(result, evaluator, name, horizon, scored);
                result.TrainingSummaries.Add((name, horizon, model.TrainingSummary));
                if (name == FullModel)
                {
                    result.Calibration[horizon] = ReadProbabilities(model.Transform(test), label);
                    if (result.PrimaryModel is null)
                    {
                        result.PrimaryModel = featurizer.Append<ITransformer>(model);
                        result.PrimaryHorizon = horizon;
                        result.ParameterCount = model.ParameterCount;
                        continue; // Kept for saving; not disposed.
                    }
                }
                model.Dispose();
            }
        }
        augmenter?.Dispose();
        return result;
    }

    private IohFuseLMOptions TrainerOptions(string label, string name, int horizon) => new()
    {
        LabelColumnName = label,
        ModelDimension = _o.ModelDimension,
        NumberOfHeads = _o.NumberOfHeads,
        NumberOfLayers = _o.NumberOfLayers,
        PretrainEpochs = _o.PretrainEpochs,
        FineTuneEpochs = _o.FineTuneEpochs,
        Seed = _o.Seed,
        Device = _o.Device,
        Threads = _o.Threads,
        CancellationToken = _o.CancellationToken,
        Progress = new SyncProgress<IohFuseLMProgress>(p => _progress.StepCompleted($"{name} ({horizon} min)",
            (p.Stage == "FineTune" ? _o.PretrainEpochs : 0) + p.Epoch,
            $"{p.Stage} {p.Epoch}/{p.TotalEpochs} loss {p.Loss:F4}" + (p.ValidationAuroc is double a ? $" val AUROC {a:F3}" : string.Empty))),
    };

    private void Evaluate(ExperimentResult result, ForwardEvaluator evaluator, string method, int horizon, (ScoredWindows Validation, ScoredWindows Test) scores)
    {
        var metrics = evaluator.Evaluate(method, horizon, scores.Validation, scores.Test);
        result.Metrics.Add(metrics);
        result.TestScores[(method, horizon)] = scores.Test;
        _progress.StageCompleted($"Evaluate {method} ({horizon} min)", $"AUROC {metrics.Auroc}");
    }

    private (ScoredWindows Validation, ScoredWindows Test) ScoreBaseline(IEstimator<ITransformer> pipeline, IDataView train, IDataView validation, IDataView test,
        string label, int persistenceSamples, bool persistence)
    {
        var model = pipeline.Fit(train);
        var v = ScoredWindows.FromDataView(model.Transform(validation), label);
        var t = ScoredWindows.FromDataView(model.Transform(test), label);
        if (persistence)
            t = new ScoredWindows(t.CaseIds, t.Labels, t.Scores, PersistenceErrors(test, persistenceSamples));
        return (v, t);
    }

    /// <summary>Forecast error of "MAP stays where it is" over the horizon: the forecasting baseline.</summary>
    internal static float[] PersistenceErrors(IDataView windows, int samples)
    {
        double period = IohFuseAnnotations.GetSamplePeriodSeconds(windows.Schema[IohFuseColumns.History]) ?? throw new InvalidOperationException("The windows do not say their sample period.");
        var errors = new List<float>();
        var history = windows.Schema[IohFuseColumns.History];
        var future = windows.Schema[IohFuseColumns.Future];
        using var cursor = windows.GetRowCursor(new[] { history, future });
        var getHistory = cursor.GetGetter<VBuffer<float>>(history);
        var getFuture = cursor.GetGetter<VBuffer<float>>(future);
        VBuffer<float> h = default, f = default;
        var features = new float[HandFeatures.Count];
        while (cursor.MoveNext())
        {
            getHistory(ref h);
            getFuture(ref f);
            HandFeatures.Compute(h.GetValues(), period, features);
            var fv = f.GetValues();
            int n = Math.Min(samples, fv.Length);
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.Abs(fv[i] - features[0]);
            errors.Add((float)(sum / n));
        }
        return errors.ToArray();
    }

    private static (float[] Probability, bool[] Label) ReadProbabilities(IDataView scored, string label)
    {
        var p = new List<float>();
        var l = new List<bool>();
        var pc = scored.Schema[IohFuseColumns.Probability];
        var lc = scored.Schema[label];
        using var cursor = scored.GetRowCursor(new[] { pc, lc });
        var gp = cursor.GetGetter<float>(pc);
        var gl = cursor.GetGetter<bool>(lc);
        float pv = 0; bool lv = false;
        while (cursor.MoveNext()) { gp(ref pv); gl(ref lv); p.Add(pv); l.Add(lv); }
        return (p.ToArray(), l.ToArray());
    }

    internal static long CountTrue(IDataView data, string column)
    {
        var c = data.Schema[column];
        using var cursor = data.GetRowCursor(new[] { c });
        var get = cursor.GetGetter<bool>(c);
        long n = 0; bool v = false;
        while (cursor.MoveNext()) { get(ref v); if (v) n++; }
        return n;
    }

    private T Timed<T>(ExperimentResult result, string stage, Func<T> work, Func<T, string> summary)
    {
        _progress.StageStarted(stage, 0);
        var clock = Stopwatch.StartNew();
        var value = work();
        result.Timings.Add((stage, clock.Elapsed));
        _progress.StageCompleted(stage, $"{summary(value)} ({clock.Elapsed.TotalSeconds:F1} s)");
        return value;
    }

    private sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
