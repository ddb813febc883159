using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using static IOHFuse.MLNet.Tests.Augmentation.AugmentationTestData;

namespace IOHFuse.MLNet.Tests.Augmentation;

[TestClass]
public sealed class DiffusionAugmentationTests
{
    private const int Positives = 24;
    private const int Negatives = 24;

    private static MLContext s_context = null!;
    private static List<WindowRow> s_rows = null!;
    private static IDataView s_data = null!;
    private static DiffusionAugmentationTransformer s_transformer = null!;
    private static List<AugmentedRow> s_augmented = null!;

    [ClassInitialize]
    public static void FitOnce(TestContext _)
    {
        s_context = new MLContext(seed: 3);
        s_rows = Rows(Positives, Negatives, seed: 5);
        s_data = s_context.Data.LoadFromEnumerable(s_rows);
        s_transformer = s_context.IOHFuse().Data.DiffusionAugmentation(TinyOptions()).Fit(s_data);
        s_augmented = s_context.Data.CreateEnumerable<AugmentedRow>(s_transformer.Transform(s_data), reuseRowObject: false).ToList();
    }

    [ClassCleanup]
    public static void Cleanup() => s_transformer?.Dispose();

    private static int PositiveCount => s_rows.Count(r => r.Label);

    [TestMethod]
    public void TestTransformAndGenerateLeaveTheThreadCountToTheApp()
    {
        // The augmenter was fitted with Threads = 2; an app that then chose 1 thread must keep it.
        int before = TorchSharp.torch.get_num_threads();
        try
        {
            TorchSharp.torch.set_num_threads(1);
            _ = s_context.Data.CreateEnumerable<AugmentedRow>(s_transformer.Transform(s_data), reuseRowObject: false).Count();
            _ = s_transformer.Generate(2, seed: 1);
            Assert.AreEqual(1, TorchSharp.torch.get_num_threads());
        }
        finally
        {
            TorchSharp.torch.set_num_threads(before);
        }
    }

    [TestMethod]
    public void TestTestDataHasBothClasses()
    {
        Assert.IsGreaterThan(Positives / 2, PositiveCount, "the hand-made positives should mostly be labelled positive");
        Assert.IsLessThan(s_rows.Count, PositiveCount);
    }

    [TestMethod]
    public void TestRowCountOriginalsFirstAndFlag()
    {
        Assert.HasCount(s_rows.Count + 2 * PositiveCount, s_augmented);
        Assert.AreEqual(s_rows.Count + 2L * PositiveCount, s_transformer.Transform(s_data).GetRowCount());
        for (int i = 0; i < s_rows.Count; i++)
        {
            var (original, row) = (s_rows[i], s_augmented[i]);
            Assert.IsFalse(row.IsSynthetic, $"row {i} is an input row");
            Assert.AreEqual(original.CaseId, row.CaseId);
            Assert.AreEqual(original.Label, row.Label);
            CollectionAssert.AreEqual(original.History, row.History);
            CollectionAssert.AreEqual(original.Future, row.Future);
        }
        Assert.IsTrue(s_augmented.Skip(s_rows.Count).All(r => r.IsSynthetic), "every appended row is flagged");
    }

    [TestMethod]
    public void TestSyntheticWindowsShapeAndRange()
    {
        var synthetic = s_augmented.Where(r => r.IsSynthetic).ToList();
        Assert.IsNotEmpty(synthetic);
        foreach (var row in synthetic)
        {
            Assert.HasCount(Length, row.History);
            Assert.HasCount(Length, row.Future);
            foreach (float v in Window(Convert(row)))
                Assert.IsTrue(float.IsFinite(v) && v >= 20f && v <= 200f, $"value {v} outside 20–200 mmHg");
        }
        // Not copies: the generator changed the real window.
        var sources = s_rows.Where(r => r.Label).ToList();
        Assert.IsFalse(synthetic[0].History.SequenceEqual(sources[0].History));
    }

    [TestMethod]
    public void TestLabelsFollowTheRule()
    {
        var detector = new IohEventDetector(3.0);
        foreach (var row in s_augmented.Where(r => r.IsSynthetic))
        {
            Assert.AreEqual(detector.LabelWindow(row.History, row.Future, 100, out bool inProgress), row.Label);
            Assert.IsFalse(inProgress, "a synthetic window with an event in progress at t must have been redrawn or dropped");
            Assert.AreEqual(detector.LabelWindow(row.History, row.Future, 100, out _), row.Label5);
            Assert.AreEqual(detector.LabelWindow(row.History, row.Future, 200, out _), row.Label10);
            Assert.AreEqual(detector.LabelWindow(row.History, row.Future, 300, out _), row.Label15);
        }
    }

    [TestMethod]
    public void TestAttributesCopiedFromSourceWindow()
    {
        var sources = s_rows.Where(r => r.Label).ToList();
        var synthetic = s_augmented.Where(r => r.IsSynthetic).ToList();
        for (int i = 0; i < synthetic.Count; i++)
        {
            var source = sources[i / 2];
            Assert.AreEqual(source.CaseId, synthetic[i].CaseId);
            Assert.AreEqual(source.Time, synthetic[i].Time);
            Assert.AreEqual(source.Age, synthetic[i].Age);
            Assert.AreEqual(source.Sex, synthetic[i].Sex);
            CollectionAssert.AreEqual(source.TokenIds, synthetic[i].TokenIds);
            // Conditioned on its source: close to the real window on average, not an unrelated sample.
            double mae = Window(Convert(synthetic[i])).Zip(Window(source)).Average(p => Math.Abs(p.First - p.Second));
            Assert.IsLessThan(15.0, mae, $"synthetic row {i} drifted far from its source window (MAE {mae:F1} mmHg)");
        }
    }

    [TestMethod]
    public void TestTransformIsRepeatable()
    {
        var again = s_context.Data.CreateEnumerable<AugmentedRow>(s_transformer.Transform(s_data), reuseRowObject: false).ToList();
        Assert.HasCount(s_augmented.Count, again);
        for (int i = s_rows.Count; i < again.Count; i++)
            CollectionAssert.AreEqual(s_augmented[i].History, again[i].History);
    }

    [TestMethod]
    public void TestSameSeedSameSamples()
    {
        using var other = s_context.IOHFuse().Data.DiffusionAugmentation(TinyOptions()).Fit(s_data);
        CollectionAssert.AreEqual(s_transformer.TrainingLoss.ToArray(), other.TrainingLoss.ToArray());
        var a = s_transformer.Generate(3, seed: 42);
        var b = other.Generate(3, seed: 42);
        for (int i = 0; i < a.Length; i++)
            CollectionAssert.AreEqual(a[i], b[i]);
        var c = s_transformer.Generate(3, seed: 43);
        Assert.IsFalse(a[0].SequenceEqual(c[0]), "another seed gives other samples");
    }

    [TestMethod]
    public void TestTrainingLossFalls()
    {
        var loss = s_transformer.TrainingLoss;
        Assert.HasCount(TinyOptions().Epochs, loss);
        Assert.IsLessThan(loss[0] * 0.7f, loss.Skip(loss.Count - 3).Average(), $"loss should fall: {string.Join(", ", loss.Select(l => l.ToString("F3")))}");
    }

    [TestMethod]
    public void TestGenerateShapeAndRange()
    {
        var windows = s_transformer.Generate(5, seed: 1);
        Assert.HasCount(5, windows);
        foreach (var w in windows)
        {
            Assert.HasCount(2 * Length, w);
            Assert.IsTrue(w.All(v => float.IsFinite(v) && v >= 20f && v <= 200f));
        }
        Assert.IsEmpty(s_transformer.Generate(0));
    }

    [TestMethod]
    public void TestSamplingLeavesNoLiveTensors()
    {
        s_transformer.Generate(2, seed: 1); // warm-up
        TorchSharp.DisposeScopeManager.Statistics.Reset();
        s_transformer.Generate(3, seed: 2);
        _ = s_context.Data.CreateEnumerable<AugmentedRow>(s_transformer.Transform(s_data), reuseRowObject: false).Count();
        Assert.AreEqual(0L, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount, "tensors leaked by sampling");
        using (var control = TorchSharp.torch.zeros(1)) // the counter does see a live tensor
            Assert.AreEqual(1L, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [TestMethod]
    public void TestOutputSchema()
    {
        var schema = s_transformer.GetOutputSchema(s_data.Schema);
        Assert.HasCount(s_data.Schema.Count + 1, schema);
        var flag = schema[IohFuseColumns.IsSynthetic];
        Assert.AreEqual(s_data.Schema.Count, flag.Index);
        Assert.AreEqual(BooleanDataViewType.Instance, flag.Type);
        Assert.IsTrue(IohFuseAnnotations.IsSyntheticFlag(flag), "the flag column says what it is, whatever its name");
        Assert.IsFalse(IohFuseAnnotations.IsSyntheticFlag(schema[IohFuseColumns.Label]));
    }

    [TestMethod]
    public void TestCannotBecomeAPipelineStep()
    {
        // Adding rows cannot be part of a chain that is saved or scored row by row, so the augmenter is a data operation:
        // neither type is an ML.NET estimator or transformer, and Append/Model.Save/CreatePredictionEngine cannot take it.
        // (In a pipeline, IohFuseLMOptions.Augmentation augments inside the trainer's Fit instead.)
        Assert.IsFalse(typeof(IEstimator<ITransformer>).IsAssignableFrom(typeof(DiffusionAugmentationEstimator)));
        Assert.IsFalse(typeof(DiffusionAugmentationEstimator).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEstimator<>)));
        Assert.IsFalse(typeof(ITransformer).IsAssignableFrom(typeof(DiffusionAugmentationTransformer)));
        Assert.IsFalse(typeof(ICanSaveModel).IsAssignableFrom(typeof(DiffusionAugmentationTransformer)));
    }

    [TestMethod]
    public void TestSaveLoadRoundTrip()
    {
        string path = Path.Combine(Path.GetTempPath(), $"iohfuse-generator-{Guid.NewGuid():N}.bin");
        try
        {
            s_transformer.SaveGenerator(path);
            using var loaded = DiffusionAugmentationTransformer.Load(s_context, path);
            Assert.AreEqual(s_transformer.Seed, loaded.Seed);
            Assert.AreEqual(s_transformer.Options.HiddenSize, loaded.Options.HiddenSize);
            CollectionAssert.AreEqual(s_transformer.TrainingLoss.ToArray(), loaded.TrainingLoss.ToArray());
            var a = s_transformer.Generate(4, seed: 9);
            var b = loaded.Generate(4, seed: 9);
            for (int i = 0; i < a.Length; i++)
                CollectionAssert.AreEqual(a[i], b[i]);
            var rows = s_context.Data.CreateEnumerable<AugmentedRow>(loaded.Transform(s_data), reuseRowObject: false).ToList();
            for (int i = s_rows.Count; i < rows.Count; i++)
                CollectionAssert.AreEqual(s_augmented[i].Future, rows[i].Future);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TestLoadRejectsOtherVersionAndForeignFiles()
    {
        using var stream = new MemoryStream();
        s_transformer.SaveGenerator(stream);
        var bytes = stream.ToArray();
        // The version follows the length-prefixed magic string.
        int versionOffset = 1 + bytes[0];
        BitConverter.GetBytes(DiffusionAugmentationTransformer.GeneratorFormatVersion + 1).CopyTo(bytes, versionOffset);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => DiffusionAugmentationTransformer.Load(s_context, new MemoryStream(bytes)));
        StringAssert.Contains(ex.Message, "format version 2");

        ex = Assert.ThrowsExactly<InvalidDataException>(() => DiffusionAugmentationTransformer.Load(s_context, new MemoryStream([1, 2, 3])));
        StringAssert.Contains(ex.Message, "not a diffusion generator file");
    }

    private static WindowRow Convert(AugmentedRow row) => new() { History = row.History, Future = row.Future };
}
