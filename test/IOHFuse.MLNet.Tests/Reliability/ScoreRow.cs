using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>The IOHFuseLM outputs as read by a PredictionEngine.</summary>
internal sealed class ScoreRow
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }

    [VectorType]
    public float[] Forecast { get; set; } = Array.Empty<float>();
}
