namespace IOHFuse.MLNet.Text;

/// <summary>What featurizing a data set showed: sentence lengths, truncations and category values unseen at Fit.</summary>
public sealed class ClinicalTextStatistics
{
    internal ClinicalTextStatistics(long rowCount, long truncatedRowCount, int longestTokenCount, double meanTokenCount,
        long rowsWithUnseenCategories, IReadOnlyDictionary<string, long> unseenCategories)
    {
        RowCount = rowCount;
        TruncatedRowCount = truncatedRowCount;
        LongestTokenCount = longestTokenCount;
        MeanTokenCount = meanTokenCount;
        RowsWithUnseenCategories = rowsWithUnseenCategories;
        UnseenCategories = unseenCategories;
    }

    /// <summary>Rows read.</summary>
    public long RowCount { get; }

    /// <summary>Rows whose sentence had more tokens than <see cref="ClinicalTextFeaturizerOptions.MaximumTokens"/> and was cut.</summary>
    public long TruncatedRowCount { get; }

    /// <summary>Token count of the longest sentence, before truncation (0 when there were no rows).</summary>
    public int LongestTokenCount { get; }

    /// <summary>Mean token count before truncation (0 when there were no rows).</summary>
    public double MeanTokenCount { get; }

    /// <summary>Rows holding at least one category value not seen at Fit (always 0 for the training statistics).</summary>
    public long RowsWithUnseenCategories { get; }

    /// <summary>Unseen category values as "Column: value", with the number of rows holding each.</summary>
    public IReadOnlyDictionary<string, long> UnseenCategories { get; }
}
