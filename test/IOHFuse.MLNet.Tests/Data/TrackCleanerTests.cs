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
            Assert.IsTrue(float.IsNaN(cleaned.Values[i]), $"sample {i} should be invalid (21 s gap is not filled)");
    }

    [TestMethod]
    public void TestZeroingRemoved()
    {
        var track = TestTracks.Regular(100, 3, i => i == 40 ? 0.5f : Wiggle(i));
        var cleaned = new TrackCleaner().Clean(track);

        Assert.AreEqual(1, cleaned.Report.OutOfRangeSamples);
        Assert.IsFalse(cleaned.Values.Any(v => v < 20));
        // 5 invalid samples = 15 s: short enough to be filled.
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

        // Grid 0, 3, 6, 9; nearest-grid bins {0,1}, {2,3,4}, {5,6,7}, {8,9}.
        Assert.HasCount(4, cleaned.Values);
        Assert.AreEqual(80.5f, cleaned.Values[0], 1e-4f);
        Assert.AreEqual(83f, cleaned.Values[1], 1e-4f);
        Assert.AreEqual(86f, cleaned.Values[2], 1e-4f);
        Assert.AreEqual(88.5f, cleaned.Values[3], 1e-4f);
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
