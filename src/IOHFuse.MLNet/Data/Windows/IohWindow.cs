using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// One row of the window view, for <c>mlContext.Data.CreateEnumerable&lt;IohWindow&gt;(view, reuseRowObject: false)</c>
/// and as the input of a <c>PredictionEngine</c>. History and Future have whatever length the model's period and
/// history imply (300 = 15 min at the default 3 s; 60 = 60 min at 60 s). Every attribute starts as unknown (NaN or
/// empty), never as a value: a row that only sets <see cref="History"/> describes a patient of unknown age and sex,
/// not a 0-year-old.
/// </summary>
public sealed class IohWindow
{
    /// <summary>Number of samples of <see cref="History"/> and <see cref="Future"/> with default options.</summary>
    public const int DefaultLength = 300;

    /// <summary>Case identifier.</summary>
    public string CaseId { get; set; } = string.Empty;

    /// <summary>Patient identifier (several recordings may share one).</summary>
    public string PatientId { get; set; } = string.Empty;

    /// <summary>Prediction time t in seconds on the case clock.</summary>
    public float Time { get; set; }

    /// <summary>MAP history ending at t, oldest first, mmHg.</summary>
    [VectorType]
    public float[] History { get; set; } = [];

    /// <summary>MAP after t over the longest horizon, mmHg (a training target; not needed for scoring).</summary>
    [VectorType]
    public float[] Future { get; set; } = [];

    /// <summary>Label of the primary horizon.</summary>
    public bool Label { get; set; }

    /// <summary>An IOH event begins within 5 minutes.</summary>
    public bool Label5 { get; set; }

    /// <summary>An IOH event begins within 10 minutes.</summary>
    public bool Label10 { get; set; }

    /// <summary>An IOH event begins within 15 minutes.</summary>
    public bool Label15 { get; set; }

    /// <summary>Age in years (NaN when unknown).</summary>
    public float Age { get; set; } = float.NaN;

    /// <summary>Sex ("M", "F" or empty).</summary>
    public string Sex { get; set; } = string.Empty;

    /// <summary>Height in cm (NaN when unknown).</summary>
    public float Height { get; set; } = float.NaN;

    /// <summary>Weight in kg (NaN when unknown).</summary>
    public float Weight { get; set; } = float.NaN;

    /// <summary>Body-mass index (NaN when unknown).</summary>
    public float Bmi { get; set; } = float.NaN;

    /// <summary>ASA physical status (NaN when unknown).</summary>
    public float Asa { get; set; } = float.NaN;

    /// <summary>Emergency operation: 1 = emergency, 0 = elective, NaN (the default) = unknown. A number rather than a
    /// Boolean because ML.NET rows have no nullable types and a Boolean cannot say "unknown".</summary>
    public float Emergency { get; set; } = float.NaN;

    /// <summary>Surgical department.</summary>
    public string Department { get; set; } = string.Empty;

    /// <summary>Surgery type.</summary>
    public string SurgeryType { get; set; } = string.Empty;

    /// <summary>Surgery name.</summary>
    public string SurgeryName { get; set; } = string.Empty;

    /// <summary>Surgical approach.</summary>
    public string Approach { get; set; } = string.Empty;

    /// <summary>Anaesthesia type.</summary>
    public string Anesthesia { get; set; } = string.Empty;

    /// <summary>Copies a case's static attributes into this row; what the case does not know stays unknown.</summary>
    /// <param name="attributes">The attributes.</param>
    /// <returns>This row.</returns>
    public IohWindow SetAttributes(PatientAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Age = attributes.Age;
        Sex = attributes.Sex;
        Height = attributes.Height;
        Weight = attributes.Weight;
        Bmi = attributes.Bmi;
        Asa = attributes.Asa;
        Emergency = attributes.Emergency switch { true => 1f, false => 0f, null => float.NaN };
        Department = attributes.Department;
        SurgeryType = attributes.SurgeryType;
        SurgeryName = attributes.SurgeryName;
        Approach = attributes.Approach;
        Anesthesia = attributes.Anesthesia;
        return this;
    }
}
