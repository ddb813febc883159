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
        // 60 s below 65 at 1 s makes an event; 59 s does not.
        var sixty = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", TestTracks.WithDip(400, 1, 200, 60))], TestTracks.OneSecondOptions());
        var fiftyNine = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("b", TestTracks.WithDip(400, 1, 200, 59))], TestTracks.OneSecondOptions());

        Assert.AreEqual(1, sixty.Statistics.Events);
        Assert.AreEqual(0, fiftyNine.Statistics.Events);
        Assert.IsTrue(LabelsByTime(sixty).ContainsValue(true));
        Assert.IsFalse(LabelsByTime(fiftyNine).ContainsValue(true));
    }

    [TestMethod]
    public void TestLabelAtHorizonBoundary()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", TestTracks.WithDip(400, 1, 200, 60))], TestTracks.OneSecondOptions());
        var labels = LabelsByTime(view);

        Assert.IsTrue(labels[140], "event starting exactly at t + h is positive");
        Assert.IsFalse(labels[139], "event starting at t + h + 1 is negative");
        Assert.IsTrue(labels[199], "event starting at t + 1 is positive");
        Assert.IsFalse(labels[260], "after the event ends nothing starts");
        Assert.AreEqual(labels[140], LabelsByTime(view, IohFuseColumns.Label)[140]);
    }

    [TestMethod]
    public void TestNoSampleWhileEventInProgress()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", TestTracks.WithDip(400, 1, 200, 60))], TestTracks.OneSecondOptions());
        var labels = LabelsByTime(view);

        for (int t = 200; t <= 259; t++)
            Assert.IsFalse(labels.ContainsKey(t), $"t = {t} is inside the event");
        Assert.IsTrue(labels.ContainsKey(260));
        Assert.AreEqual(60, view.Statistics.SkippedEventInProgress);
    }

    [TestMethod]
    public void TestWindowCountsAndDroppedCounts()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", TestTracks.WithDip(400, 1, 200, 60))], TestTracks.OneSecondOptions());
        var s = view.Statistics;

        // t runs over 59..399 (full 60-sample history); t > 339 has no full 60 s future.
        Assert.AreEqual(341, s.Candidates);
        Assert.AreEqual(60, s.DroppedIncompleteHorizon);
        Assert.AreEqual(221, s.Windows);
        Assert.AreEqual(60, s.Positives["Label1"]);
        Assert.AreEqual(s.Candidates, s.Windows + s.SkippedEventInProgress + s.DroppedIncompleteHorizon + s.DroppedInvalidHistory + s.DroppedInvalidFuture);
        Assert.HasCount(221, LabelsByTime(view));
    }

    [TestMethod]
    public void TestMissingSampleEndsRunWhenNotFilled()
    {
        var ml = new MLContext(seed: 1);
        // 30 s low, one missing second, 30 s low: two runs of 30 s, no event unless the gap is filled.
        var track = TestTracks.Regular(400, 1, i => i == 230 ? float.NaN : i >= 200 && i < 261 ? 50f : 80f + (i % 2) * 0.5f);
        var noFill = ml.IOHFuse().Data.CreateWindows([new SurgicalCase("a", track)],
            TestTracks.OneSecondOptions(new CleaningOptions { MaximumGapFillSeconds = 0 }));
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
    public void TestDetectorNeedsTwentySamplesAtThreeSeconds()
    {
        var detector = new IohEventDetector(3);
        var twenty = Enumerable.Repeat(80f, 5).Concat(Enumerable.Repeat(60f, 20)).Concat(Enumerable.Repeat(80f, 5)).ToArray();
        var nineteen = Enumerable.Repeat(80f, 5).Concat(Enumerable.Repeat(60f, 19)).Concat(Enumerable.Repeat(80f, 5)).ToArray();

        Assert.HasCount(1, detector.FindEvents(twenty));
        Assert.IsEmpty(detector.FindEvents(nineteen));
    }
}
