using System.Runtime.InteropServices;
using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// The clinical-text row mapping, registered under a versioned contract name so <c>mlContext.Model.Load</c> can
/// rebuild it. The state column is decoded once per loaded model and cached, keyed by the identity of the state
/// string (the ValueMapping hands out the same string on every row).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class ClinicalTextMappingFactory : CustomMappingFactory<ClinicalTextMappingInput, ClinicalTextMappingOutput>
{
    public const string ContractName = "IOHFuse.ClinicalText.v1";

    // One immutable (key, engine) pair replaced atomically: several PredictionEngines may map through this factory at
    // once, and a stale read only costs one extra decode.
    private sealed record Cached(string Key, ClinicalTextEngine Engine);

    private Cached? _cached;

    // Per thread, because cursors and PredictionEngines on different threads share this factory's mapping.
    private readonly ThreadLocal<RowMemo> _memo = new(() => new RowMemo());

    /// <summary>Creates a factory with an empty cache (ML.NET calls this when loading a model).</summary>
    public ClinicalTextMappingFactory()
    {
    }

    /// <summary>Creates a factory whose cache already holds a fitted engine (avoids a decode right after Fit).</summary>
    public ClinicalTextMappingFactory(string stateText, ClinicalTextEngine engine)
    {
        _cached = new Cached(stateText, engine);
    }

    public override Action<ClinicalTextMappingInput, ClinicalTextMappingOutput> GetMapping() => Map;

    private void Map(ClinicalTextMappingInput input, ClinicalTextMappingOutput output)
    {
        var engine = Resolve(input.State);
        // Windowed data repeats a case's attributes on consecutive rows: when this thread's previous row had the same
        // attributes, reuse its sentence and tokens instead of composing and hashing the sentence again.
        var memo = _memo.Value!;
        if (!memo.Matches(engine, input.Numbers, input.Texts))
        {
            string composed = engine.Compose(engine.Read(input.Numbers, input.Texts));
            memo.Store(engine, input.Numbers, input.Texts, composed, engine.Tokenizer.Encode(composed));
        }
        var ids = new long[engine.MaximumTokens];
        var mask = new float[engine.MaximumTokens];
        output.TokenCount = engine.Pad(memo.Tokens, ids, mask);
        output.Sentence = memo.Sentence.AsMemory();
        output.TokenIds = ids;
        output.TokenMask = mask;
    }

    /// <summary>The previous row seen by one thread: its gathered inputs and their sentence and tokens.</summary>
    private sealed class RowMemo
    {
        private ClinicalTextEngine? _engine;
        private float[] _numbers = Array.Empty<float>();
        private string[] _texts = Array.Empty<string>();

        public string Sentence { get; private set; } = "";

        public int[] Tokens { get; private set; } = Array.Empty<int>();

        public bool Matches(ClinicalTextEngine engine, float[] numbers, ReadOnlyMemory<char>[] texts)
        {
            if (!ReferenceEquals(engine, _engine) || numbers.Length != _numbers.Length || texts.Length != _texts.Length)
                return false;
            // SequenceEqual on floats treats NaN as equal to NaN, which is what "same missing value" means here.
            if (!numbers.AsSpan().SequenceEqual(_numbers))
                return false;
            // Slots 0 and 1 hold the constant state key.
            for (int i = ClinicalTextFeaturizer.FirstDataSlot; i < texts.Length; i++)
                if (!texts[i].Span.SequenceEqual(_texts[i]))
                    return false;
            return true;
        }

        public void Store(ClinicalTextEngine engine, float[] numbers, ReadOnlyMemory<char>[] texts, string sentence, int[] tokens)
        {
            _engine = engine;
            _numbers = (float[])numbers.Clone();
            _texts = new string[texts.Length];
            for (int i = ClinicalTextFeaturizer.FirstDataSlot; i < texts.Length; i++)
                _texts[i] = texts[i].ToString();
            Sentence = sentence;
            Tokens = tokens;
        }
    }

    private ClinicalTextEngine Resolve(ReadOnlyMemory<char> state)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null)
        {
            if (MemoryMarshal.TryGetString(state, out string? text, out int start, out int length)
                && ReferenceEquals(text, cached.Key) && start == 0 && length == text.Length)
                return cached.Engine;
            // Not the same string object (e.g. a copy): equal content is still the same state.
            if (state.Span.SequenceEqual(cached.Key))
                return cached.Engine;
        }
        string key = state.ToString();
        var engine = new ClinicalTextEngine(ClinicalTextState.Decode(key));
        // Keep the identity the ValueMapping hands out when possible, so later rows hit the fast path.
        if (MemoryMarshal.TryGetString(state, out string? original, out int s0, out int l0) && s0 == 0 && l0 == original.Length)
            key = original;
        Volatile.Write(ref _cached, new Cached(key, engine));
        return engine;
    }
}
