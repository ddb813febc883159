using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// Input of the clinical-text CustomMapping. The lowered chain gathers the user's attribute columns into two vectors
/// (so the mapping's contract does not depend on the user's column names or on which attributes are used).
/// </summary>
internal sealed class ClinicalTextMappingInput
{
    /// <summary>Slot 0 is a constant pad (Concatenate needs at least one column); the rest are numeric attributes.</summary>
    [ColumnName(ClinicalTextFeaturizer.NumbersColumn)]
    [VectorType]
    public float[] Numbers { get; set; } = Array.Empty<float>();

    /// <summary>Slot 0 is the constant state key; the rest are text attributes.</summary>
    [ColumnName(ClinicalTextFeaturizer.TextsColumn)]
    [VectorType]
    public ReadOnlyMemory<char>[] Texts { get; set; } = Array.Empty<ReadOnlyMemory<char>>();

    /// <summary>The featurizer's serialized state (same string on every row).</summary>
    [ColumnName(ClinicalTextFeaturizer.StateColumn)]
    public ReadOnlyMemory<char> State { get; set; }
}
