using Microsoft.ML.Data;

namespace IOHFuse.Soak;

/// <summary>The IOHFuseLM outputs read by the PredictionEngine.</summary>
internal sealed class SoakPrediction
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }

    [VectorType]
    public float[] Forecast { get; set; } = Array.Empty<float>();
}
