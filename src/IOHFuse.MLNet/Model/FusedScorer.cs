using System.Text;
using System.Text.Json;
using IOHFuse.MLNet.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

/// <summary>
/// A trained network plus its calibration, in evaluation mode, scoring rows or batches through
/// <see cref="FusedInference"/>. Thread-safe for scoring: the weights are only read, and each call uses its own
/// dispose scope.
/// </summary>
internal sealed class FusedScorer : IDisposable
{
    public const string StateComponent = "IohFuseLM";
    // 2: text models store their compact vocabulary (TokenVocabulary) instead of embedding every GPT-2 id.
    public const int StateVersion = 2;
    private static readonly byte[] PayloadMagic = "IFLM"u8.ToArray();

    public FusedScorer(FusedNetwork network, FusedModelMetadata metadata, Device device)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        metadata.Validate();
        Vocabulary = metadata.Vocabulary is null ? null : new TokenVocabulary(metadata.Vocabulary);
        Device = device;
        Network.eval();
        _inference = new FusedInference(network, device);
    }

    private readonly FusedInference _inference;

    public FusedNetwork Network { get; }
    public FusedModelMetadata Metadata { get; }
    public Device Device { get; }
    public FusedModelConfig Config => Metadata.Config;

    /// <summary>Maps the featurizer's token ids to embedding rows (null for a series-only model).</summary>
    public TokenVocabulary? Vocabulary { get; }

    /// <summary>Calibrated probability from a raw score (<see cref="FusedModelMetadata.Probability"/>).</summary>
    public float Probability(float score) => Metadata.Probability(score);

    /// <summary>Scores <paramref name="count"/> rows laid out back to back; writes logits and forecasts (mmHg).</summary>
    public void ScoreBatch(ReadOnlySpan<float> history, ReadOnlySpan<long> tokenIds, ReadOnlySpan<float> tokenMask, int count,
        Span<float> logits, Span<float> forecastMmHg)
    {
        var cfg = Config;
        CheckInputs(history, tokenIds, tokenMask, count);
        if (!cfg.UsesText)
        {
            _inference.Score(history, ReadOnlySpan<long>.Empty, ReadOnlySpan<float>.Empty, count, logits[..count], forecastMmHg[..(count * cfg.ForecastLength)]);
            return;
        }
        // Embedding rows of the ids: on the stack for a row or a few, rented beyond that.
        long[]? rented = tokenIds.Length > MaximumStackTokens ? System.Buffers.ArrayPool<long>.Shared.Rent(tokenIds.Length) : null;
        try
        {
            Span<long> rows = rented is null ? stackalloc long[tokenIds.Length] : rented.AsSpan(0, tokenIds.Length);
            Vocabulary!.ToRows(tokenIds, rows);
            _inference.Score(history, rows, tokenMask, count, logits[..count], forecastMmHg[..(count * cfg.ForecastLength)]);
        }
        finally
        {
            if (rented is not null)
                System.Buffers.ArrayPool<long>.Shared.Return(rented);
        }
    }

    /// <summary>Token positions whose rows are mapped on the stack (2 KB).</summary>
    private const int MaximumStackTokens = 256;

    private void CheckInputs(ReadOnlySpan<float> history, ReadOnlySpan<long> tokenIds, ReadOnlySpan<float> tokenMask, int count)
    {
        var cfg = Config;
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "must be positive.");
        if (history.Length != count * cfg.HistoryLength)
            throw new ArgumentException($"The MAP history must have {cfg.HistoryLength} values per row (this model's history length), but got {history.Length / Math.Max(count, 1)}.", nameof(history));
        for (int i = 0; i < history.Length; i++)
        {
            float v = history[i];
            if (!float.IsFinite(v) || v < FusedModelConfig.MinimumMap || v > FusedModelConfig.MaximumMap)
                throw new ArgumentOutOfRangeException(nameof(history), v,
                    $"MAP history value {v} at position {i % cfg.HistoryLength} is not a physiological pressure (finite, {FusedModelConfig.MinimumMap}–{FusedModelConfig.MaximumMap} mmHg). Clean artifacts and fill gaps before scoring.");
        }
        if (!cfg.UsesText)
            return;
        if (tokenIds.Length != count * cfg.TextLength || tokenMask.Length != count * cfg.TextLength)
            throw new ArgumentException($"Token ids and mask must have {cfg.TextLength} values per row (this model's text length), but got {tokenIds.Length / Math.Max(count, 1)} and {tokenMask.Length / Math.Max(count, 1)}.", nameof(tokenIds));
        foreach (long id in tokenIds)
        {
            // Ids the model never saw in training are valid: they share the unknown-token row.
            if (id < 0)
                throw new ArgumentOutOfRangeException(nameof(tokenIds), id, $"Token id {id} is negative; token ids come from the clinical-text featurizer.");
        }
    }

    /// <summary>Serialises metadata and weights into the versioned text envelope stored in model.zip.</summary>
    public string ToStateText()
    {
        using var buffer = new MemoryStream();
        buffer.Write(PayloadMagic);
        byte[] json = FusedModelStateDto.Serialize(Metadata);
        buffer.Write(BitConverter.GetBytes(json.Length));
        buffer.Write(json);
        // state_dict saved from the CPU so a model trained on a GPU loads anywhere.
        // TorchSharp's save closes its stream, so the weights go through their own buffer.
        var weights = new MemoryStream();
        if (Device.type == DeviceType.CPU)
        {
            Network.save(weights);
        }
        else
        {
            using var cpuCopy = new FusedNetwork(Config, initialWeights: null);
            using (torch.no_grad())
                cpuCopy.load_state_dict(Network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.cpu()));
            cpuCopy.save(weights);
        }
        buffer.Write(weights.ToArray());
        return StateEnvelope.Encode(StateComponent, StateVersion, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads only the metadata of a state (no network is built).</summary>
    /// <exception cref="InvalidDataException">The state is corrupt or from another format version.</exception>
    public static FusedModelMetadata MetadataFromStateText(ReadOnlySpan<char> stateText) => ReadPayload(stateText).Metadata;

    private static (byte[] Payload, int JsonLength, FusedModelMetadata Metadata) ReadPayload(ReadOnlySpan<char> stateText)
    {
        byte[] payload = StateEnvelope.Decode(stateText, StateComponent, StateVersion);
        if (payload.Length < 8 || !payload.AsSpan(0, 4).SequenceEqual(PayloadMagic))
            throw new InvalidDataException("The IOHFuseLM state in this model is corrupt (bad payload header).");
        int jsonLength = BitConverter.ToInt32(payload, 4);
        if (jsonLength <= 0 || jsonLength > payload.Length - 8)
            throw new InvalidDataException("The IOHFuseLM state in this model is corrupt (bad metadata length).");
        FusedModelMetadata metadata;
        try
        {
            metadata = FusedModelStateDto.Deserialize(payload.AsSpan(8, jsonLength));
            metadata.Validate();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"The IOHFuseLM state in this model has unreadable metadata: {ex.Message}", ex);
        }
        return (payload, jsonLength, metadata);
    }

    /// <summary>Rebuilds a scorer from <see cref="ToStateText"/> output.</summary>
    /// <exception cref="InvalidDataException">The state is corrupt or from another format version.</exception>
    public static FusedScorer FromStateText(ReadOnlySpan<char> stateText, Device device)
    {
        var (payload, jsonLength, metadata) = ReadPayload(stateText);
        var network = new FusedNetwork(metadata.Config, initialWeights: null);
        try
        {
            using var weights = new MemoryStream(payload, 8 + jsonLength, payload.Length - 8 - jsonLength, writable: false);
            network.load(weights, strict: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            network.Dispose();
            throw new InvalidDataException($"The IOHFuseLM weights in this model are corrupt or do not match its architecture: {ex.Message}", ex);
        }
        network.to(device);
        return new FusedScorer(network, metadata, device);
    }

    public void Dispose()
    {
        _inference.Dispose();
        Network.Dispose();
    }

    internal static string Describe(FusedModelConfig c) =>
        new StringBuilder().Append($"d={c.ModelDimension}, heads={c.NumberOfHeads}, layers={c.NumberOfLayers}, patch={c.PatchLength}, text={c.TextLength}").ToString();
}
