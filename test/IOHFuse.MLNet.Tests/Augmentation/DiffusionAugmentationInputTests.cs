using IOHFuse.MLNet.Augmentation;
using Microsoft.ML;
using Microsoft.ML.Data;
using static IOHFuse.MLNet.Tests.Augmentation.AugmentationTestData;

namespace IOHFuse.MLNet.Tests.Augmentation;

/// <summary>Bad input and bad options fail with messages naming the column or option.</summary>
[TestClass]
public sealed class DiffusionAugmentationInputTests
{
    private readonly MLContext _context = new(seed: 1);

    [TestMethod]
    public void TestMissingColumnIsNamed()
    {
        var data = _context.Data.LoadFromEnumerable(Rows(4, 4, 1));
        var options = TinyOptions();
        options.HistoryColumnName = "Pressure";
        var estimator = _context.IOHFuse().Data.DiffusionAugmentation(options);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        StringAssert.Contains(ex.Message, "'Pressure'");
    }

    [TestMethod]
    public void TestMistypedLabelIsNamed()
    {
        var data = _context.Data.LoadFromEnumerable(new[] { new FloatLabelRow() });
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _context.IOHFuse().Data.DiffusionAugmentation(TinyOptions()).Fit(data));
        StringAssert.Contains(ex.Message, "'Label'");
        StringAssert.Contains(ex.Message, "Boolean");
    }

    [TestMethod]
    public void TestWrongVectorSizeIsNamed()
    {
        var data = _context.Data.LoadFromEnumerable(Rows(4, 4, 1));
        using var transformer = _context.IOHFuse().Data.DiffusionAugmentation(Quick()).Fit(data);
        var shortData = _context.Data.LoadFromEnumerable(new[] { new ShortRow() });
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => transformer.Transform(shortData));
        StringAssert.Contains(ex.Message, "'History'");
        StringAssert.Contains(ex.Message, "100");
    }

    [TestMethod]
    public void TestNoPositiveRows()
    {
        var data = _context.Data.LoadFromEnumerable(Rows(0, 6, 1));
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => _context.IOHFuse().Data.DiffusionAugmentation(TinyOptions()).Fit(data));
        StringAssert.Contains(ex.Message, "no rows where Label is true to learn from");
    }

    [TestMethod]
    public void TestFlagColumnAlreadyPresent()
    {
        var data = _context.Data.LoadFromEnumerable(Rows(2, 2, 1));
        var flagged = _context.Transforms.CopyColumns("IsSynthetic", "Label").Fit(data).Transform(data);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _context.IOHFuse().Data.DiffusionAugmentation(TinyOptions()).Fit(flagged));
        StringAssert.Contains(ex.Message, "'IsSynthetic'");
    }

    [TestMethod]
    public void TestBadOptionsAreNamed()
    {
        var transforms = _context.IOHFuse().Data;
        var o = TinyOptions();
        o.SamplingSteps = 80;
        Assert.AreEqual("SamplingSteps", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => transforms.DiffusionAugmentation(o)).ParamName);
        o = TinyOptions();
        o.HiddenSize = 30;
        Assert.AreEqual("HiddenSize", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => transforms.DiffusionAugmentation(o)).ParamName);
        o = TinyOptions();
        o.TrendKernel = 24;
        Assert.AreEqual("TrendKernel", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => transforms.DiffusionAugmentation(o)).ParamName);
        o = TinyOptions();
        o.PatchLength = 7;
        var data = _context.Data.LoadFromEnumerable(Rows(2, 2, 1));
        Assert.AreEqual("PatchLength", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => transforms.DiffusionAugmentation(o).Fit(data)).ParamName);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => transforms.DiffusionAugmentation(copiesPerWindow: -1));
    }

    [TestMethod]
    public void TestProgressAndCancellation()
    {
        var data = _context.Data.LoadFromEnumerable(Rows(4, 4, 1));
        var reports = new List<DiffusionProgress>();
        var options = Quick();
        options.Progress = new SynchronousProgress(reports.Add);
        using (var transformer = _context.IOHFuse().Data.DiffusionAugmentation(options).Fit(data))
            Assert.HasCount(options.Epochs, reports);
        Assert.AreEqual(options.Epochs, reports[^1].Epoch);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        options = Quick();
        options.CancellationToken = cts.Token;
        Assert.Throws<OperationCanceledException>(() => _context.IOHFuse().Data.DiffusionAugmentation(options).Fit(data));
    }

    [TestMethod]
    public void TestZeroCopiesKeepsInputOnly()
    {
        var rows = Rows(4, 4, 1);
        var data = _context.Data.LoadFromEnumerable(rows);
        var options = Quick();
        options.CopiesPerWindow = 0;
        using var transformer = _context.IOHFuse().Data.DiffusionAugmentation(options).Fit(data);
        var output = _context.Data.CreateEnumerable<AugmentedRow>(transformer.Transform(data), false).ToList();
        Assert.HasCount(rows.Count, output);
        Assert.IsFalse(output.Any(r => r.IsSynthetic));
    }

    [TestMethod]
    public void TestAugmentedViewFeedsAnEstimatorChain()
    {
        // A data operation: its output is an ordinary training view that any pipeline can be fitted on.
        var rows = Rows(4, 4, 1);
        var data = _context.Data.LoadFromEnumerable(rows);
        using var augmenter = _context.IOHFuse().Data.DiffusionAugmentation(Quick()).Fit(data);
        var augmented = augmenter.Transform(data);
        var model = _context.Transforms.Conversion.ConvertType("SyntheticAsFloat", "IsSynthetic", DataKind.Single).Fit(augmented);
        var output = model.Transform(augmented);
        Assert.AreEqual(rows.Count + 2L * rows.Count(r => r.Label), output.GetRowCount());
        var flags = output.GetColumn<float>("SyntheticAsFloat").ToArray();
        Assert.AreEqual(2.0f * rows.Count(r => r.Label), flags.Sum());
        Assert.IsTrue(flags.Take(rows.Count).All(f => f == 0f));
    }

    [TestMethod]
    public void TestSimpleOverloadMapsArguments()
    {
        var estimator = _context.IOHFuse().Data.DiffusionAugmentation(labelColumnName: "Label10", copiesPerWindow: 3, epochs: 7, seed: 5);
        var o = estimator.Options;
        Assert.AreEqual("Label10", o.LabelColumnName);
        Assert.AreEqual("Label10", o.SourceLabelColumnName);
        Assert.AreEqual(3, o.CopiesPerWindow);
        Assert.AreEqual(7, o.Epochs);
        Assert.AreEqual(5, o.Seed);
        Assert.AreEqual(10.0, o.LabelHorizonMinutes);
        Assert.AreEqual(5.0, _context.IOHFuse().Data.DiffusionAugmentation(labelColumnName: "Ioh").Options.LabelHorizonMinutes);
    }

    [TestMethod]
    public void TestConflictingHorizonIsNamed()
    {
        var data = _context.Data.LoadFromEnumerable(Rows(2, 2, 1));
        var o = TinyOptions();
        o.LabelColumnName = "Label10";
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _context.IOHFuse().Data.DiffusionAugmentation(o).Fit(data));
        Assert.AreEqual("LabelHorizonMinutes", ex.ParamName);
    }

    [TestMethod]
    public void TestOtherSourceColumnAndStochasticSampling()
    {
        // Learn from the 15-minute positives, sample with DDPM-like noise (eta 1) and a full-strength start.
        var rows = Rows(6, 6, 4);
        var data = _context.Data.LoadFromEnumerable(rows);
        var options = Quick();
        options.SourceLabelColumnName = "Label15";
        options.Eta = 1;
        options.ConditioningStrength = 1;
        using var transformer = _context.IOHFuse().Data.DiffusionAugmentation(options).Fit(data);
        Assert.AreEqual(rows.Count(r => r.Label15), transformer.TrainingWindowCount);
        var output = _context.Data.CreateEnumerable<AugmentedRow>(transformer.Transform(data), false).ToList();
        var synthetic = output.Where(r => r.IsSynthetic).ToList();
        Assert.HasCount(2 * rows.Count(r => r.Label15), synthetic);
        var detector = new IOHFuse.MLNet.Data.IohEventDetector(3.0);
        foreach (var row in synthetic)
        {
            Assert.IsTrue(row.History.Concat(row.Future).All(v => float.IsFinite(v) && v >= 20 && v <= 200));
            Assert.AreEqual(detector.LabelWindow(row.History, row.Future, 300, out _), row.Label15);
        }
        CollectionAssert.AreEqual(transformer.Generate(1, 3)[0], transformer.Generate(1, 3)[0], "eta > 0 is still reproducible for a seed");
    }

    private static DiffusionAugmentationOptions Quick()
    {
        var o = TinyOptions();
        o.Epochs = 2;
        return o;
    }

    private sealed class SynchronousProgress(Action<DiffusionProgress> report) : IProgress<DiffusionProgress>
    {
        public void Report(DiffusionProgress value) => report(value);
    }

    private sealed class FloatLabelRow
    {
        [VectorType(Length)]
        public float[] History { get; set; } = new float[Length];

        [VectorType(Length)]
        public float[] Future { get; set; } = new float[Length];

        public float Label { get; set; }
    }

    private sealed class ShortRow
    {
        [VectorType(100)]
        public float[] History { get; set; } = new float[100];

        [VectorType(Length)]
        public float[] Future { get; set; } = new float[Length];

        public bool Label { get; set; }
    }
}
