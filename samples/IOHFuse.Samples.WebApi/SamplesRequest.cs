namespace IOHFuse.Samples.WebApi;

/// <summary>Samples for one room, in time order, at whatever period the monitor has.</summary>
public sealed class SamplesRequest
{
    /// <summary>The samples, each later than the room's previous one.</summary>
    public List<MapSample>? Samples { get; set; }

    /// <summary>The patient's attributes, when known; kept for the room until sent again.</summary>
    public PatientRequest? Patient { get; set; }
}
