using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using Microsoft.ML;

namespace IOHFuse.Experiments;

/// <summary>
/// The statistics that say whether a set of MAP recordings behaves like another, all measured on the library's own
/// cleaned grid at one sample period (<see cref="TrackCleaner"/>: finer sources are averaged into the period), with the
/// library's event rule (<see cref="IohEventDetector"/>) and windows, and the current-MAP score evaluated by
/// <see cref="ForwardEvaluator"/> (ML.NET's evaluator, case-bootstrap CIs). Definitions are in docs/synthetic-cohort.md.
/// </summary>
public sealed class CohortStatistics
{
    /// <summary>Quantile levels of the MAP level distribution.</summary>
    public static IReadOnlyList<double> LevelQuantiles { get; } = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>Quantile levels of the absolute MAP changes.</summary>
    public static IReadOnlyList<double> ChangeQuantiles { get; } = [0.5, 0.9, 0.99];

    /// <summary>Lags in minutes of the MAP changes.</summary>
    public static IReadOnlyList<int> ChangeLagsMinutes { get; } = [1, 5, 15];

    /// <summary>Longest lag of the autocorrelation in minutes (every whole minute up to it is measured).</summary>
    public const int MaximumAutocorrelationLagMinutes = 60;

    /// <summary>Quantile levels of event duration and nadir and of the pre-event MAP.</summary>
    public static IReadOnlyList<double> EventQuantiles { get; } = [0.25, 0.5, 0.75, 0.9];

    /// <summary>Horizons of the current-MAP AUROC, in minutes.</summary>
    public static IReadOnlyList<int> Horizons { get; } = [5, 10, 15];

    /// <summary>Length of the blocks the autocorrelation is computed in, so recordings of 2 h and of 11 h are compared alike.</summary>
    public const double AutocorrelationBlockMinutes = 120;

    /// <summary>Minutes before onset covered by <see cref="OnsetProfile"/> (which runs to 10 min after).</summary>
    public const int OnsetProfileMinutesBefore = 30;

    /// <summary>A decline is visible when the 5-min mean 15–10 min before onset exceeds the MAP 5 min before onset by this much.</summary>
    public const double VisibleDeclineMmHg = 5;

    private CohortStatistics(string name, double period) { Name = name; SamplePeriodSeconds = period; }

    /// <summary>What was measured ("real-icu-map", "synthetic", ...).</summary>
    public string Name { get; }

    /// <summary>The grid period the statistics were measured at.</summary>
    public double SamplePeriodSeconds { get; }

    /// <summary>Recordings.</summary>
    public int Recordings { get; private set; }

    /// <summary>Hours of valid (cleaned, non-missing) MAP.</summary>
    public double ValidHours { get; private set; }

    /// <summary>MAP quantiles at <see cref="LevelQuantiles"/> over all valid grid samples (mmHg).</summary>
    public double[] Level { get; private set; } = [];

    /// <summary>Share of valid grid samples below 65 mmHg.</summary>
    public double ShareBelow65 { get; private set; }

    /// <summary>Share of recordings with at least 15 min of valid samples below 65 mmHg in all (the cumulative measure of
    /// intraoperative-hypotension registries).</summary>
    public double ShareWithFifteenMinutesBelow65 { get; private set; }

    /// <summary>Quantiles (<see cref="ChangeQuantiles"/>) of |MAP(t + lag) − MAP(t)| per lag in minutes (mmHg).</summary>
    public Dictionary<int, double[]> Changes { get; } = [];

    /// <summary>Size (mmHg) of a single-minute excursion: a sample at least this much above both the samples one minute
    /// before and one minute after, or below both (a spike, not a step).</summary>
    public const double ExcursionMmHg = 15;

    /// <summary>Single-minute excursions (see <see cref="ExcursionMmHg"/>) per valid hour. A per-minute statistic: on a
    /// finer grid every sample of a longer excursion counts, so it is compared at 60 s only.</summary>
    public double ExcursionsPerHour { get; private set; }

    /// <summary>Share of the single-minute excursions that go up.</summary>
    public double ExcursionUpShare { get; private set; }

    /// <summary>Autocorrelation of MAP at lags 0..<see cref="MaximumAutocorrelationLagMinutes"/> minutes (index = lag), within
    /// blocks of <see cref="AutocorrelationBlockMinutes"/>, each block demeaned, pooled over blocks.</summary>
    public double[] Autocorrelation { get; private set; } = [];

    /// <summary>IOH events (the library's rule at this period).</summary>
    public int Events { get; private set; }

    /// <summary>Events per valid hour.</summary>
    public double EventsPerHour => ValidHours > 0 ? Events / ValidHours : 0;

    /// <summary>Share of recordings with at least one event.</summary>
    public double ShareOfRecordingsWithEvent { get; private set; }

    /// <summary>Event durations (samples below 65 × period, minutes) at <see cref="EventQuantiles"/>.</summary>
    public double[] DurationMinutes { get; private set; } = [];

    /// <summary>Event nadirs (lowest grid sample of the event, mmHg) at <see cref="EventQuantiles"/>.</summary>
    public double[] Nadir { get; private set; } = [];

    /// <summary>Events with a clean look-back (15 min before onset, no other event in it, valid data).</summary>
    public int EventsWithLookback { get; private set; }

    /// <summary>Share of <see cref="EventsWithLookback"/> whose decline was visible 5 min ahead (see <see cref="VisibleDeclineMmHg"/>).</summary>
    public double VisibleDeclineShare { get; private set; }

    /// <summary>MAP 5 min before onset at <see cref="EventQuantiles"/> (mmHg), events with a clean look-back.</summary>
    public double[] MapFiveMinutesBefore { get; private set; } = [];

    /// <summary>MAP 15 min before onset at <see cref="EventQuantiles"/> (mmHg), events with a clean look-back.</summary>
    public double[] MapFifteenMinutesBefore { get; private set; } = [];

    /// <summary>Mean MAP aligned at event onset, minute −30 to +10 (NaN where no event contributes), events with 30 min of look-back.</summary>
    public double[] OnsetProfile { get; private set; } = [];

    /// <summary>Windows of the AUROC (all recordings, 15-min history, stride 60 s).</summary>
    public long Windows { get; private set; }

    /// <summary>Current-MAP AUROC per horizon with its 95 % case-bootstrap interval.</summary>
    public Dictionary<int, MetricInterval> CurrentMapAuroc { get; } = [];

    /// <summary>Positive-window share per horizon.</summary>
    public Dictionary<int, double> PositiveRate { get; } = [];

    /// <summary>Current MAP of a window just above the threshold: [<see cref="NearThresholdMmHg"/>.Low, .High) mmHg.</summary>
    public static (double Low, double High) NearThresholdMmHg { get; } = (65, 70);

    /// <summary>Current MAP (mmHg) at or above which a fall to an event within the first horizon is one that current MAP
    /// cannot see coming.</summary>
    public const double FarAboveThresholdMmHg = 80;

    /// <summary>Share of windows whose current MAP is in <see cref="NearThresholdMmHg"/>.</summary>
    public double NearThresholdWindowShare { get; private set; }

    /// <summary>Positive rate at the first horizon among the windows in <see cref="NearThresholdMmHg"/>: how often a MAP just
    /// above the threshold is followed by an event (low = MAP held just above 65, as by titration).</summary>
    public double NearThresholdPositiveRate { get; private set; }

    /// <summary>Share of the first horizon's positive windows whose current MAP is at least <see cref="FarAboveThresholdMmHg"/>.</summary>
    public double PositivesFarAboveShare { get; private set; }

    /// <summary>Sorted valid MAP samples (for plots), thinned to at most 200,000.</summary>
    public float[] LevelSample { get; private set; } = [];

    /// <summary>Sorted absolute changes per lag (for plots), thinned.</summary>
    public Dictionary<int, float[]> ChangeSample { get; } = [];

    /// <summary>Sorted event durations (minutes) and nadirs (mmHg), for plots.</summary>
    public (float[] Duration, float[] Nadir) EventSample { get; private set; } = ([], []);

    /// <summary>Measures <paramref name="cases"/> at <paramref name="periodSeconds"/>.</summary>
    /// <param name="ml">The ML.NET context (windows, the current-MAP baseline and the evaluator).</param>
    /// <param name="name">Label of the data.</param>
    /// <param name="cases">Recordings.</param>
    /// <param name="periodSeconds">Grid period; 60 for the like-for-like comparison with per-minute data.</param>
    /// <param name="bootstrapReplicates">Case-bootstrap replicates of the AUROC CIs (at least 20).</param>
    public static CohortStatistics Measure(MLContext ml, string name, IReadOnlyList<SurgicalCase> cases, double periodSeconds, int bootstrapReplicates)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0)
            throw new ArgumentException("No recordings to measure.", nameof(cases));
        if (!(periodSeconds > 0 && 60 % periodSeconds == 0))
            throw new ArgumentOutOfRangeException(nameof(periodSeconds), periodSeconds, "must divide 60 s.");
        var s = new CohortStatistics(name, periodSeconds) { Recordings = cases.Count };
        var cleaner = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = periodSeconds });
        var detector = new IohEventDetector(periodSeconds);
        int perMinute = (int)Math.Round(60 / periodSeconds);
        int block = (int)Math.Round(AutocorrelationBlockMinutes * perMinute);

        var level = new List<float>();
        var changes = ChangeLagsMinutes.ToDictionary(l => l, _ => new List<float>());
        var acfNumerator = new double[MaximumAutocorrelationLagMinutes + 1];
        var acfCount = new long[MaximumAutocorrelationLagMinutes + 1];
        double acfVariance = 0;
        long acfSamples = 0;
        var durations = new List<float>();
        var nadirs = new List<float>();
        var before5 = new List<float>();
        var before15 = new List<float>();
        int declines = 0, withEvent = 0, withFifteenMinutes = 0, excursions = 0, excursionsUp = 0;
        const int profileBefore = OnsetProfileMinutesBefore, profileAfter = 10;
        var profileSum = new double[profileBefore + profileAfter + 1];
        var profileCount = new int[profileSum.Length];

        foreach (var c in cases)
        {
            float[] v = cleaner.Clean(c.Map).Values;
            int valid = 0, below = 0;
            foreach (float x in v)
            {
                if (float.IsNaN(x)) continue;
                valid++;
                if (x < 65) below++;
                level.Add(x);
            }
            if (below * periodSeconds >= 15 * 60) withFifteenMinutes++;
            s.ValidHours += valid * periodSeconds / 3600;
            foreach (int lag in ChangeLagsMinutes)
            {
                int k = lag * perMinute;
                for (int i = 0; i + k < v.Length; i++)
                    if (!float.IsNaN(v[i]) && !float.IsNaN(v[i + k]))
                        changes[lag].Add(Math.Abs(v[i + k] - v[i]));
            }
            for (int i = perMinute; i + perMinute < v.Length; i++)
            {
                float d1 = v[i] - v[i - perMinute], d2 = v[i + perMinute] - v[i];
                // NaN comparisons are false, so gaps never count.
                if (Math.Abs(d1) >= ExcursionMmHg && Math.Abs(d2) >= ExcursionMmHg && d1 * d2 < 0)
                {
                    excursions++;
                    if (d1 > 0) excursionsUp++;
                }
            }
            for (int b = 0; b + block <= v.Length; b += block)
                AddBlockAutocorrelation(v.AsSpan(b, block), perMinute, acfNumerator, acfCount, ref acfVariance, ref acfSamples);

            var events = detector.FindEvents(v);
            if (events.Count > 0) withEvent++;
            s.Events += events.Count;
            var inEvent = IohEventDetector.InProgressMask(v.Length, events);
            foreach (var e in events)
            {
                durations.Add((float)(e.Length * periodSeconds / 60));
                float low = float.MaxValue;
                for (int i = e.StartIndex; i <= e.EndIndex; i++) low = Math.Min(low, v[i]);
                nadirs.Add(low);

                int onset = e.StartIndex;
                if (Lookback(v, inEvent, onset, profileBefore * perMinute))
                {
                    for (int m = -profileBefore; m <= profileAfter; m++)
                    {
                        int i = onset + m * perMinute;
                        if (i < v.Length && !float.IsNaN(v[i])) { profileSum[m + profileBefore] += v[i]; profileCount[m + profileBefore]++; }
                    }
                }
                if (!Lookback(v, inEvent, onset, 15 * perMinute))
                    continue;
                float at5 = v[onset - 5 * perMinute], at15 = v[onset - 15 * perMinute];
                if (float.IsNaN(at5) || float.IsNaN(at15))
                    continue;
                double early = Mean(v.AsSpan(onset - 15 * perMinute, 5 * perMinute));
                if (double.IsNaN(early))
                    continue;
                s.EventsWithLookback++;
                before5.Add(at5);
                before15.Add(at15);
                if (early - at5 >= VisibleDeclineMmHg) declines++;
            }
        }

        level.Sort();
        s.Level = Quantiles(level, LevelQuantiles);
        s.ShareBelow65 = level.Count == 0 ? 0 : LowerBound(level, 65f) / (double)level.Count;
        s.LevelSample = Thin(level);
        foreach (var (lag, list) in changes)
        {
            list.Sort();
            s.Changes[lag] = Quantiles(list, ChangeQuantiles);
            s.ChangeSample[lag] = Thin(list);
        }
        s.ExcursionsPerHour = s.ValidHours > 0 ? excursions / s.ValidHours : double.NaN;
        s.ExcursionUpShare = excursions > 0 ? excursionsUp / (double)excursions : double.NaN;
        s.Autocorrelation = acfNumerator.Select((sum, lag) => acfCount[lag] > 0 && acfVariance > 0 ? sum / acfCount[lag] / (acfVariance / acfSamples) : double.NaN).ToArray();
        durations.Sort();
        nadirs.Sort();
        before5.Sort();
        before15.Sort();
        s.ShareOfRecordingsWithEvent = withEvent / (double)cases.Count;
        s.ShareWithFifteenMinutesBelow65 = withFifteenMinutes / (double)cases.Count;
        s.DurationMinutes = Quantiles(durations, EventQuantiles);
        s.Nadir = Quantiles(nadirs, EventQuantiles);
        s.EventSample = (durations.ToArray(), nadirs.ToArray());
        s.VisibleDeclineShare = s.EventsWithLookback > 0 ? declines / (double)s.EventsWithLookback : double.NaN;
        s.MapFiveMinutesBefore = Quantiles(before5, EventQuantiles);
        s.MapFifteenMinutesBefore = Quantiles(before15, EventQuantiles);
        s.OnsetProfile = profileSum.Select((sum, i) => profileCount[i] > 0 ? sum / profileCount[i] : double.NaN).ToArray();
        s.MeasureCurrentMap(ml, cases, bootstrapReplicates);
        return s;
    }

    /// <summary>Current MAP on every window of the cases: the library's windows at this period (15-min history, stride
    /// 60 s, the label rule at this period), scored by the current-MAP baseline and evaluated by the forward evaluator.</summary>
    private void MeasureCurrentMap(MLContext ml, IReadOnlyList<SurgicalCase> cases, int bootstrapReplicates)
    {
        var windows = ml.IOHFuse().Data.CreateWindows(cases, new WindowOptions
        {
            SamplePeriodSeconds = SamplePeriodSeconds,
            HistoryMinutes = 15,
            HorizonsMinutes = Horizons.Select(h => (double)h).ToArray(),
            PrimaryHorizonMinutes = Horizons[0],
            StrideSeconds = Math.Max(60, SamplePeriodSeconds),
        });
        var scored = ml.Data.Cache(ml.IOHFuse().Transforms.CurrentMapBaseline().Fit(windows).Transform(windows));
        var evaluator = new ForwardEvaluator(ml, new ForwardEvaluationOptions { BootstrapReplicates = bootstrapReplicates, Seed = 1 });
        foreach (int h in Horizons)
        {
            var w = ScoredWindows.FromDataView(scored, $"Label{h}");
            // The threshold part of the evaluator needs validation scores; the AUROC does not depend on them.
            CurrentMapAuroc[h] = evaluator.Evaluate("Current MAP", h, w, w).Auroc;
            PositiveRate[h] = w.Labels.Count(l => l) / (double)w.Count;
            Windows = w.Count;
            if (h == Horizons[0])
                MeasureWhereCurrentMapFails(w);
        }
    }

    /// <summary>Two ways current MAP ranks windows wrongly: windows held just above the threshold that stay there (negatives
    /// at the top of its ranking) and falls from far above it (positives at the bottom).</summary>
    private void MeasureWhereCurrentMapFails(ScoredWindows w)
    {
        int near = 0, nearPositive = 0, positive = 0, farPositive = 0;
        for (int i = 0; i < w.Count; i++)
        {
            double map = -w.Scores[i];
            if (map >= NearThresholdMmHg.Low && map < NearThresholdMmHg.High)
            {
                near++;
                if (w.Labels[i]) nearPositive++;
            }
            if (!w.Labels[i]) continue;
            positive++;
            if (map >= FarAboveThresholdMmHg) farPositive++;
        }
        NearThresholdWindowShare = w.Count > 0 ? near / (double)w.Count : double.NaN;
        NearThresholdPositiveRate = near > 0 ? nearPositive / (double)near : double.NaN;
        PositivesFarAboveShare = positive > 0 ? farPositive / (double)positive : double.NaN;
    }

    /// <summary>True when the <paramref name="samples"/> before <paramref name="onset"/> exist and hold no other event.</summary>
    private static bool Lookback(float[] v, bool[] inEvent, int onset, int samples)
    {
        if (onset - samples < 0)
            return false;
        for (int i = onset - samples; i < onset; i++)
            if (inEvent[i]) return false;
        return true;
    }

    private static void AddBlockAutocorrelation(ReadOnlySpan<float> x, int perMinute, double[] numerator, long[] count, ref double variance, ref long samples)
    {
        int valid = 0;
        double mean = 0;
        foreach (float v in x)
            if (!float.IsNaN(v)) { mean += v; valid++; }
        // Blocks with much missing data would weigh their few samples' level unfairly.
        if (valid < 0.8 * x.Length)
            return;
        mean /= valid;
        foreach (float v in x)
            if (!float.IsNaN(v)) { variance += (v - mean) * (v - mean); samples++; }
        for (int lag = 0; lag < numerator.Length; lag++)
        {
            int k = lag * perMinute;
            for (int i = 0; i + k < x.Length; i++)
            {
                if (float.IsNaN(x[i]) || float.IsNaN(x[i + k])) continue;
                numerator[lag] += (x[i] - mean) * (x[i + k] - mean);
                count[lag]++;
            }
        }
    }

    private static double Mean(ReadOnlySpan<float> x)
    {
        double sum = 0;
        int n = 0;
        foreach (float v in x)
            if (!float.IsNaN(v)) { sum += v; n++; }
        return n >= 0.8 * x.Length ? sum / n : double.NaN;
    }

    /// <summary>Linear-interpolation quantiles of sorted values (NaN when empty).</summary>
    internal static double[] Quantiles(List<float> sorted, IReadOnlyList<double> levels) => levels.Select(q =>
    {
        if (sorted.Count == 0) return double.NaN;
        double pos = q * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }).ToArray();

    private static int LowerBound(List<float> sorted, float value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static float[] Thin(List<float> sorted)
    {
        const int max = 200_000;
        if (sorted.Count <= max) return sorted.ToArray();
        return Enumerable.Range(0, max).Select(i => sorted[(int)((long)i * (sorted.Count - 1) / (max - 1))]).ToArray();
    }
}
