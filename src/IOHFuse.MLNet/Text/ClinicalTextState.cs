using System.Text.Json;
using IOHFuse.MLNet.Persistence;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// Everything the row mapping needs, serialized as JSON into the model (via <see cref="StateEnvelope"/>). Column names
/// are not needed to map (the lowered chain gathers the columns into fixed slots) but are kept for extras' phrasing.
/// </summary>
internal sealed class ClinicalTextState
{
    public const string Component = "ClinicalText";
    public const int Version = 1;

    // Immutable after construction; shared so the serializer's metadata cache is built once.
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    public string Template { get; set; } = ClinicalTextFeaturizerOptions.DefaultTemplate;

    public List<string> DomainWords { get; set; } = new();

    public int MaximumTokens { get; set; } = ClinicalTextFeaturizerOptions.DefaultMaximumTokens;

    public int PaddingTokenId { get; set; } = ClinicalTextFeaturizerOptions.DefaultPaddingTokenId;

    public List<SlotBinding> Slots { get; set; } = new();

    public string Encode() => StateEnvelope.EncodeText(Component, Version, JsonSerializer.Serialize(this, JsonOptions));

    public static ClinicalTextState Decode(ReadOnlySpan<char> envelope)
    {
        string json = StateEnvelope.DecodeText(envelope, Component, Version);
        return JsonSerializer.Deserialize<ClinicalTextState>(json, JsonOptions)
            ?? throw new InvalidDataException("The IOHFuse ClinicalText state is empty.");
    }
}
