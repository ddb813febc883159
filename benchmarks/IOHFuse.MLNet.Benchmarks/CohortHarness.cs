using System.Diagnostics;
using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// <c>cohort [--cases N] [--seed N] [--json PATH]</c>: the synthetic cohort's statistics and timings behind
/// docs/synthetic-cohort.md. Generates the cohort (default options), builds the default window view and runs one cursor
/// over every row reading History and Future; prints the generation and windowing times and the windowing statistics.
/// </summary>
public static class CohortHarness
{
    /// <summary>Runs the measurement and prints one JSON object.</summary>
    public static int Run(string[] args)
    {
        var o = new HarnessOptions(args, "cases", "seed", "json");
        var options = new SyntheticCohortOptions();
        options.NumberOfCases = o.Integer("cases", options.NumberOfCases);
        options.Seed = o.Integer("seed", options.Seed);
        var ml = new MLContext(seed: 1);

        long start = Stopwatch.GetTimestamp();
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(options);
        double generateSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        start = Stopwatch.GetTimestamp();
        var view = ml.IOHFuse().Data.CreateWindows(cases);
        long rows = 0;
        using (var cursor = view.GetRowCursor(view.Schema))
        {
            var history = cursor.GetGetter<VBuffer<float>>(view.Schema[IohFuseColumns.History]);
            var future = cursor.GetGetter<VBuffer<float>>(view.Schema[IohFuseColumns.Future]);
            VBuffer<float> h = default, f = default;
            while (cursor.MoveNext())
            {
                history(ref h);
                future(ref f);
                rows++;
            }
        }
        double windowSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var stats = view.Statistics;
        if (stats.Windows != rows)
            throw new InvalidOperationException($"The cursor read {rows} rows but the statistics count {stats.Windows} windows.");

        var result = new Dictionary<string, object>
        {
            ["cases"] = cases.Count,
            ["seed"] = options.Seed,
            ["generate_seconds"] = generateSeconds,
            ["window_cursor_seconds"] = windowSeconds,
            ["rows"] = rows,
            ["hours"] = stats.Hours,
            ["events"] = stats.Events,
            ["events_per_hour"] = stats.EventsPerHour,
            ["cases_without_windows"] = stats.CasesWithoutWindows,
            ["statistics"] = stats.ToString(),
            ["nproc"] = Environment.ProcessorCount,
        };
        o.Report(result);
        return 0;
    }
}
