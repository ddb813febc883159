using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class IohLabelRuleTests
{
    private static Dictionary<int, bool> LabelsByTime(IDataView view, string labelColumn = "Label1")
    {
        var result = new Dictionary<int, bool>();
        using var cursor = view.GetRowCursor(view.Schema);
        var time = cursor.GetGetter<float>(view.Schema[IohFuseColumns.Time]);
        var label = cursor.GetGetter<bool>(view.Schema[labelColumn]);
        float t = 0;
        bool y = false;
        while (cursor.MoveNext())
        {
            time(ref t);
            label(ref y);
            result[(int)t] = y;
        }
        return result;
    }

    [TestMethod]
    public void TestLabelAtSixtySecondBoundary()
    {
        var ml = new MLContext(seed: 1);
        // 61 samples below 65 at 1 s span 60 s (first to last) and make an event; 60 samples span 59 s and do not.
        var sixty = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", TestTracks.WithDip(400, 1, 200, 61))], TestTracks.OneSecondOptions());
        var fiftyNine = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("b", TestTracks.WithDip(400, 1, 200, 60))], TestTracks.OneSecondOptions());

        Assert.AreEqual(1, sixty.Statistics.Events);
        Assert.AreEqual(0, fiftyNine.Statistics.Events);
        Assert.IsTrue(LabelsByTime(sixty).ContainsValue(true));
        Assert.IsFalse(LabelsByTime(fiftyNine).ContainsValue(true));
    }

    [TestMethod]
    public void TestLabelAtHorizonBoundary()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", TestTracks.WithDip(400, 1, 200, 61))], TestTracks.OneSecondOptions());
        var labels = LabelsByTime(view);

        Assert.IsTrue(labels[140], "event starting exactly at t + h is positive");
        Assert.IsFalse(labels[139], "event starting at t + h + 1 is negative");
        Assert.IsTrue(labels[199], "event starting at t + 1 is positive");
        Assert.IsFalse(labels[261], "after the event ends nothing starts");
        Assert.AreEqual(labels[140], LabelsByTime(view, IohFuseColumns.Label)[140]);
    }

    [TestMethod]
    public void TestNoSampleWhileEventInProgress()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", TestTracks.WithDip(400, 1, 200, 61))], TestTracks.OneSecondOptions());
        var labels = LabelsByTime(view);

        for (int t = 200; t <= 260; t++)
            Assert.IsFalse(labels.ContainsKey(t), $"t = {t} is inside the event");
        Assert.IsTrue(labels.ContainsKey(261));
        Assert.AreEqual(61, view.Statistics.SkippedEventInProgress);
    }

    [TestMethod]
    public void TestWindowCountsAndDroppedCounts()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", TestTracks.WithDip(400, 1, 200, 61))], TestTracks.OneSecondOptions());
        var s = view.Statistics;

        // t runs over 59..399 (full 60-sample history); t > 339 has no full 60 s future.
        Assert.AreEqual(341, s.Candidates);
        Assert.AreEqual(60, s.DroppedIncompleteHorizon);
        Assert.AreEqual(220, s.Windows);
        Assert.AreEqual(60, s.Positives["Label1"]);
        Assert.AreEqual(s.Candidates, s.Windows + s.SkippedEventInProgress + s.DroppedIncompleteHorizon + s.DroppedInvalidHistory + s.DroppedInvalidFuture);
        Assert.HasCount(220, LabelsByTime(view));
    }

    [TestMethod]
    public void TestMissingSampleEndsRunWhenNotFilled()
    {
        var ml = new MLContext(seed: 1);
        // 30 s low, one missing second, 30 s low: two runs of 30 s, no event unless the gap is bridged.
        var track = TestTracks.Regular(400, 1, i => i == 230 ? float.NaN : (i >= 200 && i < 261 ? 50f : 80f) + (i % 2) * 0.5f);
        var noFill = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", track)],
            TestTracks.OneSecondOptions(new CleaningOptions { MaximumInterpolationSeconds = 1 }));
        var fill = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", track)], TestTracks.OneSecondOptions());

        Assert.AreEqual(0, noFill.Statistics.Events);
        Assert.AreEqual(1, fill.Statistics.Events);
    }

    [TestMethod]
    public void TestInvalidHistoryAndFutureAreDroppedAndCounted()
    {
        var ml = new MLContext(seed: 1);
        // A 40 s hole (never filled) at 150..189.
        var track = TestTracks.Regular(400, 1, i => i >= 150 && i < 190 ? float.NaN : 80f + (i % 2) * 0.5f);
        var s = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", track)], TestTracks.OneSecondOptions()).Statistics;

        Assert.IsGreaterThan(0L, s.DroppedInvalidHistory);
        Assert.IsGreaterThan(0L, s.DroppedInvalidFuture);
        Assert.AreEqual(s.Candidates, s.Windows + s.SkippedEventInProgress + s.DroppedIncompleteHorizon + s.DroppedInvalidHistory + s.DroppedInvalidFuture);
    }

    [TestMethod]
    [DataRow(1.0, 61)]
    [DataRow(3.0, 21)]
    [DataRow(20.0, 4)]
    [DataRow(60.0, 2)]
    public void TestDetectorSpanRuleAtEachPeriod(double period, int samples)
    {
        var detector = new IohEventDetector(period);
        float[] Run(int low) => Enumerable.Repeat(80f, 5).Concat(Enumerable.Repeat(60f, low)).Concat(Enumerable.Repeat(80f, 5)).ToArray();

        Assert.AreEqual(samples, detector.MinimumSamples);
        Assert.HasCount(1, detector.FindEvents(Run(samples)), $"{samples} samples at {period} s span {(samples - 1) * period} s");
        Assert.IsEmpty(detector.FindEvents(Run(samples - 1)), $"{samples - 1} samples at {period} s span only {(samples - 2) * period} s");
    }

    [TestMethod]
    [DataRow(1.0)]
    [DataRow(3.0)]
    [DataRow(20.0)]
    [DataRow(60.0)]
    public void TestWindowLabelsAtEachPeriod(double period)
    {
        // A 2-h recording at its own period with one dip that spans exactly 60 s and one that falls one sample short;
        // windowed at the same period with a 15-min history and a 5-min horizon.
        int minimum = new IohEventDetector(period).MinimumSamples;
        int length = (int)(7200 / period);
        int first = (int)(3000 / period), second = (int)(5400 / period);
        var track = TestTracks.Regular(length, period, i =>
            (i >= first && i < first + minimum || i >= second && i < second + minimum - 1 ? 55f : 80f) + (i % 2) * 0.5f);
        var ml = new MLContext(seed: 1);
        var view = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", track)], new WindowOptions
        {
            SamplePeriodSeconds = period, HistoryMinutes = 15, HorizonsMinutes = [5], PrimaryHorizonMinutes = 5, StrideSeconds = 60,
        });
        var labels = LabelsByTime(view, "Label5");

        Assert.AreEqual(1, view.Statistics.Events, "only the dip spanning 60 s is an event");
        // Positive exactly for prediction times in [onset − 5 min, onset): the event begins in (t, t + 5 min].
        double onset = first * period;
        foreach (var (t, y) in labels)
            Assert.AreEqual(t >= onset - 300 && t < onset, y, $"label at t = {t} s ({period} s period)");
        Assert.IsTrue(labels.Any(kv => kv.Key >= onset - 60 && kv.Key < onset && kv.Value), "a positive prediction in the minute before the onset");
        Assert.IsFalse(labels.ContainsKey((int)onset), "no prediction while the event is in progress");
    }
}
