namespace IOHFuse.MLNet.Text;

/// <summary>
/// One row's attribute values, as the composer reads them. A <see langword="false"/> entry in <see cref="Used"/> means
/// the attribute's column is not configured (left out); a used attribute with NaN/null/empty value is unknown.
/// </summary>
internal sealed class ClinicalValues
{
    public bool[] Used { get; } = new bool[(int)ClinicalAttribute.Extra];

    public float Age { get; set; } = float.NaN;

    public float Height { get; set; } = float.NaN;

    public float Weight { get; set; } = float.NaN;

    public float Bmi { get; set; } = float.NaN;

    public float Asa { get; set; } = float.NaN;

    public bool? Emergency { get; set; }

    public string? Sex { get; set; }

    public string? Department { get; set; }

    public string? SurgeryType { get; set; }

    public string? SurgeryName { get; set; }

    public string? Approach { get; set; }

    public string? Anesthesia { get; set; }

    /// <summary>Extra attributes in column order: name and already-phrased value ("unknown" when missing).</summary>
    public List<KeyValuePair<string, string>> Extras { get; } = new();

    public bool IsUsed(ClinicalAttribute attribute) => Used[(int)attribute];
}
