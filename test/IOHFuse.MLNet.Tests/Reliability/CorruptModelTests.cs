using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// Damaged and foreign model.zip files: <c>mlContext.IOHFuse().LoadModel</c> refuses them at load with an
/// <see cref="InvalidDataException"/> naming the file and the problem; a plain <c>mlContext.Model.Load</c> refuses
/// them at load or on the first prediction, never with a quietly different score; a failed load leaves nothing
/// behind that would break the next good load.
/// </summary>
[TestClass]
public sealed class CorruptModelTests
{
    private static TinyModel? s_model;

    private static TinyModel Model => s_model ?? throw new InvalidOperationException("class not initialised");

    [ClassInitialize]
    public static void Init(TestContext context) => s_model = TinyModel.Train();

    [ClassCleanup]
    public static void Cleanup() => s_model?.Dispose();

    private static readonly FreeRow[] Probe = ToyWindows.Make(4, seed: 88).Select(FreeRow.From).ToArray();

    private static string[] Scores(ITransformer model)
    {
        var engine = new MLContext(seed: 5).Model.CreatePredictionEngine<FreeRow, ScoreRow>(model);
        return Probe.Select(r => engine.Predict(r)).Select(p => $"{BitConverter.SingleToInt32Bits(p.Score):x8} {string.Join(',', p.Forecast.Select(BitConverter.SingleToInt32Bits))}").ToArray();
    }

    private static string Copy(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"iohfuse-damaged-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertGoodModelStillLoads(string because)
    {
        var ml = new MLContext(seed: 6);
        var good = ml.IOHFuse().LoadModel(Model.Path, out _);
        CollectionAssert.AreEqual(Scores(ml.Model.Load(Model.Path, out _)), Scores(good), because);
    }

    [TestMethod]
    public void TestGoodModelLoadsAndScoresLikeThePlainLoader()
    {
        var ml = new MLContext(seed: 6);
        var checkedModel = ml.IOHFuse().LoadModel(Model.Path, out var schema);
        Assert.IsNotNull(schema.GetColumnOrNull("History"));
        CollectionAssert.AreEqual(Scores(Model.Model), Scores(checkedModel));
    }

    [TestMethod]
    public void TestFeaturizerOnlyModelLoadsWithItsStateChecked()
    {
        var ml = new MLContext(seed: 1);
        var patients = ml.Data.LoadFromEnumerable(new[] { Text.PatientRow.Elderly(), Text.PatientRow.Young() });
        using var featurizer = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(patients);
        string path = CraftedModels.Save(ml, featurizer, patients);
        try
        {
            var loaded = new MLContext().IOHFuse().LoadModel(path, out _);
            Assert.IsNotNull(loaded.GetOutputSchema(patients.Schema).GetColumnOrNull("TokenIds"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TestMissingFileIsFileNotFound()
    {
        var ex = Assert.ThrowsExactly<FileNotFoundException>(() => new MLContext().IOHFuse().LoadModel("/nonexistent/model.zip", out _));
        StringAssert.Contains(ex.Message, "/nonexistent/model.zip");
    }

    [TestMethod]
    public void TestTruncatedZipIsRefusedAtLoad()
    {
        byte[] good = File.ReadAllBytes(Model.Path);
        foreach (int length in new[] { 0, 22, 100, good.Length / 2, good.Length - 1 })
        {
            string path = Copy(good[..length]);
            try
            {
                var ex = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext().IOHFuse().LoadModel(path, out _), $"length {length}");
                StringAssert.Contains(ex.Message, path, $"length {length}");
                // The plain loader refuses it too (with ML.NET's own exception type).
                Assert.Throws<Exception>(() => new MLContext().Model.Load(path, out _), $"length {length}");
            }
            finally
            {
                File.Delete(path);
            }
        }
        AssertGoodModelStillLoads("after truncated files");
    }

    [TestMethod]
    public void TestFlippedZipBytesNeverScoreQuietlyDifferent()
    {
        byte[] good = File.ReadAllBytes(Model.Path);
        string[] expected = Scores(Model.Model);
        var random = new Random(17);
        int refused = 0, harmless = 0;
        for (int trial = 0; trial < 24; trial++)
        {
            byte[] bytes = (byte[])good.Clone();
            int at = random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
            string path = Copy(bytes);
            try
            {
                ITransformer loaded;
                try
                {
                    loaded = new MLContext().IOHFuse().LoadModel(path, out _);
                }
                catch (InvalidDataException ex)
                {
                    StringAssert.Contains(ex.Message, path);
                    refused++;
                    continue;
                }
                // A flip in bytes nothing reads (zip timestamps, comments) is harmless: the scores must be identical.
                CollectionAssert.AreEqual(expected, Scores(loaded), $"byte {at} flipped: loaded but scores differ");
                harmless++;
            }
            finally
            {
                File.Delete(path);
            }
        }
        Assert.IsGreaterThan(0, refused, "some flips must be detected");
        Assert.AreEqual(24, refused + harmless);
        AssertGoodModelStillLoads("after flipped files");
    }

    [TestMethod]
    public void TestFlippedStateTextIsRefusedAtLoadAndAtFirstPredict()
    {
        string state = Model.Model.Scorer.ToStateText();
        var ml = new MLContext(seed: 1);
        foreach (double where in new[] { 0.3, 0.6, 0.95 })
        {
            char[] chars = state.ToCharArray();
            string version = $"|v{FusedScorer.StateVersion}|";
            int payload = state.IndexOf(version, StringComparison.Ordinal) + version.Length;
            Assert.IsGreaterThan(version.Length - 1, payload, "the state has its version field");
            int at = payload + (int)((state.LastIndexOf('|') - payload) * where);
            chars[at] = chars[at] == 'A' ? 'B' : 'A';
            string path = CraftedModels.Save(ml, CraftedModels.ChainWithState(ml, Model.Data, new string(chars)), Model.Data);
            try
            {
                var ex = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext().IOHFuse().LoadModel(path, out _), $"flip at {where}");
                StringAssert.Contains(ex.Message, "corrupt", $"flip at {where}");

                var plain = new MLContext().Model.Load(path, out _);
                var px = Assert.Throws<InvalidDataException>(() => Scores(plain), $"flip at {where}");
                StringAssert.Contains(px.Message, "corrupt", $"flip at {where}");
                // The same loaded model fails the same way again: nothing half-decoded was cached.
                Assert.Throws<InvalidDataException>(() => Scores(plain), $"flip at {where}, second predict");
            }
            finally
            {
                File.Delete(path);
            }
        }
        AssertGoodModelStillLoads("after corrupt states");
    }

    [TestMethod]
    public void TestOtherStateFormatVersionNamesTheVersion()
    {
        var ml = new MLContext(seed: 1);
        int other = FusedScorer.StateVersion + 1;
        string v2 = CraftedModels.WithVersion(Model.Model.Scorer.ToStateText(), other);
        string path = CraftedModels.Save(ml, CraftedModels.ChainWithState(ml, Model.Data, v2), Model.Data);
        try
        {
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext().IOHFuse().LoadModel(path, out _));
            StringAssert.Contains(ex.Message, $"format v{other}");
            StringAssert.Contains(ex.Message, $"reads only v{FusedScorer.StateVersion}");
            StringAssert.Contains(ex.Message, path);

            var plain = new MLContext().Model.Load(path, out _);
            var px = Assert.Throws<InvalidDataException>(() => Scores(plain));
            StringAssert.Contains(px.Message, $"format v{other}");
        }
        finally
        {
            File.Delete(path);
        }

        // Control: the same crafted chain with the real v1 state scores exactly like the trained model.
        string v1Path = CraftedModels.Save(ml, CraftedModels.ChainWithState(ml, Model.Data, Model.Model.Scorer.ToStateText()), Model.Data);
        try
        {
            CollectionAssert.AreEqual(Scores(Model.Model), Scores(new MLContext().IOHFuse().LoadModel(v1Path, out _)));
        }
        finally
        {
            File.Delete(v1Path);
        }
        AssertGoodModelStillLoads("after a v2 model");
    }

    [TestMethod]
    public void TestUnknownComponentContractIsRefusedAtLoad()
    {
        var ml = new MLContext(seed: 1);
        string path = CraftedModels.Save(ml, CraftedModels.ChainWithState(ml, Model.Data, Model.Model.Scorer.ToStateText(), "IOHFuse.IohFuseLM.v9"), Model.Data);
        try
        {
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext().IOHFuse().LoadModel(path, out _));
            StringAssert.Contains(ex.Message, "different library version");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TestPlainMlNetModelIsRefusedWithAClearMessage()
    {
        var ml = new MLContext(seed: 1);
        var plainModel = ml.Transforms.NormalizeMinMax("History").Fit(Model.Data);
        string path = CraftedModels.Save(ml, plainModel, Model.Data);
        try
        {
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext().IOHFuse().LoadModel(path, out _));
            StringAssert.Contains(ex.Message, "holds no IOHFuse component");

            // The plain loader accepts it (it is a valid ML.NET model). ML.NET's PredictionEngine ignores missing output
            // columns by default, so a caller expecting IOHFuse outputs would silently read Probability = 0: the reason
            // to load with IOHFuse().LoadModel, or to pass ignoreMissingColumns: false, which names the column.
            var plain = new MLContext().Model.Load(path, out _);
            var quiet = new MLContext().Model.CreatePredictionEngine<ToyWindows.Row, ScoreRow>(plain).Predict(ToyWindows.Make(1, seed: 5)[0]);
            Assert.AreEqual(0f, quiet.Probability, "documented ML.NET default: missing outputs are left at their defaults");
            var px = Assert.Throws<Exception>(() => new MLContext().Model.CreatePredictionEngine<ToyWindows.Row, ScoreRow>(plain, ignoreMissingColumns: false));
            StringAssert.Contains(px.Message, "Score");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
