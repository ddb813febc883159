using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class SyntheticCohortGeneratorTests
{
    public TestContext TestContext { get; set; } = null!;

    private static SyntheticCohortOptions Tiny(int seed = 1) => new()
    {
        NumberOfCases = 20,
        Seed = seed,
        MinimumDurationHours = 1,
        MaximumDurationHours = 1,
    };

    [TestMethod]
    public void TestSameSeedGivesIdenticalCohort()
    {
        var a = new SyntheticCohortGenerator(Tiny()).Generate();
        var b = new SyntheticCohortGenerator(Tiny()).Generate();

        Assert.HasCount(20, a);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.AreEqual(a[i].CaseId, b[i].CaseId);
            Assert.AreEqual(a[i].Attributes.Age, b[i].Attributes.Age);
            Assert.AreEqual(a[i].Attributes.SurgeryName, b[i].Attributes.SurgeryName);
            CollectionAssert.AreEqual(a[i].Map.Values, b[i].Map.Values);
        }
        CollectionAssert.AreEqual(a[7].Map.Values, new SyntheticCohortGenerator(Tiny()).GenerateCase(7).Map.Values);
    }

    [TestMethod]
    public void TestDifferentSeedGivesDifferentCohort()
    {
        var a = new SyntheticCohortGenerator(Tiny(1)).GenerateCase(0);
        var b = new SyntheticCohortGenerator(Tiny(2)).GenerateCase(0);

        CollectionAssert.AreNotEqual(a.Map.Values, b.Map.Values);
    }

    [TestMethod]
    public void TestCohortIsPlausible()
    {
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 80, MinimumDurationHours = 2, MaximumDurationHours = 2 });
        var stats = ml.IOHFuse().Data.CreateWindows(cases).Statistics;
        TestContext.WriteLine(stats.ToString());

        // MAP mostly 50–130 mmHg outside artifacts.
        var valid = cases.SelectMany(c => c.Map.Values).Where(v => v is >= 20 and <= 200).ToList();
        double inRange = valid.Count(v => v is >= 50 and <= 130) / (double)valid.Count;
        Assert.IsGreaterThan(0.97, inRange);
        // Attributes look like an adult surgical cohort.
        double meanAge = cases.Average(c => c.Attributes.Age);
        Assert.IsTrue(meanAge is > 50 and < 65, $"mean age {meanAge}");
        Assert.IsTrue(cases.All(c => c.Attributes.Bmi is > 12 and < 50));
        // Label rates per horizon in a sane range, increasing with the horizon.
        double p5 = stats.PositiveRate("Label5"), p10 = stats.PositiveRate("Label10"), p15 = stats.PositiveRate("Label15");
        Assert.IsTrue(p5 is > 0.02 and < 0.15, $"5-min positive rate {p5:P1}");
        Assert.IsGreaterThan(p5, p10);
        Assert.IsGreaterThan(p10, p15);
        Assert.IsTrue(stats.EventsPerHour is > 0.2 and < 3, $"events per hour {stats.EventsPerHour}");
    }

    [TestMethod]
    public void TestHigherRiskPatientsHaveMoreEvents()
    {
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 150, MinimumDurationHours = 2, MaximumDurationHours = 2, Seed = 3 });
        bool HighRisk(SurgicalCase c) => c.Attributes.Age >= 65 || c.Attributes.Asa >= 3 || c.Attributes.Emergency == true;
        double Rate(IEnumerable<SurgicalCase> group) => ml.IOHFuse().Data.CreateWindows(group).Statistics.EventsPerHour;

        Assert.IsGreaterThan(Rate(cases.Where(c => !HighRisk(c))), Rate(cases.Where(HighRisk)));
    }

    [TestMethod]
    public void TestCurrentMapAurocOfTheDefaultCohortIsNearThePublishedFigures()
    {
        // The calibration target of docs/synthetic-cohort.md: current MAP (persistence, forward) on VitalDB intraoperative
        // data reaches AUROC 0.921 at 5 min and 0.827 at 15 min (Haberbusch 2026); the default cohort at its native 3 s
        // must stay within ± 0.03 of both. A generator change that breaks this must recalibrate and update the doc.
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort();
        var s = IOHFuse.Experiments.CohortStatistics.Measure(ml, "default cohort", cases, 3, 20);
        TestContext.WriteLine($"current-MAP AUROC: 5 min {s.CurrentMapAuroc[5]}, 10 min {s.CurrentMapAuroc[10]}, 15 min {s.CurrentMapAuroc[15]}");

        foreach (var (horizon, published) in IOHFuse.Experiments.CohortComparison.PublishedCurrentMapAuroc)
            Assert.IsTrue(new IOHFuse.Experiments.Tolerance(0.03).Accepts(s.CurrentMapAuroc[horizon].Value, published),
                $"{horizon} min: {s.CurrentMapAuroc[horizon].Value:F3} vs published {published:F3}");
    }

    [TestMethod]
    public void TestHypotensionIsTreated()
    {
        // The simulated anaesthetist ends every event: no case stays below 65 mmHg for half an hour, and events last
        // minutes, not the whole case.
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 60, Seed = 5 });
        var cleaner = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = 3 });
        var detector = new IohEventDetector(3);
        var minutes = cases.SelectMany(c => detector.FindEvents(cleaner.Clean(c.Map).Values)).Select(e => e.Length * 3 / 60.0).ToList();

        Assert.IsGreaterThan(20, minutes.Count);
        Assert.IsLessThan(30.0, minutes.Max());
        Assert.IsLessThan(10.0, minutes.Order().ElementAt(minutes.Count / 2), "median event minutes");
    }

    [TestMethod]
    public void TestLineHandlingStaysInRangeAndSurvivesCleaning()
    {
        // Line handling is drawn after the artifact-free track, so with the other artifacts off the same case with and
        // without it differs only inside its excursions: short, large, within the cleaner's range, and kept by cleaning
        // (that is their point: real recordings carry such excursions into windows and labels).
        static SyntheticCohortOptions Options(double rate) => new()
        {
            NumberOfCases = 1, MinimumDurationHours = 2, MaximumDurationHours = 2, LineHandlingPerHour = rate,
            FlushesPerHour = 0, ZeroingsPerHour = 0, FlatLinesPerHour = 0, GapsPerHour = 0,
        };
        var without = new SyntheticCohortGenerator(Options(0)).GenerateCase(0).Map.Values;
        var with = new SyntheticCohortGenerator(Options(10)).GenerateCase(0).Map.Values;
        var cleaned = new TrackCleaner(new CleaningOptions { SamplePeriodSeconds = 3 }).Clean(
            new SyntheticCohortGenerator(Options(10)).GenerateCase(0).Map).Values;

        var shifts = new List<float>();
        var runs = new List<int>();
        int run = 0;
        for (int i = 0; i < with.Length; i++)
        {
            if (with[i] == without[i])
            {
                if (run > 0) runs.Add(run);
                run = 0;
                continue;
            }
            shifts.Add(with[i] - without[i]);
            run++;
            Assert.IsTrue(with[i] is >= 25 and <= 195, $"sample {i}: {with[i]}");
            Assert.AreEqual(with[i], cleaned[i], $"sample {i} was removed or changed by cleaning");
        }
        if (run > 0) runs.Add(run);
        Assert.IsGreaterThan(100, shifts.Count, "about 20 excursions of 20–60 s at 3 s");
        Assert.IsGreaterThan(shifts.Count / 2, shifts.Count(d => d > 0), "most excursion samples go up");
        Assert.IsGreaterThanOrEqualTo(30f, shifts.Select(Math.Abs).Order().ElementAt(shifts.Count / 2), "median shift (mmHg)");
        // 20–60 s is 7–20 samples; at this rate a few excursions overlap, so only the typical run is held to it.
        int medianRun = runs.Order().ElementAt(runs.Count / 2);
        Assert.IsTrue(medianRun is >= 7 and <= 20, $"median excursion {medianRun} samples");
        Assert.IsLessThanOrEqualTo(2 * 20, runs.Max(), "two overlapping excursions at most");
    }

    [TestMethod]
    public void TestRejectsBadOptions()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SyntheticCohortGenerator(new SyntheticCohortOptions { LineHandlingPerHour = -1 }));
        Assert.AreEqual(nameof(SyntheticCohortOptions.LineHandlingPerHour), e.ParamName);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SyntheticCohortGenerator(new SyntheticCohortOptions { NumberOfCases = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SyntheticCohortGenerator(new SyntheticCohortOptions { MinimumDurationHours = 3, MaximumDurationHours = 2 }));
    }
}
