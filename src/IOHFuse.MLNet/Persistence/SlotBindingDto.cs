using System.Text.Json.Serialization;
using IOHFuse.MLNet.Text;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// One <see cref="SlotBinding"/> as stored in model.zip (inside <see cref="ClinicalTextStateDto"/>). JSON names are
/// pinned, and the two enums are stored as fixed numeric codes through the tables below, so neither renaming nor
/// reordering <see cref="ClinicalAttribute"/> or <see cref="SlotKind"/> changes what a saved model means. The codes
/// are those the format has used since v1 (the enums' original order); append new codes, never renumber.
/// </summary>
internal sealed class SlotBindingDto
{
    private static readonly ClinicalAttribute[] AttributeCodes =
    [
        ClinicalAttribute.Age, ClinicalAttribute.Sex, ClinicalAttribute.Height, ClinicalAttribute.Weight, ClinicalAttribute.Bmi,
        ClinicalAttribute.Asa, ClinicalAttribute.Emergency, ClinicalAttribute.Department, ClinicalAttribute.SurgeryType,
        ClinicalAttribute.SurgeryName, ClinicalAttribute.Approach, ClinicalAttribute.Anesthesia, ClinicalAttribute.Extra,
    ];

    private static readonly SlotKind[] KindCodes = [SlotKind.Number, SlotKind.Boolean, SlotKind.Text];

    [JsonPropertyName("Attribute"), JsonRequired]
    public int Attribute { get; set; }

    [JsonPropertyName("Name"), JsonRequired]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("Kind"), JsonRequired]
    public int Kind { get; set; }

    [JsonPropertyName("Slot"), JsonRequired]
    public int Slot { get; set; }

    public static SlotBindingDto From(SlotBinding b) => new()
    {
        Attribute = Array.IndexOf(AttributeCodes, b.Attribute) is int a and >= 0 ? a : throw new InvalidOperationException($"Attribute {b.Attribute} has no stored code."),
        Name = b.Name,
        Kind = Array.IndexOf(KindCodes, b.Kind) is int k and >= 0 ? k : throw new InvalidOperationException($"Slot kind {b.Kind} has no stored code."),
        Slot = b.Slot,
    };

    /// <exception cref="InvalidDataException">A code this library does not know.</exception>
    public SlotBinding ToBinding() => new()
    {
        Attribute = Attribute >= 0 && Attribute < AttributeCodes.Length ? AttributeCodes[Attribute]
            : throw new InvalidDataException($"The IOHFuse ClinicalText state names an unknown attribute code {Attribute} (column '{Name}')."),
        Name = Name,
        Kind = Kind >= 0 && Kind < KindCodes.Length ? KindCodes[Kind]
            : throw new InvalidDataException($"The IOHFuse ClinicalText state names an unknown slot kind code {Kind} (column '{Name}')."),
        Slot = Slot,
    };
}
