using IOHFuse.MLNet.Data;

namespace IOHFuse.Samples.WebApi;

/// <summary>Static attributes of the patient and the operation; every field optional (absent or null = unknown).</summary>
public sealed class PatientRequest
{
    /// <summary>Age in years.</summary>
    public float? Age { get; set; }

    /// <summary>"M" or "F".</summary>
    public string? Sex { get; set; }

    /// <summary>Height in cm.</summary>
    public float? Height { get; set; }

    /// <summary>Weight in kg.</summary>
    public float? Weight { get; set; }

    /// <summary>Body-mass index in kg/m² (computed from height and weight when absent).</summary>
    public float? Bmi { get; set; }

    /// <summary>ASA physical status, 1–6.</summary>
    public float? Asa { get; set; }

    /// <summary>true = emergency, false = elective.</summary>
    public bool? Emergency { get; set; }

    /// <summary>Surgical department, e.g. "General surgery".</summary>
    public string? Department { get; set; }

    /// <summary>Surgery type, e.g. "Colorectal".</summary>
    public string? SurgeryType { get; set; }

    /// <summary>Surgery name, e.g. "Low anterior resection".</summary>
    public string? SurgeryName { get; set; }

    /// <summary>Surgical approach: "Open", "Videoscopic", "Robotic".</summary>
    public string? Approach { get; set; }

    /// <summary>Anaesthesia type: "General", "Spinal", "Sedationalgesia".</summary>
    public string? Anesthesia { get; set; }

    internal PatientAttributes ToAttributes() => new()
    {
        Age = Age ?? float.NaN,
        Sex = Sex ?? string.Empty,
        Height = Height ?? float.NaN,
        Weight = Weight ?? float.NaN,
        Bmi = Bmi ?? float.NaN,
        Asa = Asa ?? float.NaN,
        Emergency = Emergency,
        Department = Department ?? string.Empty,
        SurgeryType = SurgeryType ?? string.Empty,
        SurgeryName = SurgeryName ?? string.Empty,
        Approach = Approach ?? string.Empty,
        Anesthesia = Anesthesia ?? string.Empty,
    };
}
