using System.Globalization;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Spectre.Console;

namespace IOHFuse.Samples.QuickStart;

/// <summary>
/// The PredictionEngine demo: the minutes before a real IOH event of a held-out case, scored one window at a time as
/// the bedside app would, with the first alarm and its lead time. Eight random windows would show eight quiet rows
/// (most windows are far from any event); this shows what the alarm is for.
/// </summary>
internal sealed class AlarmDemo
{
    private const double MinutesShown = 10;

    private readonly List<(IohWindow Window, IohPrediction Prediction)> _rows;
    private readonly double _onset;
    private readonly int _forecastSamples;

    private AlarmDemo(List<(IohWindow, IohPrediction)> rows, double onset, int forecastSamples, string summary)
    {
        _rows = rows;
        _onset = onset;
        _forecastSamples = forecastSamples;
        Summary = summary;
    }

    /// <summary>One line: the case, the event, the first alarm and the lead time (or that no event was caught).</summary>
    public string Summary { get; }

    /// <summary>
    /// The first held-out event (cases in id order) with an alarm within the horizon before its onset; when no event
    /// has one, the event whose highest probability before onset was highest, said so.
    /// </summary>
    public static AlarmDemo Find(IReadOnlyList<IohWindow> windows, PredictionEngine<IohWindow, IohPrediction> engine, IohFuseModelInfo info)
    {
        var detector = new IohEventDetector(info.SamplePeriodSeconds);
        double horizon = double.IsFinite(info.HorizonMinutes) ? info.HorizonMinutes : 5;
        int forecastSamples = (int)Math.Round(horizon * 60 / info.SamplePeriodSeconds);
        AlarmDemo? fallback = null;
        float fallbackPeak = -1;
        foreach (var byCase in windows.GroupBy(w => w.CaseId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = byCase.OrderBy(w => w.Time).ToList();
            foreach (double onset in Onsets(ordered, detector, info.SamplePeriodSeconds))
            {
                var before = ordered.Where(w => w.Time >= onset - MinutesShown * 60 && w.Time < onset).ToList();
                if (before.Count < 3)
                    continue;
                var rows = before.Select(w => (w, engine.Predict(w))).ToList();
                var first = rows.FirstOrDefault(r => r.Item2.PredictedLabel && r.w.Time >= onset - horizon * 60);
                if (first.w is not null)
                {
                    double lead = (onset - first.w.Time) / 60;
                    return new AlarmDemo(rows, onset, forecastSamples, string.Create(CultureInfo.InvariantCulture,
                        $"Case {byCase.Key}: IOH begins at t = {onset / 60:F1} min (MAP < 65 mmHg for ≥ 60 s); the first alarm within the {horizon:0}-min horizon came at t = {first.w.Time / 60:F0} min, {lead:F1} min ahead."));
                }
                float peak = rows.Max(r => r.Item2.Probability);
                if (peak > fallbackPeak)
                {
                    fallbackPeak = peak;
                    fallback = new AlarmDemo(rows, onset, forecastSamples, string.Create(CultureInfo.InvariantCulture,
                        $"No held-out event was preceded by an alarm within the {horizon:0}-min horizon; shown: case {byCase.Key}, IOH at t = {onset / 60:F1} min, highest probability before it {peak:F3} (alarm at {info.DecisionThreshold:F3})."));
                }
            }
        }
        return fallback ?? new AlarmDemo([], double.NaN, forecastSamples, "The held-out windows contain no IOH event to show.");
    }

    /// <summary>Onset times (s) of the events that begin after a window's time, from its history and future together.</summary>
    private static IEnumerable<double> Onsets(List<IohWindow> ordered, IohEventDetector detector, double period)
    {
        var seen = new HashSet<long>();
        foreach (var w in ordered.Where(w => w.Label && w.Future.Length > 0))
        {
            var series = w.History.Concat(w.Future).ToArray();
            foreach (var e in detector.FindEvents(series))
            {
                if (e.StartIndex < w.History.Length)
                    continue;
                double onset = w.Time + (e.StartIndex - (w.History.Length - 1)) * period;
                if (seen.Add((long)Math.Round(onset)))
                    yield return onset;
                break;
            }
        }
    }

    /// <summary>The rows, narrow enough for 80 columns.</summary>
    public Table Table(string title)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title)
            .AddColumns("case", "t (min)", "MAP now", "P(IOH)", "alarm", "forecast min", "IOH in (min)");
        foreach (var (w, p) in _rows)
        {
            table.AddRow(Markup.Escape(w.CaseId), (w.Time / 60).ToString("F0", CultureInfo.InvariantCulture), w.History[^1].ToString("F0", CultureInfo.InvariantCulture),
                p.Probability.ToString("F3", CultureInfo.InvariantCulture), p.PredictedLabel ? "[red]yes[/]" : "no",
                p.Forecast.Take(_forecastSamples).Min().ToString("F0", CultureInfo.InvariantCulture),
                ((_onset - w.Time) / 60).ToString("F1", CultureInfo.InvariantCulture));
        }
        return table;
    }
}
