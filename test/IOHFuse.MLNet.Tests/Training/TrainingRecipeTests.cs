using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>The optional parts of the training recipe: auxiliary labels in stage 2 and forward-shifted stage-1 rows.</summary>
[TestClass]
public sealed class TrainingRecipeTests
{
    [TestMethod]
    public void TestForwardShiftedCopiesEndAtTheHorizon()
    {
        var ml = new MLContext(seed: 1);
        var toy = ToyWindows.Make(10, seed: 41);
        var rows = TrainingRows.Read(ml.Data.LoadFromEnumerable(toy), IohFuseLMTrainerTests.TinyOptions(), "training", CancellationToken.None);

        var shifted = rows.WithForwardShiftedCopies();

        Assert.AreEqual(2 * rows.Count, shifted.Count);
        Assert.AreEqual(0, shifted.FutureLength, "the copies are stage-1 rows: they have no future to forecast");
        int h = ToyWindows.HistoryLength, f = ToyWindows.FutureLength;
        for (int r = 0; r < toy.Count; r++)
        {
            CollectionAssert.AreEqual(toy[r].History, shifted.History.AsSpan(r * h, h).ToArray(), $"row {r} is kept as it was");
            var expected = toy[r].History.Concat(toy[r].Future).Skip(f).ToArray();   // the last h samples of history + future
            CollectionAssert.AreEqual(expected, shifted.History.AsSpan((toy.Count + r) * h, h).ToArray(), $"copy of row {r} ends at the horizon");
        }
        CollectionAssert.AreEqual(rows.TokenIds.Concat(rows.TokenIds).ToArray(), shifted.TokenIds, "each copy keeps its row's sentence");
    }

    [TestMethod]
    public void TestAuxiliaryLabelsChangeTrainingButNotTheSavedModel()
    {
        var ml = new MLContext(seed: 1);
        // The auxiliary label: the primary label of the window four rows later in the same list (a different target).
        var toy = ToyWindows.Make(128, seed: 42);
        var data = ml.Data.LoadFromEnumerable(toy.Select((r, i) => new AuxiliaryRow(r, toy[(i + 4) % toy.Count].Label)));
        var plain = IohFuseLMTrainerTests.TinyOptions();
        plain.PretrainEpochs = 0;
        var auxiliary = plain.Clone();
        auxiliary.AuxiliaryLabelColumnNames = [nameof(AuxiliaryRow.Later)];

        TrainingOnlyHead.AssertChangesTrainingNotTheSavedModel(ml, data, plain, auxiliary, "auxiliary");
    }

    [TestMethod]
    public void TestAMissingAuxiliaryColumnIsNamed()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(32, seed: 43));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.AuxiliaryLabelColumnNames = ["Label15"];
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data));
        StringAssert.Contains(error.Message, "Label15");
    }

    [TestMethod]
    public void TestTheLabelCannotBeItsOwnAuxiliary()
    {
        var options = new IohFuseLMOptions { AuxiliaryLabelColumnNames = ["Label"] };
        var error = Assert.ThrowsExactly<ArgumentException>(() => options.Validate());
        Assert.AreEqual(nameof(IohFuseLMOptions.AuxiliaryLabelColumnNames), error.ParamName);
    }

    private sealed class AuxiliaryRow
    {
        public AuxiliaryRow(ToyWindows.Row row, bool later)
        {
            CaseId = row.CaseId;
            History = row.History;
            Future = row.Future;
            Label = row.Label;
            TokenIds = row.TokenIds;
            TokenMask = row.TokenMask;
            Later = later;
        }

        public string CaseId { get; set; }

        [Microsoft.ML.Data.VectorType(ToyWindows.HistoryLength)]
        public float[] History { get; set; }

        [Microsoft.ML.Data.VectorType(ToyWindows.FutureLength)]
        public float[] Future { get; set; }

        public bool Label { get; set; }

        public bool Later { get; set; }

        [Microsoft.ML.Data.VectorType(ToyWindows.TextLength)]
        public long[] TokenIds { get; set; }

        [Microsoft.ML.Data.VectorType(ToyWindows.TextLength)]
        public float[] TokenMask { get; set; }
    }
}
