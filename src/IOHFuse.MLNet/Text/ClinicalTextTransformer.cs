using System.Collections.ObjectModel;
using IOHFuse.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// The fitted clinical-text featurizer. Its work and persistence are done by a chain of built-in ML.NET transforms
/// (<see cref="LoweredTransformer.Inner"/>): after <c>mlContext.Model.Load</c> that chain is what comes back, and it
/// produces the same outputs. This typed object adds the options, the vocabulary size the trainer needs, the Fit
/// statistics and single-record featurization.
/// </summary>
public sealed class ClinicalTextTransformer : LoweredTransformer
{
    private const int MaximumVocabularyPerColumn = 10_000;

    private readonly ClinicalTextFeaturizerOptions _options;
    private readonly List<ColumnPlan> _plan;
    private readonly ClinicalTextEngine _engine;
    private readonly ITransformer _core;
    private readonly Dictionary<string, HashSet<string>> _vocabulary;

    internal ClinicalTextTransformer(ClinicalTextFeaturizerOptions options, List<ColumnPlan> plan, ClinicalTextEngine engine,
        ITransformer inner, ITransformer core, Dictionary<string, HashSet<string>> vocabulary, ClinicalTextStatistics trainingStatistics)
        : base(inner)
    {
        _options = options;
        _plan = plan;
        _engine = engine;
        _core = core;
        _vocabulary = vocabulary;
        TrainingStatistics = trainingStatistics;
        KnownCategories = new ReadOnlyDictionary<string, IReadOnlyCollection<string>>(
            vocabulary.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)kv.Value.Order(StringComparer.Ordinal).ToList().AsReadOnly()));
    }

    /// <summary>A copy of the options the transformer was fitted with.</summary>
    public ClinicalTextFeaturizerOptions Options => _options.Clone();

    /// <summary>Number of token positions per row (the length of the id and mask vectors).</summary>
    public int MaximumTokens => _engine.MaximumTokens;

    /// <summary>
    /// Size of the token vocabulary an embedding must cover: GPT-2's 50,257 ids plus one per domain word, or more when
    /// <see cref="ClinicalTextFeaturizerOptions.PaddingTokenId"/> lies beyond that.
    /// </summary>
    public int VocabularySize => Math.Max(ClinicalTextTokenizer.Gpt2VocabularySize + _engine.Tokenizer.DomainWordCount, _options.PaddingTokenId + 1);

    /// <summary>Token id of each domain word (ids from 50257 in <see cref="ClinicalTextFeaturizerOptions.DomainWords"/> order).</summary>
    public IReadOnlyDictionary<string, int> DomainTokenIds =>
        _options.DomainWords.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => ClinicalTextTokenizer.Gpt2VocabularySize + x.i);

    /// <summary>Statistics over the training data: rows, sentence lengths and truncations (also logged during Fit).</summary>
    public ClinicalTextStatistics TrainingStatistics { get; }

    /// <summary>Category values seen during Fit, per text attribute column (at most 10,000 per column are kept).</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> KnownCategories { get; }

    /// <summary>Featurizes one record directly: the sentence, its token ids and mask, and unseen category values.</summary>
    /// <param name="record">The patient's attributes; those whose column is not configured are ignored.</param>
    public ClinicalTextFeatures Featurize(ClinicalTextRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var values = new ClinicalValues();
        var unseen = new List<string>();
        foreach (var p in _plan)
        {
            if (p.Attribute == ClinicalAttribute.Extra)
            {
                record.Extras.TryGetValue(p.Column, out string? extra);
                values.Extras.Add(new(p.Column, string.IsNullOrWhiteSpace(extra) ? "unknown" : extra.Trim()));
                if (p.IsCategorical)
                    NoteUnseen(p.Column, extra, unseen);
                continue;
            }
            values.Used[(int)p.Attribute] = true;
            switch (p.Attribute)
            {
                case ClinicalAttribute.Age: values.Age = record.Age; break;
                case ClinicalAttribute.Height: values.Height = record.Height; break;
                case ClinicalAttribute.Weight: values.Weight = record.Weight; break;
                case ClinicalAttribute.Bmi: values.Bmi = record.Bmi; break;
                case ClinicalAttribute.Asa: values.Asa = record.Asa; break;
                case ClinicalAttribute.Emergency: values.Emergency = record.Emergency; break;
                case ClinicalAttribute.Sex: values.Sex = record.Sex; NoteUnseen(p.Column, record.Sex, unseen); break;
                case ClinicalAttribute.Department: values.Department = record.Department; NoteUnseen(p.Column, record.Department, unseen); break;
                case ClinicalAttribute.SurgeryType: values.SurgeryType = record.SurgeryType; NoteUnseen(p.Column, record.SurgeryType, unseen); break;
                case ClinicalAttribute.SurgeryName: values.SurgeryName = record.SurgeryName; NoteUnseen(p.Column, record.SurgeryName, unseen); break;
                case ClinicalAttribute.Approach: values.Approach = record.Approach; NoteUnseen(p.Column, record.Approach, unseen); break;
                case ClinicalAttribute.Anesthesia: values.Anesthesia = record.Anesthesia; NoteUnseen(p.Column, record.Anesthesia, unseen); break;
            }
        }
        string sentence = _engine.Compose(values);
        var ids = new long[MaximumTokens];
        var mask = new float[MaximumTokens];
        int count = _engine.Tokenize(sentence, ids, mask);
        return new ClinicalTextFeatures(sentence, ids, mask, count, unseen.AsReadOnly());
    }

    /// <summary>
    /// Featurizes <paramref name="data"/> once and reports sentence lengths, truncations and category values unseen
    /// during Fit (which are still phrased in the sentences).
    /// </summary>
    /// <param name="data">Data with the same attribute columns as the training data.</param>
    public ClinicalTextStatistics ComputeStatistics(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ValidateInputSchema(data.Schema);
        return Scan(_core.Transform(data), _plan, MaximumTokens, _vocabulary, learn: false);
    }

    /// <inheritdoc />
    protected override void ValidateInputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var (now, problems) = ClinicalTextFeaturizer.TryPlan(_options, ClinicalTextFeaturizer.SchemaLookup(inputSchema));
        foreach (var fitted in _plan)
        {
            if (now.FirstOrDefault(p => p.Column == fitted.Column && p.Attribute == fitted.Attribute) is { } current && !current.Type.Equals(fitted.Type))
                problems.Add($"Column '{fitted.Column}' ({fitted.OptionName}) had type {fitted.Type} when the clinical-text featurizer was fitted but has type {current.Type} now.");
        }
        ClinicalTextFeaturizer.ThrowIfAny(problems);
    }

    private void NoteUnseen(string column, string? value, List<string> unseen)
    {
        if (string.IsNullOrWhiteSpace(value) || !_vocabulary.TryGetValue(column, out var known))
            return;
        string v = value.Trim();
        if (known.Count < MaximumVocabularyPerColumn && !known.Contains(v))
            unseen.Add($"{column}: {v}");
    }

    /// <summary>
    /// One pass over the mapped (not yet finished) view: counts tokens and truncations and either learns the category
    /// values (<paramref name="learn"/>) or counts values missing from the vocabulary.
    /// </summary>
    internal static ClinicalTextStatistics Scan(IDataView mapped, List<ColumnPlan> plan, int maximumTokens,
        Dictionary<string, HashSet<string>> vocabulary, bool learn)
    {
        var categorical = plan.Where(p => p.IsCategorical).ToList();
        var textsColumn = mapped.Schema[ClinicalTextFeaturizer.TextsColumn];
        var countColumn = mapped.Schema[ClinicalTextFeaturizer.CountColumn];
        long rows = 0, truncated = 0, unseenRows = 0, tokenSum = 0;
        int longest = 0;
        var unseen = new Dictionary<string, long>(StringComparer.Ordinal);
        var texts = default(VBuffer<ReadOnlyMemory<char>>);
        int count = 0;
        using (var cursor = mapped.GetRowCursor(categorical.Count > 0 ? new[] { textsColumn, countColumn } : new[] { countColumn }))
        {
            var countGetter = cursor.GetGetter<int>(countColumn);
            var textsGetter = categorical.Count > 0 ? cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(textsColumn) : null;
            while (cursor.MoveNext())
            {
                rows++;
                countGetter(ref count);
                tokenSum += count;
                longest = Math.Max(longest, count);
                if (count > maximumTokens)
                    truncated++;
                if (textsGetter is null)
                    continue;
                textsGetter(ref texts);
                // The gathered text vector is dense (Concatenate of scalars), so its values span is indexed by slot.
                var values = texts.GetValues();
                bool rowUnseen = false;
                foreach (var p in categorical)
                {
                    var raw = p.Slot < values.Length ? values[p.Slot].Span.Trim() : default;
                    if (raw.IsEmpty)
                        continue;
                    var known = vocabulary[p.Column];
                    var lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
                    if (lookup.Contains(raw))
                        continue;
                    if (learn)
                    {
                        if (known.Count < MaximumVocabularyPerColumn)
                            known.Add(raw.ToString());
                    }
                    else if (known.Count < MaximumVocabularyPerColumn)
                    {
                        rowUnseen = true;
                        string key = $"{p.Column}: {raw}";
                        unseen[key] = unseen.GetValueOrDefault(key) + 1;
                    }
                }
                if (rowUnseen)
                    unseenRows++;
            }
        }
        return new ClinicalTextStatistics(rows, truncated, longest, rows == 0 ? 0 : (double)tokenSum / rows, unseenRows,
            new ReadOnlyDictionary<string, long>(unseen));
    }
}
