using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>The labels of earlier prediction times inside a window (<see cref="IohFuseLMOptions.EarlierPredictionTimesLossWeight"/>).</summary>
[TestClass]
public sealed class EarlierPredictionTimesTests
{
    [TestMethod]
    public void TestEachEarlierPatchEndIsLabelledByTheWindowsEventRule()
    {
        // 60-s samples, patches of 2: the earlier patches end at samples 1, 3 and 5 (sample 7 is the window's own time).
        // One event: samples 5 and 6 below 65 (two samples span 60 s at 60 s).
        float[] history = [80, 80, 80, 80, 80, 60, 60, 80];
        float[] future = [80, 80, 80, 80];
        var labels = Labels(history, future, horizonSamples: 2);
        // t = 1: the onset (5) is after 1 + 2; t = 3: it is in (3, 5]; t = 5: the event is in progress there.
        CollectionAssert.AreEqual(new sbyte[] { 0, 1, -1 }, labels);

        // A horizon that reaches past the window gives no label.
        CollectionAssert.AreEqual(new sbyte[] { 0, 0, -1 }, Labels(history.Select(_ => 80f).ToArray(), [80, 80], horizonSamples: 4),
            "t = 5 would need sample 5 + 4 + 1 = 10 to see an event starting at the horizon's end; the window ends at 9");
    }

    [TestMethod]
    public void TestTheEarlierTimesChangeTrainingButNotTheSavedModel()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(128, seed: 44));
        var plain = IohFuseLMTrainerTests.TinyOptions();
        plain.PretrainEpochs = 0;
        plain.UseText = false;
        plain.HorizonMinutes = 1; // 20 samples at the toy's 3 s; its future has 40
        var earlier = plain.Clone();
        earlier.EarlierPredictionTimesLossWeight = 1;

        TrainingOnlyHead.AssertChangesTrainingNotTheSavedModel(ml, data, plain, earlier, "earlier times'");
    }

    [TestMethod]
    public void TestTextModelsAreRefusedByName()
    {
        var options = new IohFuseLMOptions { UseText = true, EarlierPredictionTimesLossWeight = 1 };
        var error = Assert.ThrowsExactly<ArgumentException>(() => options.Validate());
        Assert.AreEqual(nameof(IohFuseLMOptions.EarlierPredictionTimesLossWeight), error.ParamName);
    }

    [TestMethod]
    public void TestAnUnknownHorizonIsNamed()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(32, seed: 45));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.UseText = false;
        options.PretrainEpochs = 0;
        options.EarlierPredictionTimesLossWeight = 1;
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data));
        StringAssert.Contains(error.Message, nameof(IohFuseLMOptions.HorizonMinutes));
    }

    private static sbyte[] Labels(float[] history, float[] future, int horizonSamples)
    {
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.History)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, history.Length);
        schema[nameof(Row.Future)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, future.Length);
        var view = ml.Data.LoadFromEnumerable(new[] { new Row { History = history, Future = future, Label = true }, new Row { History = history, Future = future } }, schema);
        var options = new IohFuseLMOptions { UseText = false, SamplePeriodSeconds = 60, PatchLength = 2 };
        var rows = TrainingRows.Read(view, options, "training", CancellationToken.None);
        var config = new FusedModelConfig(history.Length, 2, future.Length, 0, 0, 8, 2, 1, 2, 0);
        using var generator = new torch.Generator(1);
        using var head = new EarlierPredictionTimesHead(rows, [0], config, new IohEventDetector(60), horizonSamples, 1, generator, torch.CPU);
        return head.LabelsOf(0);
    }

    private sealed class Row
    {
        public float[] History { get; set; } = [];
        public float[] Future { get; set; } = [];
        public bool Label { get; set; }
        public string CaseId { get; set; } = "case";
    }
}
