namespace IOHFuse.MLNet.Data;

/// <summary>
/// Default column names shared by the window view, the featurizer, the augmenter and the trainer.
/// Every component takes its column names as options; these are only the defaults.
/// </summary>
public static class IohFuseColumns
{
    /// <summary>Case (patient/operation) identifier, text. Splits and bootstrap resampling are by this column.</summary>
    public const string CaseId = "CaseId";

    /// <summary>Patient identifier, text (the case id unless the recordings say otherwise). Splits inside Fit group by it,
    /// so several recordings of one patient never sit on both sides.</summary>
    public const string PatientId = "PatientId";

    /// <summary>Prediction time t in seconds from the start of the case recording, Single.</summary>
    public const string Time = "Time";

    /// <summary>MAP history up to and including t, oldest first, mmHg, Single vector (300 = 15 min at the default 3 s); its sample period is annotated on the column.</summary>
    public const string History = "History";

    /// <summary>MAP after t over the longest horizon, mmHg, fixed-size Single vector (default 300 = 15 min at 3 s). Training target.</summary>
    public const string Future = "Future";

    /// <summary>Boolean label of the primary horizon (an IOH event begins in (t, t+h]).</summary>
    public const string Label = "Label";

    /// <summary>Boolean label for the 5-minute horizon.</summary>
    public const string Label5 = "Label5";

    /// <summary>Boolean label for the 10-minute horizon.</summary>
    public const string Label10 = "Label10";

    /// <summary>Boolean label for the 15-minute horizon.</summary>
    public const string Label15 = "Label15";

    /// <summary>Age in years, Single (NaN when unknown).</summary>
    public const string Age = "Age";

    /// <summary>Sex, text: "M", "F" or empty when unknown.</summary>
    public const string Sex = "Sex";

    /// <summary>Height in cm, Single (NaN when unknown).</summary>
    public const string Height = "Height";

    /// <summary>Weight in kg, Single (NaN when unknown).</summary>
    public const string Weight = "Weight";

    /// <summary>Body-mass index in kg/m², Single (NaN when unknown).</summary>
    public const string Bmi = "Bmi";

    /// <summary>ASA physical status 1–6, Single (NaN when unknown).</summary>
    public const string Asa = "Asa";

    /// <summary>Emergency operation, Single: 1 = emergency, 0 = elective, NaN = unknown.</summary>
    public const string Emergency = "Emergency";

    /// <summary>Surgical department, text (e.g. "General surgery").</summary>
    public const string Department = "Department";

    /// <summary>Surgery type, text (e.g. "Colorectal").</summary>
    public const string SurgeryType = "SurgeryType";

    /// <summary>Surgery name, text (e.g. "Low anterior resection").</summary>
    public const string SurgeryName = "SurgeryName";

    /// <summary>Surgical approach, text (e.g. "Open", "Videoscopic", "Robotic").</summary>
    public const string Approach = "Approach";

    /// <summary>Anaesthesia type, text (e.g. "General", "Spinal", "Sedationalgesia").</summary>
    public const string Anesthesia = "Anesthesia";

    /// <summary>Boolean flag set on rows appended by diffusion augmentation; such rows are never evaluated or fine-tuned on.</summary>
    public const string IsSynthetic = "IsSynthetic";

    /// <summary>Featurizer output: the clinical sentence, text.</summary>
    public const string ClinicalText = "ClinicalText";

    /// <summary>Featurizer output: GPT-2 BPE token ids, padded to a fixed length, Int64 vector.</summary>
    public const string TokenIds = "TokenIds";

    /// <summary>Featurizer output: attention mask matching <see cref="TokenIds"/> (1 = token, 0 = padding), Single vector.</summary>
    public const string TokenMask = "TokenMask";

    /// <summary>Trainer output: raw score (logit), Single.</summary>
    public const string Score = "Score";

    /// <summary>Trainer output: calibrated probability, Single.</summary>
    public const string Probability = "Probability";

    /// <summary>Trainer output: predicted label, Boolean.</summary>
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>Trainer output: forecast MAP over the horizon, mmHg, Single vector.</summary>
    public const string Forecast = "Forecast";
}
