using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Tests.Data;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>Augmentation composes with an ordinary ML.NET pipeline: as a trainer option it never enters the saved chain,
/// and synthetic rows the trainer cannot tell apart are reported.</summary>
[TestClass]
public sealed class TrainerAugmentationTests
{
    private static DiffusionAugmentationOptions TinyAugmentation() => new()
    {
        HiddenSize = 16,
        NumberOfLayers = 1,
        NumberOfHeads = 2,
        Epochs = 2,
        DiffusionSteps = 10,
        SamplingSteps = 5,
        LabelHorizonMinutes = 2,
        Seed = 1,
        Device = ComputeDevice.Cpu,
    };

    [TestMethod]
    public void TestAugmentationOptionKeepsThePipelineSavable()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(160, seed: 41));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.PretrainEpochs = 1;
        options.FineTuneEpochs = 1;
        options.ValidationFraction = 0.25;
        options.Augmentation = TinyAugmentation();
        var pipeline = ml.Transforms.CopyColumns("HistoryCopy", "History").Append(ml.IOHFuse().Trainers.IohFuseLM(options));
        var model = pipeline.Fit(data);
        var trained = model.LastTransformer;
        var s = trained.TrainingSummary;
        // Synthetic rows exist, feed stage 1 only, and come from the training cases alone: at most two per positive
        // training row (positives of the held-out cases would add more).
        Assert.IsGreaterThan(0, s.SyntheticRows);
        Assert.IsLessThanOrEqualTo(2 * s.FineTunePositives, s.SyntheticRows);
        Assert.AreEqual(s.FineTuneRows + s.SyntheticRows, s.PretrainRows);
        Assert.AreEqual("validation", s.CalibratedOn);

        // The chain saves and loads as it would without augmentation, and scores the same.
        using var files = new TempFiles();
        string path = Path.Combine(files.Directory, "model.zip");
        ml.Model.Save(model, data.Schema, path);
        var loaded = new MLContext(seed: 2).Model.Load(path, out _);
        CollectionAssert.AreEqual(Scores(ml, model, data), Scores(ml, loaded, data));
        trained.Dispose();
    }

    [TestMethod]
    public void TestSyntheticRowsUnderAnotherFlagNameAreReported()
    {
        var ml = new MLContext(seed: 1);
        var warnings = Warnings(ml);
        var rows = ToyWindows.Make(120, seed: 42);
        var synthetic = ToyWindows.Make(30, seed: 43);
        foreach (var r in synthetic) r.IsSynthetic = true;
        var data = ml.Data.LoadFromEnumerable(rows.Concat(synthetic));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;

        // The flag column the trainer was told about is absent; the one present says "synthetic" in its name.
        options.SyntheticFlagColumnName = "Augmented";
        using (var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data))
            Assert.AreEqual(150, model.TrainingSummary.FineTuneRows, "without the named flag every row is original");
        var warning = warnings.Single(w => w.Contains("synthetic", StringComparison.Ordinal));
        StringAssert.Contains(warning, "column 'IsSynthetic' marks 30 of its 150 rows as synthetic");
        StringAssert.Contains(warning, "SyntheticFlagColumnName = \"IsSynthetic\"");

        // With the right name there is nothing to report.
        warnings.Clear();
        options.SyntheticFlagColumnName = "IsSynthetic";
        using (var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data))
            Assert.AreEqual(120, model.TrainingSummary.FineTuneRows);
        Assert.IsFalse(warnings.Any(w => w.Contains("synthetic", StringComparison.Ordinal)), string.Join("\n", warnings));
    }

    [TestMethod]
    public void TestTheAugmentersFlagIsRecognisedWhateverItsName()
    {
        var ml = new MLContext(seed: 1);
        var warnings = Warnings(ml);
        var plain = ml.Transforms.DropColumns("IsSynthetic").Fit(ml.Data.LoadFromEnumerable(ToyWindows.Make(120, seed: 44)));
        var data = plain.Transform(ml.Data.LoadFromEnumerable(ToyWindows.Make(120, seed: 44)));
        var augmenterOptions = TinyAugmentation();
        augmenterOptions.SamplePeriodSeconds = 3;
        augmenterOptions.SyntheticFlagColumnName = "Made";
        using var augmenter = ml.IOHFuse().Data.DiffusionAugmentation(augmenterOptions).Fit(data);
        var augmented = ml.Data.Cache(augmenter.Transform(data));
        long added = augmented.GetColumn<bool>("Made").Count(m => m);
        Assert.IsGreaterThan(0L, added);

        var options = IohFuseLMTrainerTests.TinyOptions();
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(augmented);
        var warning = warnings.Single(w => w.Contains("as synthetic", StringComparison.Ordinal));
        StringAssert.Contains(warning, $"column 'Made' marks {added} of its {120 + added} rows as synthetic");
    }

    private static List<string> Warnings(MLContext ml)
    {
        var warnings = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning)
                lock (warnings) warnings.Add(e.RawMessage);
        };
        return warnings;
    }

    private static float[] Scores(MLContext ml, ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float>("Score").ToArray();
}
