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

    /// <summary>Raw samples invalidated as part of a flat line.</summary>
    public int FlatLineSamples { get; init; }

    /// <summary>Median interval between consecutive raw samples in seconds (NaN for a single sample).</summary>
    public double MedianIntervalSeconds { get; init; }

    /// <summary>The interpolation limit used for this track in seconds (see <see cref="CleaningOptions.MaximumInterpolationSeconds"/>).</summary>
    public double InterpolationLimitSeconds { get; init; }

    /// <summary>Samples on the regular output grid.</summary>
    public int GridSamples { get; init; }

    /// <summary>Grid samples that hold the mean of at least one valid raw sample.</summary>
    public int MeasuredSamples { get; init; }

    /// <summary>Grid samples filled by linear interpolation between measured ones.</summary>
    public int FilledSamples { get; init; }

    /// <summary>Grid samples after the last measurement that hold its value (only when cleaning what was known at a
    /// moment, as a bedside monitor sees it: the next measurement is not there yet).</summary>
    public int HeldSamples { get; init; }

    /// <summary>Grid samples still missing after cleaning (long gaps, artifacts without valid neighbours).</summary>
    public int MissingSamples { get; init; }
}
