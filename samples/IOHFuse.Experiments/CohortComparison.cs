using System.Diagnostics;
using System.Globalization;
using System.Text;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.Experiments;

/// <summary>
/// The synthetic cohort beside real recordings: the same statistics (<see cref="CohortStatistics"/>) on the real
/// recordings and on the synthetic cohort averaged to the recordings' period, plus the cohort at its native period and
/// published intraoperative figures where the real data is not the right reference. Writes comparison.md (one table,
/// each row with its tolerance and pass/fail) and PNG plots; docs/synthetic-cohort.md shows them.
/// </summary>
public static class CohortComparison
{
    /// <summary>Published forward current-MAP (persistence) AUROC on VitalDB intraoperative data (Haberbusch 2026).</summary>
    public static IReadOnlyDictionary<int, double> PublishedCurrentMapAuroc { get; } = new Dictionary<int, double> { [5] = 0.921, [15] = 0.827 };

    /// <summary>Share of non-emergent non-cardiac cases with ≥ 15 cumulative minutes of MAP &lt; 65 mmHg (Saasouh 2023).</summary>
    public const double PublishedShareWithFifteenMinutesBelow65 = 0.29;

    /// <summary>Measures both sides, writes comparison.md and the plots into <paramref name="outDirectory"/>; returns the rows.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="dataDirectory">Folder of real recordings (read with the library's folder reader).</param>
    /// <param name="outDirectory">Output folder.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="log">Receives progress lines.</param>
    public static IReadOnlyList<CohortComparisonRow> Run(MLContext ml, string dataDirectory, string outDirectory, CohortComparisonOptions? options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        ArgumentNullException.ThrowIfNull(log);
        var o = options ?? new CohortComparisonOptions();
        o.Validate();
        var clock = Stopwatch.StartNew();

        var folder = CaseFileReader.ReadFolder(dataDirectory);
        if (folder.Files.Count == 0)
            throw new InvalidDataException($"'{dataDirectory}' holds no readable recordings.");
        log($"Read {folder.Files.Count} recordings ({folder.Skipped.Count} unusable), median interval {folder.MedianIntervalSeconds:0.#} s ({clock.Elapsed.TotalSeconds:F0} s).");
        var generator = new SyntheticCohortOptions { NumberOfCases = o.NumberOfCases, Seed = o.Seed };
        var cohort = ml.IOHFuse().Data.GenerateSyntheticCohort(generator);
        log($"Generated {cohort.Count} synthetic cases at {generator.SamplePeriodSeconds:0.#} s ({clock.Elapsed.TotalSeconds:F0} s).");

        double period = o.ComparisonPeriodSeconds;
        var real = CohortStatistics.Measure(ml, "real", folder.Cases, period, o.BootstrapReplicates);
        log($"Measured the real recordings at {period:0.#} s ({clock.Elapsed.TotalSeconds:F0} s).");
        var synthetic = CohortStatistics.Measure(ml, "synthetic", cohort, period, o.BootstrapReplicates);
        var native = CohortStatistics.Measure(ml, "synthetic (native)", cohort, generator.SamplePeriodSeconds, o.BootstrapReplicates);
        log($"Measured the synthetic cohort at {period:0.#} s and {generator.SamplePeriodSeconds:0.#} s ({clock.Elapsed.TotalSeconds:F0} s).");

        // The folder's last two path parts name the data ("real-icu-map/cases").
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder.Directory));
        string source = $"{Path.GetFileName(Path.GetDirectoryName(full))}/{Path.GetFileName(full)} at {period:0.#} s";
        var rows = Rows(real, synthetic, native, source);
        Directory.CreateDirectory(outDirectory);
        CohortPlots.Write(real, synthetic, native, folder.Cases, cohort, outDirectory);
        File.WriteAllText(Path.Combine(outDirectory, "comparison.md"), Markdown(rows, real, synthetic, native, folder, o, clock.Elapsed));
        log($"{rows.Count(r => r.Passes == true)} of {rows.Count(r => r.Passes is not null)} rows within tolerance; wrote {Path.Combine(outDirectory, "comparison.md")} ({clock.Elapsed.TotalSeconds:F0} s).");
        return rows;
    }

    /// <summary>The table: every statistic with its reference and tolerance. The tolerances are fixed here, before any
    /// calibration, and documented in docs/synthetic-cohort.md.</summary>
    internal static List<CohortComparisonRow> Rows(CohortStatistics real, CohortStatistics synthetic, CohortStatistics native, string source)
    {
        var rows = new List<CohortComparisonRow>();
        string p = $"{synthetic.SamplePeriodSeconds:0.#} s";
        void Add(string group, string statistic, double s, double r, Tolerance? t, double n, string format, string? reference = null) =>
            rows.Add(new CohortComparisonRow(group, statistic, s, r, reference ?? source, t, n, format));
        string Pct(double q) => string.Create(CultureInfo.InvariantCulture, $"p{q * 100:0}");

        var levelTolerance = new Tolerance(8);
        for (int i = 0; i < CohortStatistics.LevelQuantiles.Count; i++)
        {
            double q = CohortStatistics.LevelQuantiles[i];
            // The tails are where an AHE-enriched ICU population and an operating room differ most: reported, not targeted.
            Add("MAP level", $"MAP {Pct(q)} (mmHg)", synthetic.Level[i], real.Level[i], q is 0.25 or 0.5 or 0.75 ? levelTolerance : null, native.Level[i], "F1");
        }
        Add("MAP level", "time below 65 mmHg", synthetic.ShareBelow65, real.ShareBelow65, null, native.ShareBelow65, "P1");
        Add("MAP level", "cases with ≥ 15 min below 65 mmHg in all", synthetic.ShareWithFifteenMinutesBelow65, PublishedShareWithFifteenMinutesBelow65,
            new Tolerance(0.10), native.ShareWithFifteenMinutesBelow65, "P0", "Saasouh 2023: 29 % of 127,095 non-emergent non-cardiac cases");

        foreach (int lag in CohortStatistics.ChangeLagsMinutes)
            for (int i = 0; i < CohortStatistics.ChangeQuantiles.Count; i++)
            {
                double q = CohortStatistics.ChangeQuantiles[i];
                Add("MAP changes", $"\\|ΔMAP\\| over {lag} min, {Pct(q)} (mmHg)", synthetic.Changes[lag][i], real.Changes[lag][i],
                    new Tolerance(q >= 0.99 ? 2 : 1.5, Relative: true), native.Changes[lag][i], "F1");
            }

        // Reported, not targeted: added with the line-handling artifacts, after the tolerances were fixed. A per-minute
        // statistic: at 3 s every sample of a 40-s excursion would count, so there is no native value.
        Add("MAP changes", $"single-minute excursions ≥ {CohortStatistics.ExcursionMmHg:0} mmHg per hour", synthetic.ExcursionsPerHour, real.ExcursionsPerHour, null,
            double.NaN, "F2");
        Add("MAP changes", "single-minute excursions that go up", synthetic.ExcursionUpShare, real.ExcursionUpShare, null, double.NaN, "P0");

        foreach (int lag in new[] { 1, 2, 5, 10, 15, 30 })
            Add("Autocorrelation", $"autocorrelation at {lag} min (2-h blocks)", synthetic.Autocorrelation[lag], real.Autocorrelation[lag], new Tolerance(0.12), native.Autocorrelation[lag], "F2");

        Add("Events", "IOH events per hour", synthetic.EventsPerHour, real.EventsPerHour, new Tolerance(1.5, Relative: true), native.EventsPerHour, "F2");
        Add("Events", "recordings with ≥ 1 event", synthetic.ShareOfRecordingsWithEvent, real.ShareOfRecordingsWithEvent, null, native.ShareOfRecordingsWithEvent, "P0");
        for (int i = 0; i < CohortStatistics.EventQuantiles.Count; i++)
            Add("Events", $"event duration {Pct(CohortStatistics.EventQuantiles[i])} (min)", synthetic.DurationMinutes[i], real.DurationMinutes[i],
                new Tolerance(2, Relative: true), native.DurationMinutes[i], "F1");
        for (int i = 0; i < CohortStatistics.EventQuantiles.Count; i++)
            Add("Events", $"event nadir {Pct(CohortStatistics.EventQuantiles[i])} (mmHg)", synthetic.Nadir[i], real.Nadir[i], new Tolerance(3), native.Nadir[i], "F1");

        Add("Before onset", "events with a visible decline (5-min mean 15–10 min before − MAP 5 min before ≥ 5 mmHg)", synthetic.VisibleDeclineShare,
            real.VisibleDeclineShare, new Tolerance(0.10), native.VisibleDeclineShare, "P0");
        for (int i = 0; i < 3; i++)
            Add("Before onset", $"MAP 5 min before onset, {Pct(CohortStatistics.EventQuantiles[i])} (mmHg)", synthetic.MapFiveMinutesBefore[i], real.MapFiveMinutesBefore[i],
                new Tolerance(4), native.MapFiveMinutesBefore[i], "F1");
        for (int i = 0; i < 3; i++)
            Add("Before onset", $"MAP 15 min before onset, {Pct(CohortStatistics.EventQuantiles[i])} (mmHg)", synthetic.MapFifteenMinutesBefore[i], real.MapFifteenMinutesBefore[i],
                new Tolerance(5), native.MapFifteenMinutesBefore[i], "F1");

        foreach (int h in CohortStatistics.Horizons)
            Add("Prediction", $"positive windows, {h} min", synthetic.PositiveRate[h], real.PositiveRate[h], new Tolerance(1.5, Relative: true), native.PositiveRate[h], "P1");
        foreach (int h in CohortStatistics.Horizons)
            Add("Prediction", $"current-MAP AUROC, {h} min, at {p}", synthetic.CurrentMapAuroc[h].Value, real.CurrentMapAuroc[h].Value, new Tolerance(0.03), double.NaN, "F3");
        foreach (int h in CohortStatistics.Horizons)
        {
            bool published = PublishedCurrentMapAuroc.TryGetValue(h, out double value);
            Add("Prediction", $"current-MAP AUROC, {h} min, at {native.SamplePeriodSeconds:0.#} s (native)", native.CurrentMapAuroc[h].Value,
                published ? value : double.NaN, published ? new Tolerance(0.03) : null, double.NaN, "F3",
                published ? "Haberbusch 2026: VitalDB intraoperative, forward" : "no published figure");
        }

        // Reported, not targeted: added after the tolerances were fixed, to show why the 60-s AUROC rows miss.
        string band = string.Create(CultureInfo.InvariantCulture, $"{CohortStatistics.NearThresholdMmHg.Low:0}–{CohortStatistics.NearThresholdMmHg.High:0} mmHg");
        int first = CohortStatistics.Horizons[0];
        Add("Where current MAP fails", $"windows with current MAP {band}", synthetic.NearThresholdWindowShare, real.NearThresholdWindowShare, null,
            native.NearThresholdWindowShare, "P1");
        Add("Where current MAP fails", $"… of which followed by an event within {first} min", synthetic.NearThresholdPositiveRate, real.NearThresholdPositiveRate, null,
            native.NearThresholdPositiveRate, "P1");
        Add("Where current MAP fails", $"{first}-min positive windows with current MAP ≥ {CohortStatistics.FarAboveThresholdMmHg:0} mmHg", synthetic.PositivesFarAboveShare,
            real.PositivesFarAboveShare, null, native.PositivesFarAboveShare, "P1");
        return rows;
    }

    private static string Markdown(List<CohortComparisonRow> rows, CohortStatistics real, CohortStatistics synthetic, CohortStatistics native,
        CaseFolder folder, CohortComparisonOptions o, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Synthetic cohort against real recordings").AppendLine();
        md.AppendLine(string.Create(inv, $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `iohfuse cohort-compare --data {folder.Directory}` in {elapsed.TotalSeconds:F0} s. Every value is computed by that command; definitions and the reasons for each tolerance are in docs/synthetic-cohort.md.")).AppendLine();
        md.AppendLine(string.Create(inv, $"- Real: {real.Recordings:N0} recordings, {real.ValidHours:N0} valid hours, {real.Events:N0} events, {real.Windows:N0} windows, measured at {real.SamplePeriodSeconds:0.#} s."));
        md.AppendLine(string.Create(inv, $"- Synthetic: the cohort `GenerateSyntheticCohort` makes with {o.NumberOfCases} cases and seed {o.Seed} ({synthetic.Recordings} cases, {native.ValidHours:N0} valid hours at {native.SamplePeriodSeconds:0.#} s), averaged to {synthetic.SamplePeriodSeconds:0.#} s by the library's cleaner for the comparison ({synthetic.Events:N0} events, {synthetic.Windows:N0} windows) and also measured at {native.SamplePeriodSeconds:0.#} s ({native.Events:N0} events, {native.Windows:N0} windows)."));
        md.AppendLine("- AUROC: the current-MAP score (−MAP at t) on every window of every recording (15-min history, stride 60 s, no event in progress at t, the label rule at the period), ML.NET's evaluator; 95 % CIs resample recordings.");
        md.AppendLine().AppendLine(Table(rows)).AppendLine();
        int target = rows.Count(r => r.Passes is not null);
        md.AppendLine(string.Create(inv, $"{rows.Count(r => r.Passes == true)} of {target} targeted rows are within tolerance. Rows without a tolerance are reported for information: the real reference is not the right one there (see docs/synthetic-cohort.md)."));
        md.AppendLine().AppendLine("Current-MAP AUROC with 95 % case-bootstrap CIs:").AppendLine();
        md.AppendLine("| data | " + string.Join(" | ", CohortStatistics.Horizons.Select(h => $"{h} min")) + " |").AppendLine("|---|" + string.Concat(CohortStatistics.Horizons.Select(_ => "---|")));
        foreach (var s in new[] { real, synthetic, native })
            md.AppendLine(string.Create(inv, $"| {s.Name} at {s.SamplePeriodSeconds:0.#} s | ") + string.Join(" | ", CohortStatistics.Horizons.Select(h => s.CurrentMapAuroc[h].ToString())) + " |");
        md.AppendLine();
        foreach (var (file, caption) in CohortPlots.Files)
            md.AppendLine($"![{caption}]({file})").AppendLine();
        return md.ToString();
    }

    /// <summary>The comparison as a markdown table.</summary>
    /// <param name="rows">Rows from <see cref="Run"/>.</param>
    public static string Table(IReadOnlyList<CohortComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var md = new StringBuilder();
        md.AppendLine("| statistic | synthetic | reference | tolerance | result | synthetic, native period | reference source |");
        md.AppendLine("|---|---:|---:|---|---|---:|---|");
        string? group = null;
        foreach (var r in rows)
        {
            if (r.Group != group)
            {
                md.AppendLine($"| **{r.Group}** | | | | | | |");
                group = r.Group;
            }
            string result = r.Passes switch { true => "pass", false => "**miss**", null => "info" };
            md.AppendLine($"| {r.Statistic} | {Format(r.Synthetic, r.Format)} | {Format(r.Reference, r.Format)} | {ToleranceText(r)} | {result} | {Format(r.SyntheticNative, r.Format)} | {r.ReferenceSource} |");
        }
        return md.ToString();
    }

    private static string ToleranceText(CohortComparisonRow r) => r.Tolerance switch
    {
        null => "–",
        { Relative: false } t when r.Format.StartsWith('P') => string.Create(CultureInfo.InvariantCulture, $"± {t.Value * 100:0.#} points"),
        var t => t.ToString(),
    };

    private static string Format(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";
}
