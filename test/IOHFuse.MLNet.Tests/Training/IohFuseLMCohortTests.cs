using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Text;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>IOHFuseLM with synthetic rows: they feed stage 1 only. (Whether training learns is tested on real
/// recordings, in RealIcuMapTrainingTests: the synthetic cohort is a pipeline test, not evidence.)</summary>
[TestClass]
public sealed class IohFuseLMCohortTests
{
    [TestMethod]
    public void TestSyntheticRowsFeedStageOneOnly()
    {
        var ml = new MLContext(seed: 1);
        var rows = ToyWindows.Make(120, seed: 30);
        // Synthetic rows with inverted labels: if stage 2 used them, the label counts below would show it.
        var synthetic = ToyWindows.Make(80, seed: 31);
        foreach (var r in synthetic) { r.IsSynthetic = true; r.Label = !r.Label; }
        var data = ml.Data.LoadFromEnumerable(rows.Concat(synthetic));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.PretrainEpochs = 1;
        options.FineTuneEpochs = 1;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data);
        var s = model.TrainingSummary;
        Assert.AreEqual(200, s.PretrainRows);
        Assert.AreEqual(80, s.SyntheticRows);
        Assert.AreEqual(120, s.FineTuneRows);
        Assert.AreEqual(rows.Count(r => r.Label), s.FineTunePositives);

        // Without the flag column every row is original.
        var unflagged = ml.Transforms.DropColumns("IsSynthetic").Fit(data).Transform(data);
        using var plain = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(unflagged);
        Assert.AreEqual(200, plain.TrainingSummary.FineTuneRows);
    }
}
