using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>
/// <c>pipeline.Fit(train)</c> without validation data holds out whole cases, so early stopping, calibration and the
/// alarm threshold never fall back to the training rows on the standard ML.NET path.
/// </summary>
[TestClass]
public sealed class ValidationSplitTests
{
    private static IohFuseLMOptions Options()
    {
        var o = IohFuseLMTrainerTests.TinyOptions(5);
        o.ValidationFraction = 0.2;
        o.PretrainEpochs = 1;
        o.FineTuneEpochs = 1;
        return o;
    }

    /// <summary>96 toy rows over 17 cases (5 or 6 rows each) plus one flagged synthetic copy of each case's first row.</summary>
    private static List<ToyWindows.Row> RowsWithSyntheticCopies()
    {
        var rows = ToyWindows.Make(96, seed: 21);
        var copies = rows.GroupBy(r => r.CaseId).Select(g => g.First()).Select(r => new ToyWindows.Row
        {
            CaseId = r.CaseId, History = r.History, Future = r.Future, Label = r.Label, TokenIds = r.TokenIds, TokenMask = r.TokenMask, IsSynthetic = true,
        }).ToList();
        return [.. rows, .. copies];
    }

    [TestMethod]
    public void TestFitWithoutValidationHoldsOutWholeCasesAndDropsTheirSyntheticRows()
    {
        var ml = new MLContext(seed: 1);
        using var model = ml.IOHFuse().Trainers.IohFuseLM(Options()).Fit(ml.Data.LoadFromEnumerable(RowsWithSyntheticCopies()));
        var s = model.TrainingSummary;
        Assert.AreEqual("validation", s.CalibratedOn);
        Assert.IsNotEmpty(s.ValidationAurocs);
        // ceil(0.2 × 17) = 4 cases held out: 20–24 of the 96 original rows, and their 4 synthetic copies dropped.
        int heldOutRows = 96 - s.FineTuneRows;
        Assert.IsTrue(heldOutRows is >= 20 and <= 24, $"held out {heldOutRows} rows");
        Assert.AreEqual(17 - 4, s.SyntheticRows);
        Assert.AreEqual(s.FineTuneRows + s.SyntheticRows, s.PretrainRows);
    }

    [TestMethod]
    public void TestTheHeldOutCasesAreWholeAndFollowTheSeed()
    {
        var ml = new MLContext(seed: 1);
        var o = Options();
        var rows = TrainingRows.Read(ml.Data.LoadFromEnumerable(ToyWindows.Make(96, seed: 21)), o, "training", CancellationToken.None);
        using var ch = ((IHostEnvironment)ml).Start("test");
        string[] HeldOut(int seed) => IohFuseLMTrainer.HoldOutCases(rows, o, seed, ch)!.Value.Validation.CaseIds.Distinct().Order().ToArray();
        var (train, validation) = IohFuseLMTrainer.HoldOutCases(rows, o, 5, ch)!.Value;
        Assert.AreEqual(4, validation.CaseIds.Distinct().Count());
        Assert.IsFalse(train.CaseIds.Intersect(validation.CaseIds).Any(), "a case is on both sides");
        Assert.AreEqual(96, train.Count + validation.Count);
        CollectionAssert.AreEqual(HeldOut(5), HeldOut(5));
        Assert.IsTrue(Enumerable.Range(6, 5).Any(seed => !HeldOut(seed).SequenceEqual(HeldOut(5))), "the seed does not change the draw");
    }

    [TestMethod]
    public void TestDataWithoutACaseColumnIsRefusedWithTheWaysOut()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(96, seed: 21));
        var noCase = ml.Transforms.DropColumns("CaseId").Fit(data).Transform(data);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.IOHFuse().Trainers.IohFuseLM(Options()).Fit(noCase));
        StringAssert.Contains(ex.Message, "'CaseId'");
        StringAssert.Contains(ex.Message, nameof(IohFuseLMOptions.CaseIdColumnName));
        StringAssert.Contains(ex.Message, nameof(IohFuseLMOptions.ValidationFraction));

        var o = Options();
        o.ValidationFraction = 0;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(o).Fit(noCase);
        Assert.AreEqual("training", model.TrainingSummary.CalibratedOn);
    }

    [TestMethod]
    public void TestOneClassValidationDataIsRefusedBeforeTraining()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(ToyWindows.Make(96, seed: 21));
        var negatives = ml.Data.LoadFromEnumerable(ToyWindows.Make(40, seed: 22).Where(r => !r.Label).ToList());
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.IOHFuse().Trainers.IohFuseLM(Options()).Fit(train, negatives));
        Assert.AreEqual("validationData", ex.ParamName);
        StringAssert.Contains(ex.Message, "validation rows");
    }

    [TestMethod]
    public void TestSingleCaseTrainsOnItsOwnRows()
    {
        var ml = new MLContext(seed: 1);
        var rows = ToyWindows.Make(64, seed: 21);
        rows.ForEach(r => r.CaseId = "only");
        using var model = ml.IOHFuse().Trainers.IohFuseLM(Options()).Fit(ml.Data.LoadFromEnumerable(rows));
        Assert.AreEqual("training", model.TrainingSummary.CalibratedOn);
        Assert.AreEqual(64, model.TrainingSummary.FineTuneRows);
    }
}
