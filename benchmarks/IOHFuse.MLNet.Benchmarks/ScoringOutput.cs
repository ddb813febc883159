using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>The columns a PredictionEngine reads back from the IOHFuseLM model.</summary>
public sealed class ScoringOutput
{
    /// <summary>Raw logit.</summary>
    public float Score { get; set; }

    /// <summary>Calibrated probability.</summary>
    public float Probability { get; set; }

    /// <summary>Forecast MAP, mmHg.</summary>
    [VectorType]
    public float[] Forecast { get; set; } = Array.Empty<float>();
}
