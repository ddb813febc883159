namespace IOHFuse.MLNet.Evaluation;

/// <summary>
/// Hand-crafted MAP features used by the baselines: the level, trend and variability summaries an anaesthetist reads
/// off the monitor. Windows of 1, 5 and 15 minutes are clipped to the available history; every count of samples is
/// derived from the sample period, so the features mean the same at 1 s and at 60 s.
/// </summary>
public static class HandFeatures
{
    /// <summary>Feature names, in the order <see cref="Compute"/> writes them.</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "LastMap", "Mean1Min", "Min1Min", "Slope1Min", "Mean5Min", "Min5Min", "Slope5Min", "Std5Min",
        "Mean15Min", "Min15Min", "Slope15Min", "Std15Min", "MinutesBelow70In15Min", "MarginTo65", "SquaredDistanceFrom75",
    };

    /// <summary>Number of features.</summary>
    public static int Count => Names.Count;

    /// <summary>Computes the features of one MAP history (oldest first, ending at the prediction time).</summary>
    /// <param name="history">MAP in mmHg; must be non-empty and finite.</param>
    /// <param name="samplePeriodSeconds">Sampling period in seconds; positive.</param>
    /// <param name="destination">Receives <see cref="Count"/> values.</param>
    public static void Compute(ReadOnlySpan<float> history, double samplePeriodSeconds, Span<float> destination)
    {
        if (history.IsEmpty)
            throw new ArgumentException("The MAP history is empty.", nameof(history));
        if (!(samplePeriodSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(samplePeriodSeconds), samplePeriodSeconds, "must be positive.");
        if (destination.Length < Count)
            throw new ArgumentException($"The destination needs {Count} slots.", nameof(destination));

        int length = history.Length;
        int Samples(double minutes) => Math.Clamp((int)Math.Round(minutes * 60 / samplePeriodSeconds), 1, length);
        // "Last" MAP averages the final ~9 s so one beat-level outlier doesn't decide the baseline (a single sample at
        // 20 s or 60 s, which is already an average).
        float last = Mean(history[^Math.Clamp((int)Math.Round(LastMapSeconds / samplePeriodSeconds), 1, length)..]);
        var m1 = history[^Samples(1)..];
        var m5 = history[^Samples(5)..];
        var m15 = history[^Samples(15)..];
        int below = 0;
        foreach (float v in m15) if (v < 70f) below++;

        destination[0] = last;
        destination[1] = Mean(m1);
        destination[2] = Min(m1);
        destination[3] = Slope(m1, samplePeriodSeconds);
        destination[4] = Mean(m5);
        destination[5] = Min(m5);
        destination[6] = Slope(m5, samplePeriodSeconds);
        destination[7] = Std(m5);
        destination[8] = Mean(m15);
        destination[9] = Min(m15);
        destination[10] = Slope(m15, samplePeriodSeconds);
        destination[11] = Std(m15);
        destination[12] = (float)(below * samplePeriodSeconds / 60.0);
        destination[13] = last - 65f;
        // Risk rises on both sides of a comfortable pressure (low: hypotension; high: labile, treated patients).
        destination[14] = (last - 75f) * (last - 75f);
    }

    /// <summary>Seconds of history the "last MAP" feature averages.</summary>
    public const double LastMapSeconds = 9;

    private static float Mean(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x) s += v;
        return (float)(s / x.Length);
    }

    private static float Min(ReadOnlySpan<float> x)
    {
        float m = float.PositiveInfinity;
        foreach (float v in x) m = Math.Min(m, v);
        return m;
    }

    private static float Std(ReadOnlySpan<float> x)
    {
        double mean = Mean(x), s = 0;
        foreach (float v in x) s += (v - mean) * (v - mean);
        return (float)Math.Sqrt(s / x.Length);
    }

    /// <summary>Least-squares slope in mmHg per minute.</summary>
    private static float Slope(ReadOnlySpan<float> x, double periodSeconds)
    {
        int n = x.Length;
        if (n < 2) return 0f;
        double tMean = (n - 1) / 2.0, yMean = Mean(x), num = 0, den = 0;
        for (int i = 0; i < n; i++)
        {
            num += (i - tMean) * (x[i] - yMean);
            den += (i - tMean) * (i - tMean);
        }
        return (float)(num / den * 60.0 / periodSeconds);
    }
}
