using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// A briefly trained model saved as model.zip in a temporary folder, and rows to score. Scoring cost does not depend on
/// how well the weights are trained, so one short stage-2 epoch is enough.
/// </summary>
public sealed class ScoringFixture : IDisposable
{
    private readonly string _folder;

    /// <summary>Trains at <paramref name="size"/>, saves model.zip and makes <paramref name="scoringRows"/> rows to score.</summary>
    public ScoringFixture(ModelSize size, int scoringRows)
    {
        MLContext = new MLContext(seed: 1);
        var options = size.Options(unfreezeBackbone: false, libraryDefaults: true);
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        var training = MLContext.Data.LoadFromEnumerable(SyntheticWindows.Make(64, seed: 7));
        using (var model = MLContext.IOHFuse().Trainers.IohFuseLM(options).Fit(training))
        {
            _folder = Path.Combine(Path.GetTempPath(), $"iohfuse-bench-{Environment.ProcessId}-{size.Name}");
            Directory.CreateDirectory(_folder);
            ModelPath = Path.Combine(_folder, "model.zip");
            MLContext.Model.Save(model, training.Schema, ModelPath);
        }
        Rows = SyntheticWindows.Make(scoringRows, seed: 99);
        ModelBytes = new FileInfo(ModelPath).Length;
    }

    /// <summary>The context the model was saved with.</summary>
    public MLContext MLContext { get; }

    /// <summary>Path of the saved model.zip.</summary>
    public string ModelPath { get; }

    /// <summary>Size of model.zip on disk.</summary>
    public long ModelBytes { get; }

    /// <summary>Rows to score (different seed from the training rows).</summary>
    public List<BenchmarkWindow> Rows { get; }

    /// <summary>Loads model.zip into a fresh MLContext, as a scoring service would.</summary>
    public ITransformer Load(out DataViewSchema schema) => new MLContext(seed: 1).Model.Load(ModelPath, out schema);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
