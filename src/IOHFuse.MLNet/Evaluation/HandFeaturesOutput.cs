using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>Output row of the hand-feature mapping: a fixed-size vector named "MapFeatures".</summary>
internal sealed class HandFeaturesOutput
{
    public const string ColumnName = "MapFeatures";
    public const int Size = 15;

    [ColumnName(ColumnName), VectorType(Size)]
    public float[] Features { get; set; } = new float[Size];
}
