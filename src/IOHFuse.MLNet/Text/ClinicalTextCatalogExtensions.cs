using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Text;

namespace IOHFuse.MLNet;

/// <summary>Catalog entries of the clinical-text featurizer on <c>mlContext.IOHFuse().Transforms</c>.</summary>
public static class ClinicalTextCatalogExtensions
{
    /// <summary>
    /// Turns the default attribute columns (<see cref="IohFuseColumns.Age"/>, <see cref="IohFuseColumns.Sex"/>, ...,
    /// <see cref="IohFuseColumns.Anesthesia"/>) into a clinical sentence and its GPT-2 BPE token ids and mask.
    /// Every default attribute column must be present; use the options overload to rename or leave out attributes.
    /// </summary>
    /// <param name="catalog">The IOHFuse transforms catalog.</param>
    /// <param name="tokenIdsColumnName">Output Int64 vector of token ids.</param>
    /// <param name="tokenMaskColumnName">Output Single vector, 1 for a token and 0 for padding.</param>
    /// <param name="outputTextColumnName">Output text column for the sentence; null = do not emit it.</param>
    /// <param name="maximumTokens">Token positions per row, from 1 to 4096 (default 80).</param>
    /// <example>
    /// <code>
    /// var featurizer = mlContext.IOHFuse().Transforms.FeaturizeClinicalText();
    /// // "A 72-year-old elderly male, BMI 27.4 (overweight), ASA class 3, undergoing elective colorectal surgery
    /// //  (low anterior resection) in general surgery, open approach, under general anaesthesia."
    /// </code>
    /// </example>
    public static ClinicalTextFeaturizer FeaturizeClinicalText(this IOHFuseTransformsCatalog catalog,
        string tokenIdsColumnName = IohFuseColumns.TokenIds,
        string tokenMaskColumnName = IohFuseColumns.TokenMask,
        string? outputTextColumnName = IohFuseColumns.ClinicalText,
        int maximumTokens = ClinicalTextFeaturizerOptions.DefaultMaximumTokens)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenIdsColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenMaskColumnName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumTokens, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maximumTokens, 4096);
        return new ClinicalTextFeaturizer(catalog.Context, new ClinicalTextFeaturizerOptions
        {
            TokenIdsColumnName = tokenIdsColumnName,
            TokenMaskColumnName = tokenMaskColumnName,
            OutputTextColumnName = outputTextColumnName,
            MaximumTokens = maximumTokens,
        });
    }

    /// <summary>Turns static patient attributes into a clinical sentence and its GPT-2 BPE token ids and mask.</summary>
    /// <param name="catalog">The IOHFuse transforms catalog.</param>
    /// <param name="options">Column names, template, token length, domain words and padding id.</param>
    public static ClinicalTextFeaturizer FeaturizeClinicalText(this IOHFuseTransformsCatalog catalog, ClinicalTextFeaturizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new ClinicalTextFeaturizer(catalog.Context, options);
    }
}
