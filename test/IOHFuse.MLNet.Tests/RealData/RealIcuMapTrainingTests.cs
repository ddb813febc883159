using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.RealData;

/// <summary>
/// IOHFuseLM on real per-minute ICU recordings (a subset of ../shared/data/real-icu-map, split by patient with the
/// manifest's fixed split): the evidence that training learns something, which the synthetic cohort cannot give.
/// </summary>
[TestClass]
public sealed class RealIcuMapTrainingTests
{
    [TestMethod]
    public void TestTrainingGainsOverItsUntrainedStartOnHeldOutPatients()
    {
        using var subset = RealIcuMapSubset.Create(train: 120, validation: 30, test: 40);
        var ml = new MLContext(seed: 1);
        var folder = CaseFileReader.ReadFolder(subset.Cases);
        Assert.IsEmpty(folder.Skipped, string.Join("; ", folder.Skipped));
        Assert.AreEqual(60, folder.MedianIntervalSeconds, 1e-9, "the recordings are per-minute");
        var manifest = folder.Manifest ?? throw new AssertFailedException("the subset's manifest was not found");
        List<SurgicalCase> Split(string name) => folder.Cases.Where(c => manifest.SplitOf(c.CaseId) == name).ToList();
        var trainCases = Split("train");
        var testCases = Split("test");
        Assert.IsFalse(trainCases.Select(c => c.PatientId).Intersect(testCases.Select(c => c.PatientId)).Any(), "no patient is in both train and test");

        IDataView Windows(IEnumerable<SurgicalCase> cases, double stride) => ml.Data.Cache(ml.IOHFuse().Data.CreateWindows(cases, new WindowOptions
        {
            SamplePeriodSeconds = 60, HistoryMinutes = 60, HorizonsMinutes = [5], PrimaryHorizonMinutes = 5, StrideSeconds = stride,
        }));
        var train = Windows(trainCases, 120);
        var validation = Windows(Split("validation"), 300);
        var test = Windows(testCases, 300);

        using var model = ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
        {
            UseText = false,
            PatchLength = 4,
            ModelDimension = 16,
            NumberOfHeads = 2,
            NumberOfLayers = 1,
            PretrainEpochs = 0,
            FineTuneEpochs = 2,
            Seed = 1,
            Device = ComputeDevice.Cpu,
        }).Fit(train, validation);
        Assert.AreEqual(60, model.Info.SamplePeriodSeconds, "the period comes from the windows' annotation");

        // The untrained network's IOH logit is the current-MAP rule on the last history sample
        // (TestUntrainedNetworkStartsAtCurrentMapAndPersistence), so its ranking is that of −MAP(t): the start
        // training must improve on, on patients it never saw.
        var start = ml.Transforms.CustomMapping<HistoryOnly, ScoreOnly>((i, o) => o.Score = -i.History[^1], contractName: null);
        var evaluator = new ForwardEvaluator(ml, new ForwardEvaluationOptions { BootstrapReplicates = 50 });
        var trained = evaluator.Evaluate("IOHFuseLM", 5, ScoredWindows.FromDataView(model.Transform(validation), IohFuseColumns.Label5),
            ScoredWindows.FromDataView(model.Transform(test), IohFuseColumns.Label5));
        var untrained = evaluator.Evaluate("Untrained start", 5, ScoredWindows.FromDataView(start.Fit(validation).Transform(validation), IohFuseColumns.Label5),
            ScoredWindows.FromDataView(start.Fit(test).Transform(test), IohFuseColumns.Label5));
        Console.WriteLine($"held-out patients, {trained.Windows} windows: AUROC trained {trained.Auroc}, untrained start {untrained.Auroc}");
        Assert.AreEqual(untrained.Windows, trained.Windows, "both are scored on the same windows");
        Assert.AreNotEqual(0, model.TrainingSummary.BestEpoch, "an epoch must beat the start on validation patients");
        Assert.IsGreaterThan(untrained.Auroc.Value, trained.Auroc.Value, "training must gain over its own start on held-out patients");
    }

    private sealed class HistoryOnly
    {
        [VectorType]
        public float[] History { get; set; } = [];
    }

    private sealed class ScoreOnly
    {
        public float Score { get; set; }
    }
}
