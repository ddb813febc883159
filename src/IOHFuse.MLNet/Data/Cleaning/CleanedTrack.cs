namespace IOHFuse.MLNet.Data;

/// <summary>A track resampled to a regular grid and cleaned; NaN marks samples that remain invalid or missing.</summary>
public sealed class CleanedTrack
{
    internal CleanedTrack(double startSeconds, double periodSeconds, float[] values, CleaningReport report)
    {
        StartSeconds = startSeconds;
        PeriodSeconds = periodSeconds;
        Values = values;
        Report = report;
    }

    /// <summary>Time of the first grid sample in seconds (the first raw sample's time).</summary>
    public double StartSeconds { get; }

    /// <summary>Grid period in seconds.</summary>
    public double PeriodSeconds { get; }

    /// <summary>Values on the grid (NaN = invalid or missing). Treat as read-only.</summary>
    public float[] Values { get; }

    /// <summary>Counts of what cleaning changed.</summary>
    public CleaningReport Report { get; }

    /// <summary>Time in seconds of grid sample <paramref name="index"/>.</summary>
    public double TimeAt(int index) => StartSeconds + index * PeriodSeconds;
}
