using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Tests.Training;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// A tiny IOHFuseLM model trained on toy windows in about a second, saved to a temporary model.zip: the subject of
/// the reliability tests. Owned by one test class and disposed by it.
/// </summary>
internal sealed class TinyModel : IDisposable
{
    private TinyModel(MLContext ml, IDataView data, IohFuseLMTransformer model, string path)
    {
        Context = ml;
        Data = data;
        Model = model;
        Path = path;
    }

    public MLContext Context { get; }

    public IDataView Data { get; }

    public IohFuseLMTransformer Model { get; }

    /// <summary>The saved model.zip.</summary>
    public string Path { get; }

    public static IohFuseLMOptions Options(int seed = 3, bool useText = true)
    {
        var o = IohFuseLMTrainerTests.TinyOptions(seed);
        o.NumberOfLayers = 1;
        o.PretrainEpochs = 0;
        o.FineTuneEpochs = 1;
        o.UseText = useText;
        return o;
    }

    public static TinyModel Train(int seed = 3, bool useText = true)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(96, seed: 21));
        if (!useText)
            data = ml.Transforms.DropColumns("TokenIds", "TokenMask").Fit(data).Transform(data);
        var model = ml.IOHFuse().Trainers.IohFuseLM(Options(seed, useText)).Fit(data);
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"iohfuse-rel-{Guid.NewGuid():N}.zip");
        ml.Model.Save(model, data.Schema, path);
        return new TinyModel(ml, data, model, path);
    }

    public void Dispose()
    {
        Model.Dispose();
        File.Delete(Path);
    }
}
