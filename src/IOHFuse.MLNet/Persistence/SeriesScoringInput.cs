using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Persistence;

/// <summary>Input row of the series-only (no text) scoring mapping.</summary>
internal sealed class SeriesScoringInput
{
    [ColumnName(ScoringColumns.History), VectorType]
    public float[] History { get; set; } = Array.Empty<float>();

    [ColumnName(ScoringColumns.State)]
    public ReadOnlyMemory<char> State { get; set; }
}
