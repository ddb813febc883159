namespace IOHFuse.MLNet.Data;

/// <summary>
/// One physiological signal of a case as (time, value) samples, e.g. MAP in mmHg. Times are seconds on the case's
/// own clock (usually from the start of the recording), strictly increasing; a NaN value means "missing".
/// </summary>
public sealed class TimedTrack
{
    /// <summary>Creates a track and checks that it is well formed.</summary>
    /// <param name="name">Track name, e.g. "MAP" or "Solar8000/ART_MBP"; used in error messages.</param>
    /// <param name="unit">Unit, e.g. "mmHg"; may be empty.</param>
    /// <param name="timesSeconds">Sample times in seconds; finite and strictly increasing, at least one.</param>
    /// <param name="values">Sample values, same length as <paramref name="timesSeconds"/>; NaN = missing.</param>
    /// <exception cref="ArgumentException">Empty track, length mismatch, or times that are not finite and strictly increasing.</exception>
    public TimedTrack(string name, string unit, double[] timesSeconds, float[] values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(timesSeconds);
        ArgumentNullException.ThrowIfNull(values);
        if (timesSeconds.Length == 0)
            throw new ArgumentException($"Track '{name}' is empty.", nameof(timesSeconds));
        if (timesSeconds.Length != values.Length)
            throw new ArgumentException(
                $"Track '{name}' has {timesSeconds.Length} times but {values.Length} values.", nameof(values));
        for (int i = 0; i < timesSeconds.Length; i++)
        {
            if (!double.IsFinite(timesSeconds[i]))
                throw new ArgumentException($"Track '{name}': time at sample {i} is not finite.", nameof(timesSeconds));
            if (i > 0 && !(timesSeconds[i] > timesSeconds[i - 1]))
                throw new ArgumentException(
                    $"Track '{name}': times must be strictly increasing, but sample {i} ({timesSeconds[i]} s) " +
                    $"follows {timesSeconds[i - 1]} s ({(timesSeconds[i] == timesSeconds[i - 1] ? "duplicate" : "unsorted")}).",
                    nameof(timesSeconds));
        }
        Name = name;
        Unit = unit ?? string.Empty;
        TimesSeconds = timesSeconds;
        Values = values;
    }

    /// <summary>Track name.</summary>
    public string Name { get; }

    /// <summary>Unit of the values.</summary>
    public string Unit { get; }

    /// <summary>Sample times in seconds, strictly increasing. Treat as read-only: the array is shared, not copied.</summary>
    public double[] TimesSeconds { get; }

    /// <summary>Sample values (NaN = missing). Treat as read-only: the array is shared, not copied.</summary>
    public float[] Values { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Values.Length;

    /// <summary>Time span from the first to the last sample in seconds.</summary>
    public double DurationSeconds => TimesSeconds[^1] - TimesSeconds[0];

    /// <summary>Median interval between consecutive measured (non-NaN) samples in seconds, NaN with fewer than two: the
    /// track's own sampling period, whatever its gaps (a merged export with blank cells between measurements still
    /// gives the measurements' period). Computed once.</summary>
    public double MedianIntervalSeconds
    {
        get
        {
            if (double.IsNaN(_medianInterval))
            {
                var measured = new List<double>();
                for (int i = 0; i < Values.Length; i++)
                    if (!float.IsNaN(Values[i]))
                        measured.Add(TimesSeconds[i]);
                if (measured.Count < 2)
                    return double.NaN;
                var d = new double[measured.Count - 1];
                for (int i = 0; i < d.Length; i++)
                    d[i] = measured[i + 1] - measured[i];
                Array.Sort(d);
                _medianInterval = d.Length % 2 == 1 ? d[d.Length / 2] : (d[d.Length / 2 - 1] + d[d.Length / 2]) / 2;
            }
            return _medianInterval;
        }
    }

    // Benign race: two threads may both compute the same value.
    private double _medianInterval = double.NaN;
}
