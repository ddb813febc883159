using IOHFuse.MLNet.Data;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Persistence;

/// <summary>Output row of the IOHFuseLM scoring mapping: ML.NET's binary-classification columns plus the forecast.</summary>
internal sealed class FusedScoringOutput
{
    [ColumnName(IohFuseColumns.Score)]
    public float Score { get; set; }

    [ColumnName(IohFuseColumns.Probability)]
    public float Probability { get; set; }

    [ColumnName(IohFuseColumns.PredictedLabel)]
    public bool PredictedLabel { get; set; }

    [ColumnName(IohFuseColumns.Forecast), VectorType]
    public float[] Forecast { get; set; } = Array.Empty<float>();
}
