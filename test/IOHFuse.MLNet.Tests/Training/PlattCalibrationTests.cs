using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>The model's probabilities are ML.NET's Platt calibrator's.</summary>
[TestClass]
public sealed class PlattCalibrationTests
{
    [TestMethod]
    public void TestCalibrationIsMLNetsPlattCalibrator()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var labels = Enumerable.Range(0, 400).Select(_ => random.NextDouble() < 0.2).ToArray();
        var scores = labels.Select(l => (float)((l ? 1.0 : -0.5) + random.NextDouble() * 2 - 1)).ToArray();
        var (slope, offset) = PlattCalibration.Fit(ml, scores, labels);
        Assert.IsLessThan(0.0, slope, "a higher score means a higher probability (ML.NET's sign convention)");

        // ML.NET's own calibrator transformer on the same rows gives the probabilities the stored numbers give.
        var rows = ml.Data.LoadFromEnumerable(scores.Select((s, i) => new Row { Label = labels[i], Score = s }));
        var calibrated = ml.BinaryClassification.Calibrators.Platt().Fit(rows).Transform(rows).GetColumn<float>("Probability").ToArray();
        var metadata = new FusedModelMetadata(new FusedModelConfig(60, 10, 40, 0, 0, 16, 2, 1, 4, 0), slope, offset, 0.5f, "", 3, 5);
        for (int i = 0; i < scores.Length; i++)
            Assert.AreEqual(calibrated[i], metadata.Probability(scores[i]), 1e-6f, $"row {i}");
        Assert.ThrowsExactly<ArgumentException>(() => PlattCalibration.Fit(ml, [1f, 2f], [true, true]));
    }

    private sealed class Row
    {
        public bool Label { get; set; }

        public float Score { get; set; }
    }
}
