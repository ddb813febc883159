using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// A model as users score it: the CLI's pipeline (clinical-text featurizer when text is on, then IOHFuseLM) trained
/// briefly on the synthetic cohort at a given time base, saved as model.zip, plus held-out windows of other cases to
/// score. Scoring cost does not depend on how well the weights are trained, so one short stage-2 epoch is enough.
/// </summary>
/// <param name="Name">Short name used in file names and reports.</param>
/// <param name="PeriodSeconds">Seconds between history samples.</param>
/// <param name="HistoryMinutes">History length.</param>
/// <param name="PatchLength">Samples per patch.</param>
/// <param name="UseText">Whether the clinical text is used.</param>
public sealed record ScoringModel(string Name, double PeriodSeconds, double HistoryMinutes, int PatchLength, bool UseText)
{
    /// <summary>The CLI's default on the synthetic cohort: 3-s period, 15-min history (300 samples, patches of 10),
    /// clinical text on, d = 64, 2 layers.</summary>
    public static ScoringModel CliDefault { get; } = new("cli-default", 3, 15, 10, true);

    /// <summary>A per-minute series-only model: 60-s period, 60-min history (60 samples, patches of 4), no text,
    /// d = 64, 2 layers.</summary>
    public static ScoringModel PerMinute { get; } = new("per-minute", 60, 60, 4, false);

    /// <summary>Trains the model, saves it to <paramref name="path"/> and returns held-out windows to score.</summary>
    /// <param name="path">Where to save model.zip.</param>
    /// <param name="scoringWindows">At least this many windows are returned (cycled if the held-out cases have fewer).</param>
    public List<IohWindow> TrainAndSave(string path, int scoringWindows)
    {
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 16, Seed = 1, SamplePeriodSeconds = PeriodSeconds });
        var windows = new WindowOptions
        {
            SamplePeriodSeconds = PeriodSeconds,
            HistoryMinutes = HistoryMinutes,
            HorizonsMinutes = [5],
            PrimaryHorizonMinutes = 5,
            StrideSeconds = Math.Max(PeriodSeconds, 60),
        };
        var trainWindows = ml.IOHFuse().Data.CreateWindows(cases.Take(12), windows);
        var scoreWindows = ml.IOHFuse().Data.CreateWindows(cases.Skip(12), windows);
        ITransformer? featurizer = UseText ? ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(trainWindows) : null;
        var train = ml.Data.Cache(featurizer?.Transform(trainWindows) ?? trainWindows);
        using var model = ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
        {
            UseText = UseText,
            PatchLength = PatchLength,
            ModelDimension = 64,
            NumberOfHeads = 4,
            NumberOfLayers = 2,
            PretrainEpochs = 0,
            FineTuneEpochs = 1,
            Seed = 1,
            Device = ComputeDevice.Cpu,
        }).Fit(train);
        ITransformer chain = featurizer is null ? model : featurizer.Append<ITransformer>(model);
        ml.Model.Save(chain, trainWindows.Schema, path);
        var rows = ml.Data.CreateEnumerable<IohWindow>(scoreWindows, reuseRowObject: false, ignoreMissingColumns: true).ToList();
        if (rows.Count == 0)
            throw new InvalidOperationException($"The held-out cases of '{Name}' gave no windows.");
        return Enumerable.Range(0, Math.Max(scoringWindows, rows.Count)).Select(i => rows[i % rows.Count]).ToList();
    }

    /// <summary>Deterministic windows for a saved model, without training: a random walk of the model's history length
    /// and a 65-year-old ASA 3 woman (used by the instruction-count loop, which must not train under valgrind).</summary>
    public static List<IohWindow> MakeWindows(IohFuseModelInfo info, int count)
    {
        ArgumentNullException.ThrowIfNull(info);
        var random = new Random(11);
        var rows = new List<IohWindow>(count);
        for (int r = 0; r < count; r++)
        {
            var history = new float[info.HistoryLength];
            float level = 60f + (float)random.NextDouble() * 40f;
            for (int i = 0; i < history.Length; i++)
            {
                level = Math.Clamp(level + (float)(random.NextDouble() - 0.5) * 3f, 40f, 160f);
                history[i] = level;
            }
            rows.Add(new IohWindow { History = history, Age = 50 + r % 30, Sex = r % 2 == 0 ? "F" : "M", Asa = 1 + r % 4, Department = "General surgery" });
        }
        return rows;
    }
}
