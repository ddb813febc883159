using IOHFuse.MLNet.Evaluation;
using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Evaluation;

[TestClass]
public sealed class ForwardEvaluatorTests
{
    private static ScoredWindows Make(int cases, int perCase, Func<bool, Random, float> score, int seed)
    {
        var random = new Random(seed);
        var ids = new List<string>();
        var labels = new List<bool>();
        var scores = new List<float>();
        for (int c = 0; c < cases; c++)
            for (int w = 0; w < perCase; w++)
            {
                bool label = random.NextDouble() < 0.2;
                ids.Add($"c{c}");
                labels.Add(label);
                scores.Add(score(label, random));
            }
        return new ScoredWindows(ids.ToArray(), labels.ToArray(), scores.ToArray());
    }

    [TestMethod]
    public void TestPerfectAndRandomScores()
    {
        var evaluator = new ForwardEvaluator(new MLContext(1), new ForwardEvaluationOptions { BootstrapReplicates = 50 });
        var perfect = Make(30, 20, (l, r) => l ? 1f + (float)r.NextDouble() : -(float)r.NextDouble(), 1);
        var m = evaluator.Evaluate("perfect", 5, perfect, perfect);
        Assert.AreEqual(1.0, m.Auroc.Value, 1e-9);
        Assert.AreEqual(1.0, m.Auprc.Value, 1e-6);
        Assert.AreEqual(30, m.Cases);

        var random = Make(40, 25, (_, r) => (float)r.NextDouble(), 2);
        var rm = evaluator.Evaluate("random", 5, random, random);
        Assert.AreEqual(0.5, rm.Auroc.Value, 0.06);
        Assert.IsLessThan(rm.Auroc.Value, rm.Auroc.Lower);
        Assert.IsGreaterThan(rm.Auroc.Value, rm.Auroc.Upper);
        Assert.AreEqual(0.8, rm.Sensitivity, 0.05, "the threshold is chosen for 80 % sensitivity on validation (= test here)");
    }

    [TestMethod]
    public void TestPairedComparisonSeparatesAStrongerScoreFromAWeakerOne()
    {
        var evaluator = new ForwardEvaluator(new MLContext(1), new ForwardEvaluationOptions { BootstrapReplicates = 50 });
        var windows = Make(40, 25, (_, _) => 0f, 4);
        var noise = new Random(5);
        float Noise() => (float)(noise.NextDouble() + noise.NextDouble() + noise.NextDouble() - 1.5);
        var strong = new ScoredWindows(windows.CaseIds, windows.Labels, windows.Labels.Select(l => (l ? 1f : 0f) + Noise()).ToArray());
        var weak = new ScoredWindows(windows.CaseIds, windows.Labels, strong.Scores.Select((s, i) => s + 2 * Noise()).ToArray());

        var better = evaluator.Compare(strong, weak);
        Assert.IsTrue(better.AurocHigher, $"AUROC difference {better.AurocDifference} should exclude 0");
        Assert.IsTrue(better.AuprcHigher, $"AUPRC difference {better.AuprcDifference} should exclude 0");
        var worse = evaluator.Compare(weak, strong);
        Assert.AreEqual(-better.AurocDifference.Value, worse.AurocDifference.Value, 1e-12);
        Assert.IsLessThan(0, worse.AurocDifference.Upper);

        var same = evaluator.Compare(strong, strong);
        Assert.AreEqual(0, same.AurocDifference.Lower);
        Assert.AreEqual(0, same.AurocDifference.Upper);
        Assert.IsFalse(same.AurocHigher);
    }

    [TestMethod]
    public void TestPairedComparisonNeedsTheSameWindows()
    {
        var evaluator = new ForwardEvaluator(new MLContext(1), new ForwardEvaluationOptions { BootstrapReplicates = 20 });
        var a = Make(10, 10, (l, r) => l ? 1 : 0, 6);
        var shuffledCases = new ScoredWindows(a.CaseIds.Reverse().ToArray(), a.Labels, a.Scores);
        Assert.ThrowsExactly<ArgumentException>(() => evaluator.Compare(a, shuffledCases));
    }

    [TestMethod]
    public void TestThresholdTargetsSensitivityOnValidation()
    {
        var v = new ScoredWindows(new[] { "a", "a", "b", "b", "c" }, new[] { true, true, true, true, false }, new[] { 0.9f, 0.8f, 0.7f, 0.1f, 0.5f });
        Assert.AreEqual(0.7f, ForwardEvaluator.ThresholdForSensitivity(v, 0.75));
        Assert.AreEqual(0.9f, ForwardEvaluator.ThresholdForSensitivity(v, 0.2));
        Assert.AreEqual(0.1f, ForwardEvaluator.ThresholdForSensitivity(v, 0.99));
    }

    [TestMethod]
    public void TestSingleClassTestSetIsRejected()
    {
        var evaluator = new ForwardEvaluator(new MLContext(1), new ForwardEvaluationOptions { BootstrapReplicates = 20 });
        var v = Make(10, 10, (l, r) => l ? 1 : 0, 3);
        var onlyNegative = new ScoredWindows(new[] { "a", "b" }, new[] { false, false }, new[] { 0f, 1f });
        Assert.ThrowsExactly<ArgumentException>(() => evaluator.Evaluate("x", 5, v, onlyNegative));
    }

    private sealed class HistoryRow
    {
        [VectorType(300)]
        public float[] History { get; set; } = new float[300];
    }

    private sealed class FeatureRow
    {
        [VectorType(15)]
        public float[] MapFeatures { get; set; } = Array.Empty<float>();

        public float Score { get; set; }
    }

    [TestMethod]
    public void TestHandFeaturesAndCurrentMapBaseline()
    {
        // A ramp from 250 down by 0.5 mmHg per 3 s sample = −10 mmHg/min, ending at 100.5 mmHg.
        var history = Enumerable.Range(0, 300).Select(i => 250f - 0.5f * i).ToArray();
        var f = new float[HandFeatures.Count];
        HandFeatures.Compute(history, 3.0, f);
        Assert.AreEqual(-10f, f[HandFeatures.Names.ToList().IndexOf("Slope5Min")], 1e-3f);
        Assert.AreEqual(101f, f[0], 1e-3f, "last MAP is the mean of the final three samples");
        Assert.AreEqual(history[^20..].Min(), f[2]);

        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new HistoryRow { History = history } });
        var scored = ml.IOHFuse().Transforms.CurrentMapBaseline(samplePeriodSeconds: 3).Fit(data).Transform(data);
        var row = ml.Data.CreateEnumerable<FeatureRow>(scored, false).Single();
        Assert.AreEqual(-f[0], row.Score);
        CollectionAssert.AreEqual(f, row.MapFeatures);
    }
}
