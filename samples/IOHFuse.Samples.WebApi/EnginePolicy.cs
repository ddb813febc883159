using IOHFuse.MLNet.Data;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace IOHFuse.Samples.WebApi;

/// <summary>Creates PredictionEngines over one loaded model for the pool, as Microsoft.Extensions.ML's
/// PredictionEnginePool does: an engine is not thread-safe, so each request rents one.</summary>
internal sealed class EnginePolicy(MLContext ml, ITransformer model) : IPooledObjectPolicy<PredictionEngine<IohWindow, ModelPrediction>>
{
    public PredictionEngine<IohWindow, ModelPrediction> Create() => ml.Model.CreatePredictionEngine<IohWindow, ModelPrediction>(model);

    public bool Return(PredictionEngine<IohWindow, ModelPrediction> obj) => true;
}
