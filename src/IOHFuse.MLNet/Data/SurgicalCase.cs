namespace IOHFuse.MLNet.Data;

/// <summary>
/// One operation of one patient: an identifier, static attributes and timed vital-sign tracks (MAP required).
/// </summary>
public sealed class SurgicalCase
{
    /// <summary>Creates a case.</summary>
    /// <param name="caseId">Case identifier; not empty. Splits are made by this identifier.</param>
    /// <param name="map">Mean arterial pressure in mmHg.</param>
    /// <param name="attributes">Static attributes; <see cref="PatientAttributes.Unknown"/> when null.</param>
    public SurgicalCase(string caseId, TimedTrack map, PatientAttributes? attributes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentNullException.ThrowIfNull(map);
        CaseId = caseId;
        Map = map;
        Attributes = attributes ?? PatientAttributes.Unknown;
    }

    /// <summary>Case identifier.</summary>
    public string CaseId { get; }

    /// <summary>
    /// The patient this recording belongs to; the case id unless set. Splits keep every recording of one patient on one
    /// side. <see cref="CaseFileReader.ReadFolder"/> sets it from a manifest.
    /// </summary>
    public string PatientId
    {
        get => _patientId ?? CaseId;
        set => _patientId = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A patient id must not be empty.", nameof(value)) : value;
    }

    private string? _patientId;

    /// <summary>Mean arterial pressure track in mmHg.</summary>
    public TimedTrack Map { get; }

    /// <summary>Systolic pressure track in mmHg, when available.</summary>
    public TimedTrack? Sbp { get; init; }

    /// <summary>Diastolic pressure track in mmHg, when available.</summary>
    public TimedTrack? Dbp { get; init; }

    /// <summary>Heart-rate track in beats per minute, when available.</summary>
    public TimedTrack? HeartRate { get; init; }

    /// <summary>Static attributes; settable so a clinical table can be joined to cases after reading the tracks.</summary>
    public PatientAttributes Attributes
    {
        get => _attributes;
        set => _attributes = value ?? throw new ArgumentNullException(nameof(value));
    }

    private PatientAttributes _attributes = PatientAttributes.Unknown;

    /// <inheritdoc/>
    public override string ToString() => $"Case {CaseId} ({Map.Count} MAP samples, {Map.DurationSeconds / 3600:0.##} h)";
}
