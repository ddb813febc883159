namespace IOHFuse.MLNet.Text;

/// <summary>
/// One patient's attributes for <see cref="ClinicalTextTransformer.Featurize(ClinicalTextRecord)"/>: the same values
/// the columns carry, for inspection and tests without building an <c>IDataView</c>. Attributes whose column is not
/// configured in the transformer's options are ignored.
/// </summary>
public sealed class ClinicalTextRecord
{
    /// <summary>Age in years; NaN = unknown.</summary>
    public float Age { get; set; } = float.NaN;

    /// <summary>Sex: "M"/"Male", "F"/"Female"; null or empty = unknown; any other text is phrased as written.</summary>
    public string? Sex { get; set; }

    /// <summary>Height in cm; NaN = unknown.</summary>
    public float Height { get; set; } = float.NaN;

    /// <summary>Weight in kg; NaN = unknown.</summary>
    public float Weight { get; set; } = float.NaN;

    /// <summary>Body-mass index in kg/m²; NaN = unknown (then computed from height and weight when both are known).</summary>
    public float Bmi { get; set; } = float.NaN;

    /// <summary>ASA physical status 1 to 6; NaN = unknown.</summary>
    public float Asa { get; set; } = float.NaN;

    /// <summary>Emergency operation; null = unknown.</summary>
    public bool? Emergency { get; set; }

    /// <summary>Surgical department; null or empty = unknown.</summary>
    public string? Department { get; set; }

    /// <summary>Surgery type; null or empty = unknown.</summary>
    public string? SurgeryType { get; set; }

    /// <summary>Surgery name; null or empty = unknown.</summary>
    public string? SurgeryName { get; set; }

    /// <summary>Surgical approach; null or empty = unknown.</summary>
    public string? Approach { get; set; }

    /// <summary>Anaesthesia type; null or empty = unknown.</summary>
    public string? Anesthesia { get; set; }

    /// <summary>
    /// Values of the extra attribute columns, keyed by column name and already written as they should read (e.g.
    /// "yes", "1.2"); a missing key, null or empty value reads "unknown".
    /// </summary>
    public IDictionary<string, string?> Extras { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);
}
