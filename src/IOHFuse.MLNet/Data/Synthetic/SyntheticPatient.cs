namespace IOHFuse.MLNet.Data;

/// <summary>Attributes of one synthetic case plus the hidden variables the MAP simulation depends on.</summary>
internal sealed record SyntheticPatient(
    PatientAttributes Attributes,
    bool Hypertension,
    double BloodLossMl,
    SurgicalRisk Risk,
    double DurationHours);
