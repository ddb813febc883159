using IOHFuse.Experiments;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Cli;
using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.RealData;

/// <summary>`iohfuse cohort-compare`: the statistics on a recording whose answers are known, and the table and plots on a
/// subset of the real per-minute recordings.</summary>
[TestClass]
public sealed class CohortComparisonTests
{
    /// <summary>Three hours at 60 s: 80 mmHg, a linear fall from minute 40 to 66 mmHg at minute 49, a 3-minute event
    /// (60, 58, 61 mmHg at minutes 50–52), then 75 mmHg.</summary>
    private static SurgicalCase KnownRecording()
    {
        var values = new float[181];
        for (int m = 0; m < values.Length; m++)
            values[m] = m < 40 ? 80 : m < 50 ? 80 - (m - 40) * 14f / 9 : m switch { 50 => 60, 51 => 58, 52 => 61, _ => 75 };
        return PerMinute("known", values);
    }

    /// <summary>A recording with one MAP value per minute from minute 0.</summary>
    private static SurgicalCase PerMinute(string id, float[] values) =>
        new(id, new TimedTrack("MAP", "mmHg", values.Select((_, m) => m * 60.0).ToArray(), values));

    [TestMethod]
    public void TestStatisticsOfAKnownRecording()
    {
        var recording = KnownRecording();
        var s = CohortStatistics.Measure(new MLContext(1), "known", [recording], 60, 20);

        Assert.AreEqual(1, s.Events);
        Assert.AreEqual(3.0, s.DurationMinutes[1], 1e-9, "3 samples below 65 at 60 s");
        Assert.AreEqual(58.0, s.Nadir[0], 1e-9);
        Assert.AreEqual(1, s.EventsWithLookback);
        Assert.AreEqual(recording.Map.Values[45], s.MapFiveMinutesBefore[1], 1e-4);
        Assert.AreEqual(80.0, s.MapFifteenMinutesBefore[1], 1e-9);
        Assert.AreEqual(1.0, s.VisibleDeclineShare, "80 mmHg 15–10 min before, 72 mmHg 5 min before: a visible decline");
        Assert.AreEqual(3 / 181.0, s.ShareBelow65, 1e-9);
        Assert.AreEqual(0.0, s.ShareWithFifteenMinutesBelow65);
        Assert.AreEqual(0.0, s.Changes[1][0], 1e-9, "most minutes do not move");
        Assert.AreEqual(181 / 60.0, s.ValidHours, 1e-9);
        Assert.AreEqual(1.0, s.Autocorrelation[0], 1e-9);
        // Windows before the fall: the lowest MAPs come last, so current MAP ranks the positive windows first.
        Assert.IsGreaterThan(0.9, s.CurrentMapAuroc[5].Value);
        Assert.AreEqual(80.0, s.OnsetProfile[0], 1e-9, "30 min before onset");
        Assert.AreEqual(60.0, s.OnsetProfile[CohortStatistics.OnsetProfileMinutesBefore], 1e-9, "at onset");
    }

    [TestMethod]
    public void TestSingleMinuteExcursionsAreSpikesNotSteps()
    {
        // Two hours at 60 s around 80 mmHg: a one-minute spike to 110, a one-minute dip to 50, a 14-mmHg spike (too
        // small), a staircase and a step to 100 that stays (neither is an excursion).
        var values = Enumerable.Repeat(80f, 121).ToArray();
        values[20] = 110;
        values[40] = 50;
        values[60] = 94;
        // A staircase 80 → 96 → 112: two rises of 16 mmHg in a row are a climb, not a spike.
        values[70] = 96;
        values[71] = values[72] = values[73] = 112;
        for (int m = 80; m < values.Length; m++) values[m] = 100;
        // A 3-minute event (the statistics need windows of both classes); its edges are steps, not excursions.
        values[108] = values[109] = values[110] = 60;
        var recording = PerMinute("spikes", values);

        var s = CohortStatistics.Measure(new MLContext(1), "spikes", [recording], 60, 20);

        Assert.AreEqual(2 / s.ValidHours, s.ExcursionsPerHour, 1e-9);
        Assert.AreEqual(0.5, s.ExcursionUpShare, 1e-9);
    }

    [TestMethod]
    public void TestWhereCurrentMapFails()
    {
        // Two hours at 60 s each. "held": 67 mmHg (just above the threshold) with one 3-minute event at minute 90.
        // "fall": 90 mmHg with a sudden 5-minute fall to 55 mmHg at minute 60. Each has 5 positive windows at 5 min
        // (t = onset − 5 … onset − 1): at 67 mmHg in "held", at 90 mmHg in "fall".
        SurgicalCase Recording(string id, float level, int onset, int minutes, float low) =>
            PerMinute(id, Enumerable.Range(0, 121).Select(m => m >= onset && m < onset + minutes ? low : level).ToArray());

        var s = CohortStatistics.Measure(new MLContext(1), "two", [Recording("held", 67, 90, 3, 60), Recording("fall", 90, 60, 5, 55)], 60, 20);

        Assert.AreEqual(0.5, s.PositivesFarAboveShare, 1e-9, "half the positives come from 90 mmHg");
        // Every window of "held" is near the threshold and none of "fall": about half of all windows, 5 of them positive.
        Assert.IsInRange(0.4, 0.6, s.NearThresholdWindowShare);
        double nearWindows = s.NearThresholdWindowShare * s.Windows;
        Assert.AreEqual(5 / nearWindows, s.NearThresholdPositiveRate, 1e-9);
    }

    [TestMethod]
    public void TestTolerances()
    {
        Assert.IsTrue(new Tolerance(0.03).Accepts(0.90, 0.921));
        Assert.IsFalse(new Tolerance(0.03).Accepts(0.88, 0.921));
        Assert.IsTrue(new Tolerance(1.5, Relative: true).Accepts(1.5, 1.0));
        Assert.IsTrue(new Tolerance(1.5, Relative: true).Accepts(1.0, 1.5));
        Assert.IsFalse(new Tolerance(1.5, Relative: true).Accepts(0.6, 1.0));
        Assert.IsFalse(new Tolerance(2).Accepts(double.NaN, 1));
    }

    [TestMethod]
    public void TestCompareWritesTheTableAndPlots()
    {
        using var subset = RealIcuMapSubset.Create(train: 8, validation: 2, test: 2);
        string output = Path.Combine(subset.Directory, "cohort");
        var (exit, stdout, stderr) = CliTests.Run("cohort-compare", "--data", subset.Cases, "--out", output, "--cases", "20", "--bootstrap", "20");
        Assert.AreEqual(0, exit, stderr + stdout);

        string md = File.ReadAllText(Path.Combine(output, "comparison.md"));
        StringAssert.Contains(md, "| current-MAP AUROC, 5 min, at 3 s (native) |");
        StringAssert.Contains(md, "Haberbusch 2026");
        StringAssert.Contains(md, Path.GetFileName(subset.Directory) + "/cases at 60 s");
        foreach (var (file, _) in CohortPlots.Files)
            Assert.IsGreaterThan(1000L, new FileInfo(Path.Combine(output, file)).Length, file);
        // The count line adds up the verdicts of the table.
        int pass = md.Split('\n').Count(l => l.Contains("| pass |", StringComparison.Ordinal));
        int miss = md.Split('\n').Count(l => l.Contains("| **miss** |", StringComparison.Ordinal));
        StringAssert.Contains(md, $"{pass} of {pass + miss} targeted rows are within tolerance");
        Assert.IsGreaterThan(30, pass + miss);
    }

    [TestMethod]
    public void TestCompareRejectsBadInput()
    {
        foreach (var (args, expected) in new[]
        {
            (new[] { "cohort-compare", "--data", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N")) }, "does not exist"),
            (new[] { "cohort-compare", "--data", Path.GetTempPath(), "--cases", "5" }, "--cases"),
            (new[] { "cohort-compare", "--data", Path.GetTempPath(), "--period", "7" }, "--period"),
            (new[] { "cohort-compare" }, "--data"),
        })
        {
            var (exit, _, error) = CliTests.Run(args);
            Assert.AreEqual(2, exit, string.Join(' ', args));
            StringAssert.Contains(error, expected);
            Assert.HasCount(1, error.Trim().Split('\n'));
        }
    }
}
