using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Training;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>
/// The scoring chain an app receives (clinical-text featurizer + a tiny IOHFuseLM) trained in seconds on a few
/// synthetic cases at the default time base (3 s, 300-sample history), saved to a temporary model.zip, with windows of
/// other cases to score. The subject of the scoring-input and web-app tests.
/// </summary>
internal sealed class TinyWindowModel : IDisposable
{
    private TinyWindowModel(string path, IReadOnlyList<IohWindow> windows, IReadOnlyList<SurgicalCase> heldOut)
    {
        Path = path;
        Windows = windows;
        HeldOutCases = heldOut;
    }

    /// <summary>The saved model.zip.</summary>
    public string Path { get; }

    /// <summary>Windows of held-out cases, with their attributes, to score.</summary>
    public IReadOnlyList<IohWindow> Windows { get; }

    /// <summary>The held-out cases the windows come from (whole recordings, for stream replays).</summary>
    public IReadOnlyList<SurgicalCase> HeldOutCases { get; }

    public static TinyWindowModel Train(int seed = 5)
    {
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions
        {
            NumberOfCases = 8, Seed = seed, MinimumDurationHours = 1, MaximumDurationHours = 1.2,
        });
        var windowOptions = new WindowOptions { StrideSeconds = 120 };
        var train = ml.IOHFuse().Data.CreateWindows(cases.Take(6), windowOptions);
        var text = ml.IOHFuse().Transforms.FeaturizeClinicalText(new IOHFuse.MLNet.Text.ClinicalTextFeaturizerOptions { MaximumTokens = 48 }).Fit(train);
        var options = IohFuseLMTrainerTests.TinyOptions(seed);
        options.NumberOfLayers = 1;
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(text.Transform(train));
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"iohfuse-tiny-{Guid.NewGuid():N}.zip");
        ml.Model.Save(text.Append(model), train.Schema, path);
        var heldOut = cases.Skip(6).ToList();
        var windows = ml.Data.CreateEnumerable<IohWindow>(ml.IOHFuse().Data.CreateWindows(heldOut, windowOptions), reuseRowObject: false).ToList();
        return new TinyWindowModel(path, windows, heldOut);
    }

    public void Dispose() => File.Delete(Path);
}
