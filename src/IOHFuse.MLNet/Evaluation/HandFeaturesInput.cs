using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>Input row of the hand-feature mapping: the history and the stored sample period.</summary>
internal sealed class HandFeaturesInput
{
    public const string HistoryColumn = "__IOHFuse_HandHistory";
    public const string StateColumn = "__IOHFuse_HandState";

    [ColumnName(HistoryColumn), VectorType]
    public float[] History { get; set; } = Array.Empty<float>();

    [ColumnName(StateColumn)]
    public string State { get; set; } = string.Empty;
}
