namespace IOHFuse.MLNet.Data;

/// <summary>
/// The IOH label rule, shared by windowing, augmentation and evaluation so that every component labels alike.
/// </summary>
/// <remarks>
/// <para>Event: a run of consecutive samples below <see cref="ThresholdMmHg"/> whose span from its first to its last
/// sample is at least <see cref="MinimumDurationSeconds"/>. At the default 60 s that is 61 samples at 1 s, 21 at 3 s,
/// 4 at 20 s and 2 at 60 s: the same rule at every period, measured on the samples' own times, so a single low
/// per-minute value (which may be a 5-second dip) is never an event. Missing samples (NaN) end a run.</para>
/// <para>Sampling: a prediction time t (a sample index) is usable only when no event is in progress at t, i.e.
/// t is not inside [start, end] of any event. Its label for horizon h is true when an event starts in (t, t + h].</para>
/// </remarks>
public sealed class IohEventDetector
{
    /// <summary>Creates a detector.</summary>
    /// <param name="samplePeriodSeconds">Sampling period of the series in seconds; must be positive.</param>
    /// <param name="thresholdMmHg">MAP threshold in mmHg (default 65); must be positive.</param>
    /// <param name="minimumDurationSeconds">Minimum sustained duration in seconds (default 60); must be positive.</param>
    public IohEventDetector(double samplePeriodSeconds, float thresholdMmHg = 65f, double minimumDurationSeconds = 60)
    {
        if (!(samplePeriodSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(samplePeriodSeconds), samplePeriodSeconds, "must be positive.");
        if (!(thresholdMmHg > 0))
            throw new ArgumentOutOfRangeException(nameof(thresholdMmHg), thresholdMmHg, "must be positive.");
        if (!(minimumDurationSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(minimumDurationSeconds), minimumDurationSeconds, "must be positive.");
        SamplePeriodSeconds = samplePeriodSeconds;
        ThresholdMmHg = thresholdMmHg;
        MinimumDurationSeconds = minimumDurationSeconds;
        // A span of (k − 1) periods from first to last sample must reach the duration: k = ⌈duration / period⌉ + 1,
        // rounded with a small tolerance so 60 s / 3 s gives 21 samples exactly, not 22 from floating error.
        MinimumSamples = (int)Math.Ceiling(minimumDurationSeconds / samplePeriodSeconds - 1e-9) + 1;
    }

    /// <summary>Sampling period in seconds.</summary>
    public double SamplePeriodSeconds { get; }

    /// <summary>MAP threshold in mmHg.</summary>
    public float ThresholdMmHg { get; }

    /// <summary>Minimum sustained duration in seconds.</summary>
    public double MinimumDurationSeconds { get; }

    /// <summary>Minimum number of consecutive samples below the threshold that make an event (their first-to-last span
    /// reaches <see cref="MinimumDurationSeconds"/>).</summary>
    public int MinimumSamples { get; }

    /// <summary>Finds all events in a regularly sampled MAP series (NaN = missing, ends a run).</summary>
    /// <param name="map">MAP in mmHg.</param>
    public List<IohEvent> FindEvents(ReadOnlySpan<float> map)
    {
        var events = new List<IohEvent>();
        int runStart = -1;
        for (int i = 0; i <= map.Length; i++)
        {
            bool below = i < map.Length && map[i] < ThresholdMmHg; // NaN compares false: ends the run.
            if (below)
            {
                if (runStart < 0)
                    runStart = i;
            }
            else if (runStart >= 0)
            {
                if (i - runStart >= MinimumSamples)
                    events.Add(new IohEvent(runStart, i - 1));
                runStart = -1;
            }
        }
        return events;
    }

    /// <summary>
    /// Marks, for every sample, whether an event is in progress there (so the sample may not be a prediction time).
    /// </summary>
    /// <param name="length">Series length.</param>
    /// <param name="events">Events from <see cref="FindEvents"/>.</param>
    public static bool[] InProgressMask(int length, IReadOnlyList<IohEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var mask = new bool[length];
        foreach (var e in events)
            for (int i = Math.Max(0, e.StartIndex); i <= Math.Min(length - 1, e.EndIndex); i++)
                mask[i] = true;
        return mask;
    }

    /// <summary>
    /// Label of prediction index <paramref name="t"/> for a horizon of <paramref name="horizonSamples"/> samples:
    /// true when an event starts in (t, t + horizonSamples].
    /// </summary>
    /// <param name="t">Prediction sample index.</param>
    /// <param name="horizonSamples">Horizon in samples; must be positive.</param>
    /// <param name="events">Events sorted by start, from <see cref="FindEvents"/>.</param>
    public static bool EventStartsWithin(int t, int horizonSamples, IReadOnlyList<IohEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (horizonSamples <= 0)
            throw new ArgumentOutOfRangeException(nameof(horizonSamples), horizonSamples, "must be positive.");
        foreach (var e in events)
        {
            if (e.StartIndex > t + horizonSamples)
                break;
            if (e.StartIndex > t)
                return true;
        }
        return false;
    }

    /// <summary>
    /// Labels a single window laid out as [history | future] where the prediction time is the last history sample.
    /// Used for synthetic windows, whose labels must follow the same rule as real ones.
    /// </summary>
    /// <param name="history">MAP history, oldest first, ending at t.</param>
    /// <param name="future">MAP after t.</param>
    /// <param name="horizonSamples">Horizon in samples (≤ future length).</param>
    /// <param name="inProgressAtT">Set to true when an event is in progress at t (such a window is not a valid sample).</param>
    public bool LabelWindow(ReadOnlySpan<float> history, ReadOnlySpan<float> future, int horizonSamples, out bool inProgressAtT)
    {
        if (history.IsEmpty)
            throw new ArgumentException("History must not be empty.", nameof(history));
        if (horizonSamples <= 0 || horizonSamples > future.Length)
            throw new ArgumentOutOfRangeException(nameof(horizonSamples), horizonSamples, $"must be in [1, {future.Length}].");
        var series = new float[history.Length + future.Length];
        history.CopyTo(series);
        future.CopyTo(series.AsSpan(history.Length));
        var events = FindEvents(series);
        int t = history.Length - 1;
        inProgressAtT = events.Any(e => e.StartIndex <= t && t <= e.EndIndex);
        return EventStartsWithin(t, horizonSamples, events);
    }
}
