namespace IOHFuse.MLNet.Data;

/// <summary>Computes the windows of one case at a time (the view calls it lazily while its cursor moves).</summary>
internal sealed class CaseWindower
{
    private readonly TrackCleaner _cleaner;
    private readonly IohEventDetector _detector;
    private readonly int[] _horizons;

    public CaseWindower(WindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var cleaning = (options.Cleaning ?? new CleaningOptions()).Clone();
        cleaning.SamplePeriodSeconds = options.SamplePeriodSeconds;
        _cleaner = new TrackCleaner(cleaning);
        _detector = new IohEventDetector(options.SamplePeriodSeconds, options.ThresholdMmHg, options.MinimumEventSeconds);
        HistoryLength = options.SamplesOf(options.HistoryMinutes * 60, nameof(options.HistoryMinutes));
        _horizons = options.HorizonsMinutes.Select(h => options.SamplesOf(h * 60, nameof(options.HorizonsMinutes))).ToArray();
        FutureLength = _horizons.Max();
        Stride = options.SamplesOf(options.StrideSeconds, nameof(options.StrideSeconds));
        Warmup = (int)Math.Ceiling(options.MinimumWarmupMinutes * 60 / options.SamplePeriodSeconds - 1e-9);
        LabelColumns = options.HorizonsMinutes.Select(WindowOptions.LabelColumnName).ToArray();
        PrimaryIndex = options.HorizonsMinutes.ToList().IndexOf(options.PrimaryHorizonMinutes);
    }

    public WindowOptions Options { get; }

    public int HistoryLength { get; }

    public int FutureLength { get; }

    public int Stride { get; }

    public int Warmup { get; }

    public string[] LabelColumns { get; }

    public int PrimaryIndex { get; }

    /// <summary>Windows of one case; adds its counts to <paramref name="statistics"/> when given (then the history
    /// vectors are not kept).</summary>
    public CaseWindows Compute(SurgicalCase surgicalCase, WindowingStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(surgicalCase);
        // Labels and the forecast target come from the whole recording: they are the outcome, known afterwards.
        CleanedTrack map = _cleaner.Clean(surgicalCase.Map);
        float[] v = map.Values;
        var events = _detector.FindEvents(v);
        bool[] inProgress = IohEventDetector.InProgressMask(v.Length, events);

        // Prefix count of invalid samples, so each window's future invalid fraction is O(1).
        var invalidPrefix = new int[v.Length + 1];
        for (int i = 0; i < v.Length; i++)
            invalidPrefix[i + 1] = invalidPrefix[i] + (float.IsNaN(v[i]) ? 1 : 0);

        var times = new List<int>();
        var labels = new List<bool[]>();
        var histories = new List<float[]>();
        long candidates = 0, inProg = 0, badHistory = 0, badFuture = 0, incomplete = 0;
        var positives = new long[_horizons.Length];
        double maxInvalid = Options.MaximumInvalidFraction;
        for (int t = Math.Max(HistoryLength - 1, Warmup); t < v.Length; t += Stride)
        {
            candidates++;
            if (inProgress[t])
            {
                inProg++;
                continue;
            }
            if (t + FutureLength > v.Length - 1)
            {
                incomplete++;
                continue;
            }
            int futureInvalid = invalidPrefix[t + 1 + FutureLength] - invalidPrefix[t + 1];
            // The model's input is what a bedside monitor had at t: the raw samples up to t, cleaned by the same
            // rules, never a value interpolated towards a later measurement.
            float[] history = _cleaner.CleanUntil(surgicalCase.Map, map.StartSeconds, t, HistoryLength).Values;
            if (!HistoryIsUsable(history, maxInvalid))
            {
                badHistory++;
                continue;
            }
            if (futureInvalid > maxInvalid * FutureLength)
            {
                badFuture++;
                continue;
            }
            var y = new bool[_horizons.Length];
            for (int h = 0; h < _horizons.Length; h++)
            {
                y[h] = IohEventDetector.EventStartsWithin(t, _horizons[h], events);
                if (y[h])
                    positives[h]++;
            }
            times.Add(t);
            labels.Add(y);
            if (statistics is null)
            {
                CarryForward(history);
                histories.Add(history);
            }
        }

        if (statistics is not null)
        {
            statistics.Cases++;
            if (times.Count == 0)
                statistics.CasesWithoutWindows++;
            statistics.Hours += v.Length * map.PeriodSeconds / 3600.0;
            statistics.Events += events.Count;
            statistics.Candidates += candidates;
            statistics.Windows += times.Count;
            statistics.SkippedEventInProgress += inProg;
            statistics.DroppedInvalidHistory += badHistory;
            statistics.DroppedInvalidFuture += badFuture;
            statistics.DroppedIncompleteHorizon += incomplete;
            for (int h = 0; h < _horizons.Length; h++)
            {
                statistics._positives.TryGetValue(LabelColumns[h], out long p);
                statistics._positives[LabelColumns[h]] = p + positives[h];
            }
        }
        return new CaseWindows(surgicalCase, map, times, labels, histories);
    }

    /// <summary>The sample at the prediction time must be valid, and at most the given fraction of the rest missing.</summary>
    internal static bool HistoryIsUsable(ReadOnlySpan<float> history, double maximumInvalidFraction)
    {
        if (float.IsNaN(history[^1]))
            return false;
        int invalid = 0;
        foreach (float x in history)
            if (float.IsNaN(x)) invalid++;
        return invalid <= maximumInvalidFraction * history.Length;
    }

    /// <summary>Missing samples take the previous value; leading ones the first valid value, so the vector is finite.</summary>
    internal static void CarryForward(Span<float> values)
    {
        float first = float.NaN;
        foreach (float x in values)
            if (!float.IsNaN(x)) { first = x; break; }
        float last = first;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
                values[i] = last;
            else
                last = values[i];
        }
    }
}
