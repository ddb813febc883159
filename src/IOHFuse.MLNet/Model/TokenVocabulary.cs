namespace IOHFuse.MLNet.Model;

/// <summary>
/// The token ids a model was trained on, each given its own embedding row; row 0 is the unknown token. The
/// featurizer emits GPT-2 ids (plus domain words above GPT-2's range), but a cohort's sentences use a few hundred of
/// them: an embedding of all 50,000+ GPT-2 rows would be almost all random weights that no gradient ever reaches,
/// most of model.zip, and seconds of loading. Built at Fit from the training rows and stored in the model.
/// </summary>
internal sealed class TokenVocabulary
{
    /// <summary>Embedding row of any id the training rows did not contain. Initialised to zero and never trained, so
    /// an unseen token adds only its position embedding.</summary>
    public const int UnknownRow = 0;

    private readonly long[] _ids;

    /// <summary>Wraps ids already sorted and distinct (row of <c>ids[i]</c> is i + 1).</summary>
    public TokenVocabulary(long[] sortedDistinctIds)
    {
        ArgumentNullException.ThrowIfNull(sortedDistinctIds);
        for (int i = 0; i < sortedDistinctIds.Length; i++)
        {
            if (sortedDistinctIds[i] < 0 || (i > 0 && sortedDistinctIds[i] <= sortedDistinctIds[i - 1]))
                throw new ArgumentException("Token ids must be non-negative, sorted and distinct.", nameof(sortedDistinctIds));
        }
        _ids = sortedDistinctIds;
    }

    /// <summary>The vocabulary of every id in <paramref name="ids"/>.</summary>
    public static TokenVocabulary FromIds(ReadOnlySpan<long> ids)
    {
        var distinct = new SortedSet<long>();
        foreach (long id in ids)
            distinct.Add(id);
        return new TokenVocabulary(distinct.ToArray());
    }

    /// <summary>The known ids in row order (row i + 1), as stored in the model.</summary>
    public IReadOnlyList<long> Ids => _ids;

    /// <summary>Embedding rows: the known ids plus the unknown row.</summary>
    public int RowCount => _ids.Length + 1;

    /// <summary>The embedding row of <paramref name="id"/> (<see cref="UnknownRow"/> when it was not in training).</summary>
    public long RowOf(long id)
    {
        int i = Array.BinarySearch(_ids, id);
        return i >= 0 ? i + 1 : UnknownRow;
    }

    /// <summary>Rows of <paramref name="ids"/>, written to <paramref name="rows"/> (may be the same memory).</summary>
    public void ToRows(ReadOnlySpan<long> ids, Span<long> rows)
    {
        if (rows.Length < ids.Length)
            throw new ArgumentException($"needs room for {ids.Length} rows.", nameof(rows));
        for (int i = 0; i < ids.Length; i++)
            rows[i] = RowOf(ids[i]);
    }
}
