using System.Text.Json;
using System.Text.Json.Serialization;
using IOHFuse.MLNet.Text;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// The clinical-text featurizer's state as stored in model.zip (the JSON inside its <see cref="StateEnvelope"/>). The
/// JSON names are the file format, pinned with <see cref="JsonPropertyNameAttribute"/>, so renaming a property here or
/// in <see cref="ClinicalTextState"/> does not break saved models; they are the names the format has had since v1.
/// </summary>
internal sealed class ClinicalTextStateDto
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    [JsonPropertyName("Template"), JsonRequired]
    public string Template { get; set; } = string.Empty;

    [JsonPropertyName("DomainWords")]
    public List<string> DomainWords { get; set; } = [];

    [JsonPropertyName("MaximumTokens"), JsonRequired]
    public int MaximumTokens { get; set; }

    [JsonPropertyName("PaddingTokenId"), JsonRequired]
    public int PaddingTokenId { get; set; }

    [JsonPropertyName("Slots")]
    public List<SlotBindingDto> Slots { get; set; } = [];

    public static string Serialize(ClinicalTextState state) => JsonSerializer.Serialize(new ClinicalTextStateDto
    {
        Template = state.Template,
        DomainWords = [.. state.DomainWords],
        MaximumTokens = state.MaximumTokens,
        PaddingTokenId = state.PaddingTokenId,
        Slots = state.Slots.Select(SlotBindingDto.From).ToList(),
    }, JsonOptions);

    /// <exception cref="JsonException">The JSON is malformed or lacks a required name.</exception>
    /// <exception cref="InvalidDataException">A slot names an unknown attribute or kind code.</exception>
    public static ClinicalTextState Deserialize(string json)
    {
        var dto = JsonSerializer.Deserialize<ClinicalTextStateDto>(json, JsonOptions) ?? throw new JsonException("The state is empty (null).");
        return new ClinicalTextState
        {
            Template = dto.Template,
            DomainWords = [.. dto.DomainWords],
            MaximumTokens = dto.MaximumTokens,
            PaddingTokenId = dto.PaddingTokenId,
            Slots = dto.Slots.Select(s => s.ToBinding()).ToList(),
        };
    }
}
