using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace IOHFuse.Samples.WebApi;

/// <summary>One version of model.zip as loaded: its time base and a pool of engines over it.</summary>
internal sealed class LoadedModel : IDisposable
{
    private readonly ObjectPool<PredictionEngine<IohWindow, ModelPrediction>> _engines;

    public LoadedModel(string path, int version)
    {
        var ml = new MLContext(seed: 0);
        // LoadModel checks every IOHFuse state now, so a damaged file fails here (and the previous version stays).
        var model = ml.IOHFuse().LoadModel(path, out _);
        Info = ml.IOHFuse().GetModelInfo(model);
        Version = version;
        LoadedAt = DateTimeOffset.UtcNow;
        // PredictionEngine is IDisposable, so the provider gives a pool that disposes engines it drops or holds at Dispose.
        _engines = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 }.Create(new EnginePolicy(ml, model));
        // Create one engine now: input-schema errors surface at load, not on the first request.
        _engines.Return(_engines.Get());
    }

    public IohFuseModelInfo Info { get; }

    public int Version { get; }

    public DateTimeOffset LoadedAt { get; }

    public ModelPrediction Predict(IohWindow window)
    {
        var engine = _engines.Get();
        try
        {
            return engine.Predict(window);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    public void Dispose() => (_engines as IDisposable)?.Dispose();
}
