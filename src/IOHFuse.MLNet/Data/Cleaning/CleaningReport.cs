namespace IOHFuse.MLNet.Data;

/// <summary>What <see cref="TrackCleaner"/> did to one track.</summary>
public sealed class CleaningReport
{
    /// <summary>Raw samples read.</summary>
    public int RawSamples { get; init; }

    /// <summary>Raw samples that were missing (NaN) already.</summary>
    public int RawMissingSamples { get; init; }

    /// <summary>Raw samples outside the physiological range (flushes, zeroing, impossible values).</summary>
    public int OutOfRangeSamples { get; init; }

    /// <summary>Further raw samples invalidated because they lie within the margin around an out-of-range sample.</summary>
    public int MarginSamples { get; init; }

    /// <summary>Samples on the regular output grid.</summary>
    public int GridSamples { get; init; }

    /// <summary>Grid samples invalidated as part of a flat line.</summary>
    public int FlatLineSamples { get; init; }

    /// <summary>Grid samples filled by linear interpolation across a short gap.</summary>
    public int FilledSamples { get; init; }

    /// <summary>Grid samples still missing after cleaning (long gaps, artifacts without valid neighbours).</summary>
    public int MissingSamples { get; init; }
}
