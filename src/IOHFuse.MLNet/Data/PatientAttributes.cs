namespace IOHFuse.MLNet.Data;

/// <summary>
/// Static attributes of a case (patient and operation). Numbers use NaN for "unknown", text uses the empty string.
/// </summary>
public sealed class PatientAttributes
{
    private readonly float _bmi = float.NaN;

    /// <summary>An instance with every attribute unknown.</summary>
    public static PatientAttributes Unknown { get; } = new();

    /// <summary>Age in years (NaN when unknown).</summary>
    public float Age { get; init; } = float.NaN;

    /// <summary>Sex: "M", "F" or empty when unknown.</summary>
    public string Sex { get; init; } = string.Empty;

    /// <summary>Height in cm (NaN when unknown).</summary>
    public float Height { get; init; } = float.NaN;

    /// <summary>Weight in kg (NaN when unknown).</summary>
    public float Weight { get; init; } = float.NaN;

    /// <summary>
    /// Body-mass index in kg/m². When not given (NaN) it is computed from <see cref="Height"/> and
    /// <see cref="Weight"/> if both are known; otherwise NaN.
    /// </summary>
    public float Bmi
    {
        get
        {
            if (float.IsFinite(_bmi))
                return _bmi;
            if (Height > 0 && float.IsFinite(Height) && float.IsFinite(Weight))
            {
                float m = Height / 100f;
                return Weight / (m * m);
            }
            return float.NaN;
        }
        init => _bmi = value;
    }

    /// <summary>ASA physical status 1–6 (NaN when unknown).</summary>
    public float Asa { get; init; } = float.NaN;

    /// <summary>Whether the operation is an emergency (null when unknown).</summary>
    public bool? Emergency { get; init; }

    /// <summary>Surgical department, e.g. "General surgery".</summary>
    public string Department { get; init; } = string.Empty;

    /// <summary>Surgery type, e.g. "Colorectal".</summary>
    public string SurgeryType { get; init; } = string.Empty;

    /// <summary>Surgery name, e.g. "Low anterior resection".</summary>
    public string SurgeryName { get; init; } = string.Empty;

    /// <summary>Surgical approach, e.g. "Open", "Videoscopic", "Robotic".</summary>
    public string Approach { get; init; } = string.Empty;

    /// <summary>Anaesthesia type, e.g. "General", "Spinal", "Sedationalgesia".</summary>
    public string Anesthesia { get; init; } = string.Empty;

    /// <summary>Further attributes by name (e.g. "preop_htn"), as text; never null.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
