using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Text;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>IOHFuseLM on the synthetic cohort: text, augmentation routing and the forward comparison with current MAP.</summary>
[TestClass]
public sealed class IohFuseLMCohortTests
{
    [TestMethod]
    public void TestBeatsCurrentMapOnHeldOutCasesAtFiveMinutes()
    {
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 60, Seed = 1, MinimumDurationHours = 2, MaximumDurationHours = 3 });
        var split = ml.IOHFuse().Data.SplitByCase(cases, 0.2, 0.25, seed: 1);
        var featurizer = ml.IOHFuse().Transforms.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { MaximumTokens = 48 })
            .Fit(ml.IOHFuse().Data.CreateWindows(split.Train));
        IDataView Windows(IEnumerable<SurgicalCase> c, double stride) =>
            ml.Data.Cache(featurizer.Transform(ml.IOHFuse().Data.CreateWindows(c, new WindowOptions { StrideSeconds = stride })));
        var train = Windows(split.Train, 120);
        var validation = Windows(split.Validation, 60);
        var test = Windows(split.Test, 60);

        using var model = ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
        {
            VocabularySize = featurizer.VocabularySize,
            ModelDimension = 32,
            NumberOfHeads = 4,
            NumberOfLayers = 2,
            PretrainEpochs = 1,
            FineTuneEpochs = 3,
            Seed = 1,
            Device = ComputeDevice.Cpu,
            Threads = 2,
        }).Fit(train, validation);

        var baseline = ml.IOHFuse().Transforms.CurrentMapBaseline().Fit(train);
        var evaluator = new ForwardEvaluator(ml, new ForwardEvaluationOptions { BootstrapReplicates = 20 });
        var ours = evaluator.Evaluate("IOHFuseLM", 5, ScoredWindows.FromDataView(model.Transform(validation), IohFuseColumns.Label5),
            ScoredWindows.FromDataView(model.Transform(test), IohFuseColumns.Label5));
        var current = evaluator.Evaluate("Current MAP", 5, ScoredWindows.FromDataView(baseline.Transform(validation), IohFuseColumns.Label5),
            ScoredWindows.FromDataView(baseline.Transform(test), IohFuseColumns.Label5));
        Console.WriteLine($"held-out AUROC: IOHFuseLM {ours.Auroc}, current MAP {current.Auroc}; AUPRC {ours.Auprc} vs {current.Auprc}");
        Assert.AreEqual(current.Windows, ours.Windows, "both methods are scored on the same windows");
        Assert.IsGreaterThan(current.Auroc.Value, ours.Auroc.Value, "IOHFuseLM must beat the current-MAP baseline on held-out cases");
    }

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
