using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// One row of the default window view (15 min history and 15 min future at 3 s = 300 samples each), for
/// <c>mlContext.Data.CreateEnumerable&lt;IohWindow&gt;(view, reuseRowObject: false)</c>.
/// </summary>
public sealed class IohWindow
{
    /// <summary>Number of samples of <see cref="History"/> and <see cref="Future"/> with default options.</summary>
    public const int DefaultLength = 300;

    /// <summary>Case identifier.</summary>
    public string CaseId { get; set; } = string.Empty;

    /// <summary>Prediction time t in seconds on the case clock.</summary>
    public float Time { get; set; }

    /// <summary>MAP history ending at t, oldest first, mmHg.</summary>
    [VectorType(DefaultLength)]
    public float[] History { get; set; } = [];

    /// <summary>MAP after t over the longest horizon, mmHg.</summary>
    [VectorType(DefaultLength)]
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
    public float Age { get; set; }

    /// <summary>Sex ("M", "F" or empty).</summary>
    public string Sex { get; set; } = string.Empty;

    /// <summary>Height in cm (NaN when unknown).</summary>
    public float Height { get; set; }

    /// <summary>Weight in kg (NaN when unknown).</summary>
    public float Weight { get; set; }

    /// <summary>Body-mass index (NaN when unknown).</summary>
    public float Bmi { get; set; }

    /// <summary>ASA physical status (NaN when unknown).</summary>
    public float Asa { get; set; }

    /// <summary>Emergency operation.</summary>
    public bool Emergency { get; set; }

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
}
