using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>Output row of the hand-feature mapping: a fixed-size vector named "MapFeatures".</summary>
internal sealed class HandFeaturesOutput
{
    public const string ColumnName = "MapFeatures";

    [ColumnName(ColumnName), VectorType(14)]
    public float[] Features { get; set; } = new float[14];
}
