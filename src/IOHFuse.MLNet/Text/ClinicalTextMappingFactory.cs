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
        var values = engine.Read(input.Numbers, input.Texts);
        string sentence = engine.Compose(values);
        var ids = new long[engine.MaximumTokens];
        var mask = new float[engine.MaximumTokens];
        output.TokenCount = engine.Tokenize(sentence, ids, mask);
        output.Sentence = sentence.AsMemory();
        output.TokenIds = ids;
        output.TokenMask = mask;
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
