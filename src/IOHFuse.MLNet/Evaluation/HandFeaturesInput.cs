using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>Input row of the hand-feature mapping.</summary>
internal sealed class HandFeaturesInput
{
    [ColumnName("__IOHFuse_HandHistory"), VectorType]
    public float[] History { get; set; } = Array.Empty<float>();
}
