using System.Text.Json;
using IOHFuse.MLNet.Persistence;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// Everything the row mapping needs, serialized as JSON into the model (through <see cref="ClinicalTextStateDto"/>, whose
/// names are the file format, and <see cref="StateEnvelope"/>). Column names are not needed to map (the lowered chain
/// gathers the columns into fixed slots) but are kept for extras' phrasing.
/// </summary>
internal sealed class ClinicalTextState
{
    public const string Component = "ClinicalText";
    public const int Version = 1;

    public string Template { get; set; } = ClinicalTextFeaturizerOptions.DefaultTemplate;

    public List<string> DomainWords { get; set; } = new();

    public int MaximumTokens { get; set; } = ClinicalTextFeaturizerOptions.DefaultMaximumTokens;

    public int PaddingTokenId { get; set; } = ClinicalTextFeaturizerOptions.DefaultPaddingTokenId;

    public List<SlotBinding> Slots { get; set; } = new();

    public string Encode() => StateEnvelope.EncodeText(Component, Version, ClinicalTextStateDto.Serialize(this));

    /// <exception cref="InvalidDataException">Not a readable ClinicalText state of this version.</exception>
    /// <exception cref="JsonException">The settings are unreadable.</exception>
    public static ClinicalTextState Decode(ReadOnlySpan<char> envelope) =>
        ClinicalTextStateDto.Deserialize(StateEnvelope.DecodeText(envelope, Component, Version));
}
