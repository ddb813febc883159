using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Persistence;
using IOHFuse.MLNet.Text;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet;

/// <summary>Loading an IOHFuse model.zip with its states checked up front.</summary>
public static class ModelCatalogExtensions
{
    /// <summary>
    /// Loads a model.zip saved from an IOHFuse pipeline and checks every IOHFuse component in it (format version,
    /// compressed state, weights against the architecture) before returning. <c>mlContext.Model.Load</c> loads the
    /// same file, but the IOHFuse states in it are only decoded on the first prediction, so a damaged or foreign file
    /// surfaces there; this method fails at load instead, naming the file and the problem. The model it returns also
    /// checks every input schema it is given (by <c>CreatePredictionEngine</c>, <c>Transform</c> or
    /// <c>GetOutputSchema</c>) against the columns the chain needs, and names every missing or mistyped column in one
    /// message (the columns are listed in docs/scoring-schema.md). The network is decoded on the device the MLContext
    /// asks for, by ML.NET's rule: CUDA device <c>GpuDeviceId</c> when it is set and CUDA is available, else the CPU
    /// (plain <c>Model.Load</c> scores on the CPU: ML.NET gives the scoring step no MLContext).
    /// </summary>
    /// <param name="catalog">The IOHFuse catalog.</param>
    /// <param name="path">The model.zip.</param>
    /// <param name="inputSchema">The input schema the model was saved with.</param>
    /// <returns>The loaded chain (the one <c>mlContext.Model.Load</c> returns) behind the input check; saving it saves
    /// that chain.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable ML.NET model (truncated, damaged), holds no
    /// IOHFuse component, or holds one that is corrupt or from another state format version.</exception>
    /// <exception cref="InvalidOperationException">The MLContext asks for a GPU (<c>GpuDeviceId</c>) that is not
    /// available and does not allow the CPU instead (<c>FallbackToCpu</c> false).</exception>
    public static ITransformer LoadModel(this IOHFuseCatalog catalog, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        var ml = catalog.Context;
        var device = TorchRuntime.ResolveDevice(ComputeDevice.Auto, ml);
        ITransformer model;
        try
        {
            model = ml.Model.Load(path, out inputSchema);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // ML.NET reports damaged archives with a mix of exception types (zip, format, its own contract errors);
            // one type with the file name is what a caller can handle.
            // ML.NET's outer message is often generic ("Error during class instantiation"): the cause is further in.
            string detail = string.Join(" → ", Chain(ex).Select(e => e.Message).Distinct());
            string hint = detail.Contains("IOHFuse.", StringComparison.Ordinal)
                ? " It names an IOHFuse component this version of IOHFuse.MLNet does not know: it was probably saved by a different library version."
                : string.Empty;
            throw new InvalidDataException($"'{path}' is not a readable ML.NET model.zip (truncated, damaged or from an incompatible version): {detail}.{hint}", ex);
        }

        int checkedStates = 0;
        var decoded = new List<FusedScorer>();
        foreach (var mapping in ValueMappings(model))
        {
            foreach (string state in StatesOf(ml, mapping))
            {
                try
                {
                    if (CheckState(state, device) is { } scorer)
                        decoded.Add(scorer);
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidDataException($"'{path}': {ex.Message}", ex);
                }
                checkedStates++;
            }
        }
        if (checkedStates == 0)
            throw new InvalidDataException(
                $"'{path}' is an ML.NET model but holds no IOHFuse component (no IOHFuseLM model, no clinical-text featurizer): it was not saved from an IOHFuse pipeline, so it has no IOHFuse outputs. Load it with mlContext.Model.Load if that is intended.");
        var checkedModel = new InputCheckedModel(model, ScoringInputCheck.Discover(model, inputSchema));
        // The networks decoded by the check are the ones the first prediction uses (ScorerCache, by checksum); the
        // loaded model keeps them alive, so that prediction does not decode them a second time.
        s_decodedAtLoad.AddOrUpdate(checkedModel, decoded);
        return checkedModel;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ITransformer, List<FusedScorer>> s_decodedAtLoad = new();

    /// <summary>
    /// The time base, inputs, calibration and alarm threshold of the IOHFuseLM model inside a fitted or loaded chain
    /// (for example the one <see cref="LoadModel"/> returns), read from its stored state.
    /// </summary>
    /// <param name="catalog">The IOHFuse catalog.</param>
    /// <param name="model">A chain holding one IOHFuseLM model.</param>
    /// <exception cref="ArgumentException">The chain holds no IOHFuseLM model.</exception>
    public static IohFuseModelInfo GetModelInfo(this IOHFuseCatalog catalog, ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        if (model is Training.IohFuseLMTransformer fitted)
            return fitted.Info;
        foreach (var mapping in ValueMappings(model))
            foreach (string state in StatesOf(catalog.Context, mapping))
                if (state.StartsWith($"{StateEnvelope.Magic}|{FusedScorer.StateComponent}|", StringComparison.Ordinal))
                    return new IohFuseModelInfo(FusedScorer.MetadataFromStateText(state));
        if (model is IEnumerable<ITransformer> chain)
            foreach (var inner in chain)
                if (inner is Training.IohFuseLMTransformer t)
                    return t.Info;
        throw new ArgumentException("The model holds no IOHFuseLM model.", nameof(model));
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            yield return e;
    }

    /// <summary>ValueMapping transforms anywhere in the (possibly nested) chain: IOHFuse stores its states in them.</summary>
    private static IEnumerable<ValueMappingTransformer> ValueMappings(ITransformer transformer)
    {
        if (transformer is ValueMappingTransformer mapping)
        {
            yield return mapping;
        }
        else if (transformer is InputCheckedModel checkedModel)
        {
            foreach (var found in ValueMappings(checkedModel.Inner))
                yield return found;
        }
        else if (transformer is IEnumerable<ITransformer> chain)
        {
            foreach (var inner in chain)
                foreach (var found in ValueMappings(inner))
                    yield return found;
        }
    }

    /// <summary>Looks up the constant state key in one ValueMapping and returns the IOHFuse states it yields.</summary>
    private static IEnumerable<string> StatesOf(MLContext ml, ValueMappingTransformer mapping)
    {
        var probe = ml.Data.LoadFromEnumerable(new[] { new StateKeyOutput() });
        IDataView mapped;
        try
        {
            mapped = mapping.Transform(probe);
        }
        catch (ArgumentException)
        {
            yield break; // A user's own ValueMapping keyed on another column: not an IOHFuse state.
        }
        var texts = mapped.Schema.Where(c => c.Type is TextDataViewType && c.Name != StateLowering.KeyColumn).ToList();
        if (texts.Count == 0)
            yield break;
        var values = new List<string>();
        using (var cursor = mapped.GetRowCursor(texts))
        {
            var getters = texts.Select(c => cursor.GetGetter<ReadOnlyMemory<char>>(c)).ToList();
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                foreach (var get in getters)
                {
                    get(ref value);
                    if (value.Span.StartsWith(StateEnvelope.Magic + "|", StringComparison.Ordinal))
                        values.Add(value.ToString());
                }
            }
        }
        foreach (string v in values)
            yield return v;
    }

    /// <summary>Decodes a state fully, so corruption and version mismatches surface here; an IOHFuseLM network stays in
    /// the scorer cache for the first prediction.</summary>
    /// <returns>The decoded IOHFuseLM scorer, or null for the other components.</returns>
    private static FusedScorer? CheckState(string state, TorchSharp.torch.Device device)
    {
        if (state.StartsWith($"{StateEnvelope.Magic}|{FusedScorer.StateComponent}|", StringComparison.Ordinal))
            return ScorerCache.Shared.Get(state.AsMemory(), device);
        if (state.StartsWith($"{StateEnvelope.Magic}|{ClinicalTextState.Component}|", StringComparison.Ordinal))
        {
            try
            {
                ClinicalTextState.Decode(state);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new InvalidDataException($"The IOHFuse {ClinicalTextState.Component} state is corrupt (unreadable settings): {ex.Message}", ex);
            }
            return null;
        }
        if (state.StartsWith($"{StateEnvelope.Magic}|{Evaluation.HandFeaturesMappingFactory.StateComponent}|", StringComparison.Ordinal))
        {
            Evaluation.HandFeaturesMappingFactory.DecodeState(state);
            return null;
        }
        throw new InvalidDataException($"It holds an IOHFuse state of a component this version of IOHFuse.MLNet does not know ('{state[..Math.Min(state.Length, 40)]}').");
    }
}
