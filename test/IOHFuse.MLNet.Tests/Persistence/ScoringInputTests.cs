using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Persistence;

/// <summary>
/// The scoring input as an app developer meets it: a model.zip loaded with <c>mlContext.IOHFuse().LoadModel</c> and an
/// input class of their own. Every missing or mistyped column is named in the one exception that creating the
/// PredictionEngine (or calling Transform) throws; <see cref="IohWindow"/> with only a history scores.
/// </summary>
[TestClass]
public sealed class ScoringInputTests
{
    private static TinyWindowModel? s_model;

    private static TinyWindowModel Model => s_model ?? throw new InvalidOperationException("class not initialised");

    [ClassInitialize]
    public static void Init(TestContext context) => s_model = TinyWindowModel.Train();

    [ClassCleanup]
    public static void Cleanup() => s_model?.Dispose();

    [TestMethod]
    public void TestEveryBadColumnIsNamedInOneMessageAtPredictionEngineCreation()
    {
        var ml = new MLContext(seed: 1);
        var loaded = ml.IOHFuse().LoadModel(Model.Path, out _);

        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Model.CreatePredictionEngine<WrongRow, Prediction>(loaded));

        // History of the wrong item type, Sex and Emergency of the wrong type, the other nine attributes missing.
        StringAssert.Contains(ex.Message, "'History' is a vector of Double (expected a vector of 300 Single)");
        StringAssert.Contains(ex.Message, "'Sex' is a Single scalar (expected a String scalar)");
        StringAssert.Contains(ex.Message, "'Emergency' is a Boolean scalar (expected a Single scalar)");
        foreach (string missing in new[] { "Age", "Height", "Weight", "Bmi", "Asa", "Department", "SurgeryType", "SurgeryName", "Approach", "Anesthesia" })
            StringAssert.Contains(ex.Message, $"'{missing}' is missing");
        StringAssert.Contains(ex.Message, "13 of its 13 input column(s) are wrong");
        StringAssert.Contains(ex.Message, "docs/scoring-schema.md");
        // Training-only columns of the saved schema are not demanded of a scoring input.
        foreach (string trainingOnly in new[] { "Future", "Label", "Label5", "CaseId", "PatientId", "Time" })
            Assert.DoesNotContain($"'{trainingOnly}'", ex.Message, trainingOnly);

        // Transform checks the same way.
        var view = ml.Data.LoadFromEnumerable(new[] { new WrongRow() });
        var viaTransform = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => loaded.Transform(view));
        Assert.AreEqual(ex.Message, viaTransform.Message);
    }

    [TestMethod]
    public void TestWindowWithOnlyHistoryScoresAndSavesBackUnchanged()
    {
        var ml = new MLContext(seed: 1);
        var loaded = ml.IOHFuse().LoadModel(Model.Path, out var schema);
        var engine = ml.Model.CreatePredictionEngine<IohWindow, Prediction>(loaded);
        var p = engine.Predict(new IohWindow { History = (float[])Model.Windows[0].History.Clone() });
        Assert.IsTrue(p.Probability is > 0f and < 1f);
        Assert.AreEqual("A patient of unknown age and sex", p.ClinicalText[..32]);

        // The checked model saves the chain it loaded: reloading with plain Model.Load scores the same.
        string again = Path.Combine(Path.GetTempPath(), $"iohfuse-resave-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(loaded, schema, again);
            var plain = new MLContext(seed: 1).Model.Load(again, out _);
            var window = Model.Windows[1];
            Assert.AreEqual(engine.Predict(window).Score, new MLContext(seed: 1).Model.CreatePredictionEngine<IohWindow, Prediction>(plain).Predict(window).Score);
        }
        finally
        {
            File.Delete(again);
        }
    }

    [TestMethod]
    public void TestFittedFeaturizerNamesEveryBadColumnInOneMessage()
    {
        var ml = new MLContext(seed: 1);
        var cohort = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 2, MinimumDurationHours = 1, MaximumDurationHours = 1 });
        var text = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(ml.IOHFuse().Data.CreateWindows(cohort));

        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Model.CreatePredictionEngine<WrongRow, Prediction>(text));

        StringAssert.Contains(ex.Message, "12 clinical-text input columns are wrong");
        StringAssert.Contains(ex.Message, "Column 'Sex' (SexColumnName) has type Single");
        StringAssert.Contains(ex.Message, "Column 'Anesthesia' (AnesthesiaColumnName) was not found");
        StringAssert.Contains(ex.Message, "Column 'Emergency' (EmergencyColumnName) had type Single when the clinical-text featurizer was fitted but has type Boolean now");
    }

    /// <summary>An input class written by someone who has not read the schema.</summary>
    private sealed class WrongRow
    {
        [VectorType]
        public double[] History { get; set; } = [];

        public float Sex { get; set; }

        public bool Emergency { get; set; }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }

        public float Probability { get; set; }

        public string ClinicalText { get; set; } = "";
    }
}
