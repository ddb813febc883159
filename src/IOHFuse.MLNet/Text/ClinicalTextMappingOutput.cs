using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// Output of the clinical-text CustomMapping. The vectors are declared variable-size because the length is an option
/// (CustomMapping needs sizes at compile time and does not save schema definitions); they always hold exactly
/// MaximumTokens elements.
/// </summary>
internal sealed class ClinicalTextMappingOutput
{
    [ColumnName(ClinicalTextFeaturizer.SentenceColumn)]
    public ReadOnlyMemory<char> Sentence { get; set; }

    [ColumnName(ClinicalTextFeaturizer.IdsColumn)]
    [VectorType]
    public long[] TokenIds { get; set; } = Array.Empty<long>();

    [ColumnName(ClinicalTextFeaturizer.MaskColumn)]
    [VectorType]
    public float[] TokenMask { get; set; } = Array.Empty<float>();

    /// <summary>Token count before truncation (used for Fit statistics, dropped from the output).</summary>
    [ColumnName(ClinicalTextFeaturizer.CountColumn)]
    public int TokenCount { get; set; }
}
