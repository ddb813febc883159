using IOHFuse.MLNet.Data;

namespace IOHFuse.Experiments;

/// <summary>The PNG plots of the cohort comparison (ScottPlot): level, changes, autocorrelation, events, the MAP before
/// onset, and example traces.</summary>
public static class CohortPlots
{
    /// <summary>File names and captions, in the order the comparison shows them.</summary>
    public static IReadOnlyList<(string File, string Caption)> Files { get; } =
    [
        ("level.png", "MAP level distribution"),
        ("changes.png", "Distribution of absolute MAP changes over 1, 5 and 15 minutes"),
        ("autocorrelation.png", "Autocorrelation of MAP within 2-hour blocks"),
        ("events.png", "Event duration and nadir"),
        ("onset.png", "Mean MAP around event onset"),
        ("examples.png", "Example recordings: real and synthetic, 4 hours each"),
    ];

    /// <summary>Writes every plot of <see cref="Files"/> into <paramref name="directory"/>.</summary>
    /// <param name="real">Statistics of the real recordings.</param>
    /// <param name="synthetic">Statistics of the synthetic cohort at the real recordings' period.</param>
    /// <param name="native">Statistics of the synthetic cohort at its own period.</param>
    /// <param name="realCases">The real recordings (example traces).</param>
    /// <param name="syntheticCases">The synthetic cases (example traces).</param>
    /// <param name="directory">Output folder.</param>
    public static void Write(CohortStatistics real, CohortStatistics synthetic, CohortStatistics native, IReadOnlyList<SurgicalCase> realCases,
        IReadOnlyList<SurgicalCase> syntheticCases, string directory)
    {
        var sets = new[] { real, synthetic, native };
        string Name(CohortStatistics s) => $"{s.Name} ({s.SamplePeriodSeconds:0.#} s)";

        var level = new ScottPlot.Plot();
        foreach (var s in sets)
        {
            var (x, y) = Density(s.LevelSample, 30, 150, 2);
            level.Add.ScatterLine(x, y).LegendText = Name(s);
        }
        AddVertical(level, 65);
        Finish(level, "MAP level", "MAP (mmHg)", "density");
        level.SavePng(Path.Combine(directory, Files[0].File), 800, 500);

        ScottPlot.Multiplot? changes = null;
        foreach (int lag in CohortStatistics.ChangeLagsMinutes)
        {
            var plt = new ScottPlot.Plot();
            foreach (var s in sets)
            {
                var (x, y) = Cdf(s.ChangeSample[lag], 0, 40);
                plt.Add.ScatterLine(x, y).LegendText = Name(s);
            }
            Finish(plt, $"|ΔMAP| over {lag} min", "absolute change (mmHg)", "cumulative share");
            Add(ref changes, plt);
        }
        changes!.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Plots.Save(changes, 1500, 500, Path.Combine(directory, Files[1].File));

        var acf = new ScottPlot.Plot();
        foreach (var s in sets)
            acf.Add.ScatterLine(Enumerable.Range(0, s.Autocorrelation.Length).Select(i => (double)i).ToArray(), s.Autocorrelation).LegendText = Name(s);
        acf.Add.HorizontalLine(0).LinePattern = ScottPlot.LinePattern.Dotted;
        Finish(acf, "Autocorrelation of MAP (2-h blocks, demeaned)", "lag (min)", "autocorrelation");
        acf.SavePng(Path.Combine(directory, Files[2].File), 800, 500);

        var duration = new ScottPlot.Plot();
        var nadir = new ScottPlot.Plot();
        foreach (var s in sets)
        {
            var (dx, dy) = Cdf(s.EventSample.Duration, 0, 60);
            duration.Add.ScatterLine(dx, dy).LegendText = Name(s);
            var (nx, ny) = Cdf(s.EventSample.Nadir, 35, 65);
            nadir.Add.ScatterLine(nx, ny).LegendText = Name(s);
        }
        Finish(duration, "Event duration", "minutes below 65 mmHg", "cumulative share");
        Finish(nadir, "Event nadir", "lowest MAP of the event (mmHg)", "cumulative share");
        var events = new ScottPlot.Multiplot(duration);
        events.Subplots.Add(nadir);
        events.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Plots.Save(events, 1400, 500, Path.Combine(directory, Files[3].File));

        var onset = new ScottPlot.Plot();
        foreach (var s in sets)
        {
            onset.Add.ScatterLine(Enumerable.Range(-CohortStatistics.OnsetProfileMinutesBefore, s.OnsetProfile.Length).Select(i => (double)i).ToArray(), s.OnsetProfile).LegendText = Name(s);
        }
        onset.Add.HorizontalLine(65).LinePattern = ScottPlot.LinePattern.Dotted;
        AddVertical(onset, 0);
        Finish(onset, "Mean MAP around event onset (events with 30 min of event-free look-back)", "minutes from onset", "MAP (mmHg)");
        onset.SavePng(Path.Combine(directory, Files[4].File), 800, 500);

        ScottPlot.Multiplot? examples = null;
        var cleaner = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = real.SamplePeriodSeconds });
        var nativeCleaner = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = native.SamplePeriodSeconds });
        const int shown = 3;
        // Evenly spaced among the real recordings with an event in their first 4 hours (the folder is in file-name order),
        // beside the first synthetic cases.
        var detector = new IohEventDetector(real.SamplePeriodSeconds);
        int window = (int)Math.Round(240 * 60 / real.SamplePeriodSeconds);
        bool EarlyEvent(SurgicalCase c)
        {
            float[] v = cleaner.Clean(c.Map).Values;
            return detector.FindEvents(v.AsSpan(0, Math.Min(window, v.Length))).Count > 0;
        }
        var withEvents = realCases.Where(EarlyEvent).ToList();
        if (withEvents.Count < shown)
            withEvents = realCases.ToList();
        for (int k = 0; k < shown; k++)
        {
            var r = withEvents[k * withEvents.Count / shown];
            var c = syntheticCases[k];
            var plt = new ScottPlot.Plot();
            AddTrace(plt, nativeCleaner.Clean(c.Map), $"synthetic {c.CaseId} ({native.SamplePeriodSeconds:0.#} s)");
            AddTrace(plt, cleaner.Clean(c.Map), $"synthetic {c.CaseId} ({real.SamplePeriodSeconds:0.#} s)");
            AddTrace(plt, cleaner.Clean(r.Map), $"real {r.CaseId}");
            plt.Add.HorizontalLine(65).LinePattern = ScottPlot.LinePattern.Dotted;
            Finish(plt, "", "minutes from start", "MAP (mmHg)");
            plt.Axes.SetLimitsX(0, 240);
            Add(ref examples, plt);
        }
        examples!.Layout = new ScottPlot.MultiplotLayouts.Rows();
        Plots.Save(examples, 1400, 1050, Path.Combine(directory, Files[5].File));
    }

    private static void AddTrace(ScottPlot.Plot plt, CleanedTrack track, string name)
    {
        int n = Math.Min(track.Values.Length, (int)Math.Round(240 * 60 / track.PeriodSeconds) + 1);
        var x = Enumerable.Range(0, n).Select(i => i * track.PeriodSeconds / 60).ToArray();
        var y = track.Values.Take(n).Select(v => (double)v).ToArray();
        var line = plt.Add.ScatterLine(x, y);
        line.LegendText = name;
        line.MarkerSize = 0;
    }

    private static void Add(ref ScottPlot.Multiplot? layout, ScottPlot.Plot plt)
    {
        if (layout is null)
            layout = new ScottPlot.Multiplot(plt); // The constructor's plot is the first panel.
        else
            layout.Subplots.Add(plt);
    }

    private static void AddVertical(ScottPlot.Plot plt, double x) => plt.Add.VerticalLine(x).LinePattern = ScottPlot.LinePattern.Dotted;

    private static void Finish(ScottPlot.Plot plt, string title, string x, string y)
    {
        if (title.Length > 0) plt.Title(title);
        plt.XLabel(x);
        plt.YLabel(y);
        plt.ShowLegend(ScottPlot.Alignment.UpperRight);
    }

    /// <summary>A histogram as a density line over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private static (double[] X, double[] Y) Density(float[] values, double from, double to, double width)
    {
        int bins = (int)Math.Ceiling((to - from) / width);
        var counts = new double[bins];
        foreach (float v in values)
        {
            int b = (int)Math.Floor((v - from) / width);
            if (b >= 0 && b < bins) counts[b]++;
        }
        double total = Math.Max(1, values.Length) * width;
        return (Enumerable.Range(0, bins).Select(b => from + (b + 0.5) * width).ToArray(), counts.Select(c => c / total).ToArray());
    }

    /// <summary>Empirical CDF of sorted values on 200 points from <paramref name="min"/> to <paramref name="max"/>.</summary>
    private static (double[] X, double[] Y) Cdf(float[] sorted, double min, double max)
    {
        var x = Enumerable.Range(0, 201).Select(i => min + (max - min) * i / 200).ToArray();
        var y = x.Select(v =>
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi) { int mid = (lo + hi) >>> 1; if (sorted[mid] <= v) lo = mid + 1; else hi = mid; }
            return sorted.Length == 0 ? double.NaN : lo / (double)sorted.Length;
        }).ToArray();
        return (x, y);
    }
}
