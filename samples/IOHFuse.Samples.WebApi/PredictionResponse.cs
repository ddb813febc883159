namespace IOHFuse.Samples.WebApi;

/// <summary>The model's answer for one window.</summary>
/// <param name="Score">IOH logit.</param>
/// <param name="Probability">Calibrated probability that an IOH event (MAP &lt; 65 mmHg for ≥ 60 s) begins within the horizon.</param>
/// <param name="Alarm">Probability at or above the model's alarm threshold.</param>
/// <param name="Forecast">Forecast MAP after the prediction time, mmHg, one value per sample period.</param>
/// <param name="ModelVersion">Which load of model.zip answered (1 at start, +1 per reload).</param>
public sealed record PredictionResponse(float Score, float Probability, bool Alarm, float[] Forecast, int ModelVersion)
{
    internal static PredictionResponse From(ModelPrediction p, int version) => new(p.Score, p.Probability, p.PredictedLabel, p.Forecast, version);
}
