namespace IOHFuse.MLNet.Data;

/// <summary>Record type of a track in a .vital file.</summary>
public enum VitalTrackKind
{
    /// <summary>Waveform: each record holds a block of samples at the track's sample rate.</summary>
    Wave = 1,

    /// <summary>Numeric: each record holds one value.</summary>
    Numeric = 2,

    /// <summary>String (events, annotations); values are not kept.</summary>
    String = 5,
}
