using IOHFuse.MLNet.Augmentation;
using Microsoft.ML;
using static IOHFuse.MLNet.Tests.Augmentation.AugmentationTestData;

namespace IOHFuse.MLNet.Tests.Augmentation;

[TestClass]
public sealed class AugmentationQualityTests
{
    [TestMethod]
    public void TestDescribeKnownWindows()
    {
        // A ramp from 100 to 70 mmHg over 600 samples at 3 s = 30 min: slope −1 mmHg/min, min 70.
        var ramp = Enumerable.Range(0, 600).Select(i => 100f - 30f * i / 599f).ToArray();
        var stats = AugmentationQuality.Describe([ramp]);
        Assert.AreEqual(85.0, stats.Mean, 1e-3);
        Assert.AreEqual(70.0, stats.Minimum, 1e-3);
        Assert.AreEqual(-30.0 / (599 * 3 / 60.0), stats.Slope, 1e-3);
        Assert.ThrowsExactly<ArgumentException>(() => AugmentationQuality.Describe([]));
    }

    [TestMethod]
    public void TestDiscriminatorSeparatesObviouslyDifferentSets()
    {
        var context = new MLContext(seed: 1);
        var random = new Random(2);
        float[] Noise(double level) => Enumerable.Range(0, 600).Select(_ => (float)(level + random.NextDouble())).ToArray();
        var a = Enumerable.Range(0, 40).Select(_ => Noise(80)).ToList();
        var b = Enumerable.Range(0, 40).Select(_ => Noise(60)).ToList();
        var c = Enumerable.Range(0, 40).Select(_ => Noise(80)).ToList();
        Assert.IsGreaterThan(0.9, AugmentationQuality.Compare(context, a, b).DiscriminatorAccuracy);
        Assert.IsLessThan(0.8, AugmentationQuality.Compare(context, a, c).DiscriminatorAccuracy);
    }

    [TestMethod]
    public void TestSyntheticWindowsResembleRealOnes()
    {
        // Test-size settings; the default-size measurement is the benchmarks' 'augmentation' mode (docs/augmentation.md).
        var context = new MLContext(seed: 3);
        var rows = Rows(40, 20, seed: 8);
        var data = context.Data.LoadFromEnumerable(rows);
        using var transformer = context.IOHFuse().Data.DiffusionAugmentation(TinyOptions()).Fit(data);
        var augmented = context.Data.CreateEnumerable<AugmentedRow>(transformer.Transform(data), false).ToList();

        var real = rows.Where(r => r.Label).Select(Window).ToList();
        var synthetic = augmented.Where(r => r.IsSynthetic).Select(r => (float[])[.. r.History, .. r.Future]).ToList();
        var report = AugmentationQuality.Compare(context, real, synthetic);
        double positiveShare = augmented.Where(r => r.IsSynthetic).Average(r => r.Label ? 1.0 : 0.0);

        Assert.AreEqual(report.Real.Mean, report.Synthetic.Mean, 8.0, "mean MAP");
        Assert.AreEqual(report.Real.Minimum, report.Synthetic.Minimum, 8.0, "minimum MAP");
        Assert.IsGreaterThan(0.5, positiveShare, "most variants of positive windows should stay positive");
    }
}
