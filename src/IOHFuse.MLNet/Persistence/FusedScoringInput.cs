using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Persistence;

/// <summary>Input row of the text + series scoring mapping. Vector sizes are checked against the model at run time.</summary>
internal sealed class FusedScoringInput
{
    [ColumnName(ScoringColumns.History), VectorType]
    public float[] History { get; set; } = Array.Empty<float>();

    [ColumnName(ScoringColumns.TokenIds), VectorType]
    public long[] TokenIds { get; set; } = Array.Empty<long>();

    [ColumnName(ScoringColumns.TokenMask), VectorType]
    public float[] TokenMask { get; set; } = Array.Empty<float>();

    [ColumnName(ScoringColumns.State)]
    public ReadOnlyMemory<char> State { get; set; }
}
