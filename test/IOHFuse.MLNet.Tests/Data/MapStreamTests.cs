using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Data;

/// <summary>The bedside stream gives the same model input as the training windower, at the same times, from any source period.</summary>
[TestClass]
public sealed class MapStreamTests
{
    [TestMethod]
    [DataRow(1.0, 3.0)]
    [DataRow(3.0, 3.0)]
    [DataRow(20.0, 60.0)]
    [DataRow(60.0, 60.0)]
    public void TestStreamHistoriesEqualTheWindowersAtEachPeriod(double sourcePeriod, double modelPeriod)
    {
        // The cohort's artifacts (flushes, zeroing, flat lines, gaps) exercise every cleaning rule on the way.
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions
        {
            NumberOfCases = 2, Seed = 5, SamplePeriodSeconds = sourcePeriod, MinimumDurationHours = 3, MaximumDurationHours = 3,
            GapsPerHour = 2,
        });
        double historyMinutes = modelPeriod >= 20 ? 60 : 15;
        var windower = new CaseWindower(new WindowOptions
        {
            SamplePeriodSeconds = modelPeriod, HistoryMinutes = historyMinutes, HorizonsMinutes = [5], PrimaryHorizonMinutes = 5, StrideSeconds = 60,
        });
        int compared = 0;
        foreach (var c in cases)
        {
            var windows = windower.Compute(c);
            var stream = new MapStream(modelPeriod, windower.HistoryLength, new MapStreamOptions { StrideSeconds = 60 });
            var streamed = new Dictionary<long, StreamWindow>();
            void Keep(IReadOnlyList<StreamWindow> ws) { foreach (var w in ws) streamed[(long)Math.Round(w.TimeSeconds * 1000)] = w; }
            for (int i = 0; i < c.Map.Count; i++)
                Keep(stream.Push(c.Map.TimesSeconds[i], c.Map.Values[i]));
            Keep(stream.Advance(c.Map.TimesSeconds[^1]));

            for (int w = 0; w < windows.TimeIndices.Count; w++)
            {
                double time = windows.Map.StartSeconds + windows.TimeIndices[w] * modelPeriod;
                Assert.IsTrue(streamed.TryGetValue((long)Math.Round(time * 1000), out var s), $"{c.CaseId}: the stream made no prediction at {time} s");
                Assert.IsTrue(s.CanPredict, $"{c.CaseId} at {time} s: the windower used this window but the stream skipped it ({s.SkipReason})");
                CollectionAssert.AreEqual(windows.Histories[w], s.History, $"{c.CaseId} at {time} s");
                compared++;
            }
        }
        Assert.IsGreaterThan(50, compared, "enough windows compared");
    }

    [TestMethod]
    public void TestStreamSaysWhyItCannotPredict()
    {
        var stream = new MapStream(60, 10, new MapStreamOptions { StrideSeconds = 60 });
        var all = new List<StreamWindow>();
        for (int i = 0; i < 12; i++)
            all.AddRange(stream.Push(60 * i, 80));
        all.AddRange(stream.Advance(60 * 11 + 600)); // the monitor goes quiet for ten minutes
        Assert.IsTrue(all.Take(3).All(w => w.CanPredict));
        var quiet = all.Last();
        Assert.IsFalse(quiet.CanPredict);
        Assert.AreEqual(StreamSkipKind.MissingNow, quiet.SkipKind);
        StringAssert.Contains(quiet.SkipReason, "no valid MAP");
        Assert.ThrowsExactly<ArgumentException>(() => stream.Push(0, 80), "samples out of time order are refused");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MapStream(60, 10, new MapStreamOptions { StrideSeconds = 90 }));
    }

    [TestMethod]
    public void TestWarmUpSaysHowMuchHistoryIsThereUntilTheFirstPredictionTime()
    {
        // 60-s model period, 10-sample history: the first prediction time is 9 periods after the first sample.
        var stream = new MapStream(60, 10);
        Assert.AreEqual("no MAP sample yet", stream.WarmUpReason);
        Assert.IsEmpty(stream.Push(1000, 80));
        Assert.AreEqual("collecting the first 10 min of history: 1 min so far; the first prediction is due at t = 1540 s", stream.WarmUpReason);
        for (int k = 1; k <= 8; k++)
            Assert.IsEmpty(stream.Push(1000 + 60 * k, 80));
        StringAssert.Contains(stream.WarmUpReason, ": 9 min so far");
        Assert.AreEqual(1480.0, stream.LastSampleTime);

        var due = stream.Push(1600, 80);
        Assert.HasCount(1, due);
        Assert.AreEqual(1540.0, due[0].TimeSeconds);
        Assert.IsTrue(due[0].CanPredict);
        Assert.IsNull(stream.WarmUpReason, "after the first prediction time each one carries its own reason");
    }
}
