using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Text;

/// <summary>A patient row with the default attribute columns.</summary>
internal sealed class PatientRow
{
    public float Age { get; set; } = float.NaN;
    public string Sex { get; set; } = "";
    public float Height { get; set; } = float.NaN;
    public float Weight { get; set; } = float.NaN;
    public float Bmi { get; set; } = float.NaN;
    public float Asa { get; set; } = float.NaN;
    public bool Emergency { get; set; }
    public string Department { get; set; } = "";
    public string SurgeryType { get; set; } = "";
    public string SurgeryName { get; set; } = "";
    public string Approach { get; set; } = "";
    public string Anesthesia { get; set; } = "";

    public static PatientRow Elderly() => new()
    {
        Age = 72, Sex = "M", Height = 170, Weight = 79.2f, Bmi = 27.4f, Asa = 3, Emergency = false,
        Department = "General surgery", SurgeryType = "Colorectal", SurgeryName = "Low anterior resection",
        Approach = "Open", Anesthesia = "General",
    };

    public static PatientRow Young() => new()
    {
        Age = 34, Sex = "F", Height = 160, Weight = 82, Bmi = float.NaN, Asa = 1, Emergency = true,
        Department = "Gynecology", SurgeryType = "Others", SurgeryName = "Laparoscopic myomectomy",
        Approach = "Videoscopic", Anesthesia = "Spinal",
    };

    public static PatientRow Unknown() => new();
}

/// <summary>The featurizer's default outputs.</summary>
internal sealed class FeaturizedRow
{
    public string ClinicalText { get; set; } = "";

    [VectorType]
    public long[] TokenIds { get; set; } = Array.Empty<long>();

    [VectorType]
    public float[] TokenMask { get; set; } = Array.Empty<float>();
}
