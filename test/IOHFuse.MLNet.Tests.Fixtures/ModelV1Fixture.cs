using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Reliability;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Fixtures;

/// <summary>
/// The saved-model fixture: a tiny chain (clinical-text featurizer, 16 tokens; IOHFuseLM d = 8, 1 layer, text on) trained
/// on 60-s windows of a small synthetic cohort (60-min history, 5-min horizon), so model.zip stays a few tens of KB
/// and the chain holds both IOHFuse states. Deterministic for a given library version and CPU.
/// </summary>
internal static class ModelV1Fixture
{
    /// <summary>Windows of the test cases whose inputs and scores expected.tsv records.</summary>
    public const int ExpectedRows = 24;

    /// <summary>The window layout of the fixture (also what the test rebuilds windows with).</summary>
    public static WindowOptions Windows => new() { SamplePeriodSeconds = 60, HistoryMinutes = 60, HorizonsMinutes = [5], PrimaryHorizonMinutes = 5, StrideSeconds = 300 };

    /// <summary>Trains, saves model.zip to <paramref name="folder"/> and writes expected.tsv beside it.</summary>
    public static void Write(string folder, TextWriter log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(folder);
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 40, Seed = 1 });
        var split = ml.IOHFuse().Data.SplitByCase(cases, validationFraction: 0, testFraction: 0.25, seed: 1);
        var train = ml.Data.Cache(ml.IOHFuse().Data.CreateWindows(split.Train, Windows));
        var pipeline = ml.IOHFuse().Transforms.FeaturizeClinicalText(maximumTokens: 16)
            .Append(ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
            {
                ModelDimension = 8,
                NumberOfHeads = 2,
                NumberOfLayers = 1,
                PatchLength = 6,
                PretrainEpochs = 1,
                FineTuneEpochs = 2,
                Seed = 1,
                Device = ComputeDevice.Cpu,
                Threads = 1,
                // Every weight must matter to the recorded scores: no validation split, so stage 2 keeps its trained
                // epochs (the epoch-0 guard could otherwise ship the untrained start, whose logit and forecast ignore
                // the transformer), and the trained forecast is kept.
                ValidationFraction = 0,
                ForecastFallsBackToPersistence = false,
            }));
        var model = pipeline.Fit(train);
        var summary = model.LastTransformer.TrainingSummary;
        if (summary.BestEpoch == 0 || summary.ForecastIsPersistence)
            throw new InvalidOperationException("The fixture model kept its untrained start; its scores would not exercise the saved weights.");
        string modelPath = Path.Combine(folder, "model.zip");
        ml.Model.Save(model, train.Schema, modelPath);
        log.WriteLine($"{modelPath}: {new FileInfo(modelPath).Length:N0} bytes");

        // The expected scores are the loaded model's, through PredictionEngine in a fresh context: what the test repeats.
        var all = ml.Data.CreateEnumerable<IohWindow>(ml.IOHFuse().Data.CreateWindows(split.Test, Windows), reuseRowObject: false, ignoreMissingColumns: true).ToList();
        // Half positive windows, half negative, spread over the test cases.
        var test = all.Where(w => w.Label).Take(ExpectedRows / 2)
            .Concat(all.Where(w => !w.Label).Where((_, i) => i % 7 == 0).Take(ExpectedRows / 2)).ToList();
        if (test.Count != ExpectedRows)
            throw new InvalidOperationException($"The test cases have too few windows of one class for {ExpectedRows} rows.");
        var app = new MLContext(seed: 2);
        var loaded = app.Model.Load(modelPath, out _);
        using var engine = app.Model.CreatePredictionEngine<IohWindow, ScoreRow>(loaded);
        using var tsv = new StreamWriter(Path.Combine(folder, "expected.tsv"));
        tsv.WriteLine(ModelV1Row.Header);
        foreach (var window in test)
            tsv.WriteLine(ModelV1Row.Format(window, engine.Predict(window)));
        log.WriteLine($"expected.tsv: {test.Count} windows, {test.Count(w => w.Label)} positive");
        model.LastTransformer.Dispose();
    }
}
