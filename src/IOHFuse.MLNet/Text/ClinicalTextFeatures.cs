namespace IOHFuse.MLNet.Text;

/// <summary>The featurization of one record: the sentence, its padded token ids and mask, and what was noticed.</summary>
public sealed class ClinicalTextFeatures
{
    internal ClinicalTextFeatures(string text, long[] tokenIds, float[] tokenMask, int tokenCount, IReadOnlyList<string> unseenCategories)
    {
        Text = text;
        TokenIds = Array.AsReadOnly(tokenIds);
        TokenMask = Array.AsReadOnly(tokenMask);
        TokenCount = tokenCount;
        UnseenCategories = unseenCategories;
    }

    /// <summary>The clinical sentence.</summary>
    public string Text { get; }

    /// <summary>Token ids, exactly <see cref="ClinicalTextFeaturizerOptions.MaximumTokens"/> of them (padding included).</summary>
    public IReadOnlyList<long> TokenIds { get; }

    /// <summary>The attention mask: 1 for a token, 0 for padding.</summary>
    public IReadOnlyList<float> TokenMask { get; }

    /// <summary>Number of tokens of the whole sentence, before truncation.</summary>
    public int TokenCount { get; }

    /// <summary>True when the sentence had more tokens than fit and its tail was cut.</summary>
    public bool IsTruncated => TokenCount > TokenIds.Count;

    /// <summary>Category values not seen during Fit, as "Column: value" (they are still phrased in the sentence).</summary>
    public IReadOnlyList<string> UnseenCategories { get; }
}
