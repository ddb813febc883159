using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class TrackCleanerTests
{
    private static float Wiggle(int i) => 80f + (i % 3) * 0.7f;

    [TestMethod]
    public void TestFlushSpikeRemovedWithMargin()
    {
        var track = TestTracks.Regular(100, 3, i => i is >= 50 and < 53 ? 300f : Wiggle(i));
        var cleaned = new TrackCleaner().Clean(track);

        Assert.AreEqual(3, cleaned.Report.OutOfRangeSamples);
        Assert.AreEqual(4, cleaned.Report.MarginSamples); // 6 s = 2 samples on each side
        Assert.IsFalse(cleaned.Values.Any(v => v > 200));
        for (int i = 48; i < 55; i++)
            Assert.IsTrue(float.IsNaN(cleaned.Values[i]), $"sample {i} should be invalid (valid neighbours 24 s apart are not joined)");
    }

    [TestMethod]
    public void TestZeroingRemoved()
    {
        var track = TestTracks.Regular(100, 3, i => i == 40 ? 0.5f : Wiggle(i));
        var cleaned = new TrackCleaner().Clean(track);

        Assert.AreEqual(1, cleaned.Report.OutOfRangeSamples);
        Assert.IsFalse(cleaned.Values.Any(v => v < 20));
        // 5 invalid samples: the valid neighbours are 18 s apart, within the 20 s limit of a 3-s track.
        Assert.AreEqual(20, cleaned.Report.InterpolationLimitSeconds, 1e-9);
        Assert.AreEqual(5, cleaned.Report.FilledSamples);
        Assert.AreEqual(0, cleaned.Report.MissingSamples);
    }

    [TestMethod]
    public void TestShortGapFilledLinearly()
    {
        var track = TestTracks.Regular(20, 3, i => i is >= 5 and < 9 ? float.NaN : i < 5 ? 80f + i : 100f + i);
        var cleaned = new TrackCleaner(new CleaningOptions { FlatLineSeconds = 0 }).Clean(track);

        Assert.AreEqual(4, cleaned.Report.FilledSamples);
        // Between 84 (index 4) and 109 (index 9): steps of 5.
        Assert.AreEqual(89f, cleaned.Values[5], 1e-4f);
        Assert.AreEqual(104f, cleaned.Values[8], 1e-4f);
    }

    [TestMethod]
    public void TestLongGapNotFilled()
    {
        var track = TestTracks.Regular(60, 3, i => i is >= 10 and < 30 ? float.NaN : Wiggle(i));
        var cleaned = new TrackCleaner().Clean(track);

        Assert.AreEqual(0, cleaned.Report.FilledSamples);
        Assert.AreEqual(20, cleaned.Report.MissingSamples);
    }

    [TestMethod]
    public void TestFlatLineInvalid()
    {
        var track = TestTracks.Regular(100, 3, i => i is >= 30 and < 60 ? 75f : Wiggle(i));
        var cleaned = new TrackCleaner().Clean(track);

        Assert.AreEqual(30, cleaned.Report.FlatLineSamples);
        Assert.IsTrue(float.IsNaN(cleaned.Values[45]));
        Assert.IsFalse(float.IsNaN(cleaned.Values[29]));
    }

    [TestMethod]
    public void TestResamplesOneSecondToThreeSecondMeans()
    {
        var track = TestTracks.Regular(10, 1, i => 80f + i);
        var cleaned = new TrackCleaner(new CleaningOptions { FlatLineSeconds = 0 }).Clean(track);

        // Grid 0, 3, 6, 9; trailing bins (g − 3, g]: {0}, {1,2,3}, {4,5,6}, {7,8,9}; no bin uses a later sample.
        Assert.HasCount(4, cleaned.Values);
        Assert.AreEqual(80f, cleaned.Values[0], 1e-4f);
        Assert.AreEqual(82f, cleaned.Values[1], 1e-4f);
        Assert.AreEqual(85f, cleaned.Values[2], 1e-4f);
        Assert.AreEqual(88f, cleaned.Values[3], 1e-4f);
    }

    /// <summary>A ramp of 1 mmHg per second with a little alternation: linear, so averages and interpolations of it
    /// have known values, and never flat.</summary>
    private static float Ramp(double t) => (float)(70 + t / 60.0);

    [TestMethod]
    [DataRow(1.0, 3.0)]
    [DataRow(1.0, 60.0)]
    [DataRow(3.0, 3.0)]
    [DataRow(3.0, 60.0)]
    [DataRow(20.0, 3.0)]
    [DataRow(20.0, 60.0)]
    [DataRow(60.0, 3.0)]
    [DataRow(60.0, 60.0)]
    public void TestResamplingAtEachPeriod(double sourcePeriod, double gridPeriod)
    {
        // One hour of a slow linear ramp sampled at the source period, resampled to the model's period.
        int n = (int)(3600 / sourcePeriod) + 1;
        var track = TestTracks.Regular(n, sourcePeriod, i => Ramp(i * sourcePeriod));
        var cleaned = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = gridPeriod }).Clean(track);

        Assert.AreEqual(gridPeriod, cleaned.PeriodSeconds);
        Assert.AreEqual(0, cleaned.Report.MissingSamples, "no gap in a regular source, finer or coarser");
        for (int k = 0; k < cleaned.Values.Length; k++)
        {
            double g = cleaned.TimeAt(k);
            // Finer source: the mean of the samples in (g − period, g]. Coarser: linear between its samples, each placed
            // at the end of the bin it falls in (at most one grid period late). Either way never a value from after g.
            string what = $"grid sample {k} at {g} s from a {sourcePeriod}-s source";
            if (sourcePeriod < gridPeriod && k > 0)
                Assert.AreEqual(Ramp(g - (gridPeriod - sourcePeriod) / 2), cleaned.Values[k], 1e-3, what);
            else
                Assert.AreEqual(Ramp(g), cleaned.Values[k], 1e-3 + gridPeriod / 60, what);
            Assert.IsLessThanOrEqualTo(Ramp(g) + 1e-3, cleaned.Values[k], what + " reflects no later time");
        }
        if (sourcePeriod > gridPeriod)
            Assert.IsGreaterThan(0, cleaned.Report.FilledSamples, "a coarser source is interpolated");
    }

    [TestMethod]
    [DataRow(20.0)]
    [DataRow(60.0)]
    public void TestCoarseSourceBridgesOneMissingSampleNotTwo(double sourcePeriod)
    {
        // Samples 10 and 20..21 missing: one missing sample is bridged on a 3-s grid, two are not.
        var track = TestTracks.Regular(40, sourcePeriod, i => i == 10 || i is 20 or 21 ? float.NaN : Ramp(i * sourcePeriod));
        var cleaned = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = 3 }).Clean(track);

        Assert.AreEqual(2 * sourcePeriod, cleaned.Report.InterpolationLimitSeconds, 1e-9);
        int At(double t) => (int)Math.Round(t / 3);
        Assert.IsFalse(float.IsNaN(cleaned.Values[At(10 * sourcePeriod)]), "one missing sample is bridged");
        Assert.IsTrue(float.IsNaN(cleaned.Values[At(20.5 * sourcePeriod)]), "two missing samples are not");
    }

    [TestMethod]
    public void TestFlatLineRuleKeepsRepeatingPerMinuteValues()
    {
        // Real per-minute ICU MAP of a stable patient repeats whole-mmHg values for many minutes; that is not a frozen monitor.
        var track = TestTracks.Regular(120, 60, i => i is >= 30 and < 62 ? 75f : 76f + (i % 2));
        var cleaned = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = 60 }).Clean(track);

        Assert.AreEqual(0, cleaned.Report.FlatLineSamples);
        Assert.AreEqual(0, cleaned.Report.MissingSamples);
        // The same run at 1 s is a frozen value and goes.
        var fine = TestTracks.Regular(120, 1, i => i is >= 30 and < 92 ? 75f : 76f + (i % 2));
        Assert.AreEqual(62, new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = 1 }).Clean(fine).Report.FlatLineSamples);
    }

    [TestMethod]
    public void TestCleanUntilUsesOnlyThePast()
    {
        // A 60-s source scored on a 3-s grid: the history ending between two measurements holds the last one instead of
        // interpolating towards the next, and nothing after the moment changes it.
        var track = TestTracks.Regular(40, 60, i => i < 20 ? 80f + (i % 2) : 50f + (i % 2));
        var cleaner = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = 3 });
        int end = (int)(19.5 * 60 / 3);   // 1,170 s: half-way between the samples at 1,140 s (81) and 1,200 s (50)
        var history = cleaner.CleanUntil(track, 0, end, 100);
        var truncated = new TimedTrack("MAP", "mmHg", track.TimesSeconds[..20], track.Values[..20]);

        Assert.AreEqual(81f, history.Values[^1], "held at the last measurement, not interpolated towards 50");
        Assert.AreEqual(10, history.Report.HeldSamples);
        CollectionAssert.AreEqual(cleaner.CleanUntil(truncated, 0, end, 100).Values, history.Values, "later samples change nothing");
        Assert.AreEqual(1170, history.TimeAt(history.Values.Length - 1), 1e-9);
        // The whole-recording grid (labels) does interpolate there.
        Assert.AreEqual(65.5f, cleaner.Clean(track).Values[end], 1e-3f);
    }

    [TestMethod]
    public void TestCleanUntilMatchesWholeTrackInsideTheHistory()
    {
        // For a fine source the causal view of a moment equals the whole-track grid before that moment.
        var track = TestTracks.Regular(2000, 1, i => i is >= 700 and < 703 ? 300f : i is >= 900 and < 910 ? float.NaN : 80f + (i % 3) * 0.7f);
        var cleaner = new TrackCleaner();
        var whole = cleaner.Clean(track);
        var history = cleaner.CleanUntil(track, 0, 500, 300);

        for (int k = 0; k < 290; k++)
            Assert.AreEqual(whole.Values[201 + k], history.Values[k], $"grid sample {201 + k}");
    }

    [TestMethod]
    public void TestRejectsBadOptions()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrackCleaner(new CleaningOptions { MinimumValidMmHg = 300 }));
    }

    [TestMethod]
    public void TestTrackRejectsDuplicateTimestamp()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new TimedTrack("MAP", "mmHg", [0, 3, 3], [80, 81, 82]));
        Assert.Contains("duplicate", ex.Message);
        Assert.ThrowsExactly<ArgumentException>(() => new TimedTrack("MAP", "mmHg", [], []));
    }
}
