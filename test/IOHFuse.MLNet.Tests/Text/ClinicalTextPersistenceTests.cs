using IOHFuse.MLNet.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Text;

[TestClass]
public sealed class ClinicalTextPersistenceTests
{
    [TestMethod]
    public void TestSaveLoadWithFreshContextGivesIdenticalOutputs()
    {
        var ml = new MLContext(1);
        var rows = CustomRows();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText(CustomOptions()).Fit(data);
        var before = ml.Data.CreateEnumerable<CustomOutput>(model.Transform(data), reuseRowObject: false).ToList();
        Assert.AreEqual("A 67-year-old elderly female, ASA class 2, undergoing emergency surgery in thoracic surgery. Hypertension: yes.", before[0].Sentence);
        Assert.HasCount(48, before[0].Ids);
        Assert.IsTrue(before.All(r => r.Ids.Length == 48 && r.Mask.Length == 48));

        string path = Path.Combine(Path.GetTempPath(), $"iohfuse-text-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = new MLContext(seed: 7);
            var loaded = fresh.Model.Load(path, out var inputSchema);
            var after = fresh.Data.CreateEnumerable<CustomOutput>(loaded.Transform(fresh.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToList();
            Assert.HasCount(before.Count, after);
            for (int i = 0; i < before.Count; i++)
            {
                Assert.AreEqual(before[i].Sentence, after[i].Sentence);
                CollectionAssert.AreEqual(before[i].Ids, after[i].Ids);
                CollectionAssert.AreEqual(before[i].Mask, after[i].Mask);
            }
            var outSchema = loaded.GetOutputSchema(inputSchema);
            Assert.IsFalse(outSchema.Any(c => c.Name.StartsWith("__IOHFuse", StringComparison.Ordinal)), "helper columns are dropped");

            // PredictionEngine over the loaded model matches Transform, also with two engines sharing the loaded chain.
            var engineA = fresh.Model.CreatePredictionEngine<CustomRow, CustomOutput>(loaded);
            var engineB = fresh.Model.CreatePredictionEngine<CustomRow, CustomOutput>(loaded);
            for (int i = 0; i < rows.Length; i++)
            {
                var engine = i % 2 == 0 ? engineA : engineB;
                var p = engine.Predict(rows[i]);
                Assert.AreEqual(before[i].Sentence, p.Sentence);
                CollectionAssert.AreEqual(before[i].Ids, p.Ids);
                CollectionAssert.AreEqual(before[i].Mask, p.Mask);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TestPipelineWithDefaultsRoundTripsAndPredicts()
    {
        var ml = new MLContext(1);
        var rows = new[] { PatientRow.Elderly(), PatientRow.Young(), PatientRow.Unknown() };
        var data = ml.Data.LoadFromEnumerable(rows);
        // Inside a larger pipeline, as users write it.
        var pipeline = ml.Transforms.CopyColumns("AgeCopy", "Age").Append(ml.IOHFuse().Transforms.FeaturizeClinicalText());
        var model = pipeline.Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var fresh = new MLContext(3);
        var loaded = fresh.Model.Load(stream, out _);
        var engine = fresh.Model.CreatePredictionEngine<PatientRow, FeaturizedRow>(loaded);
        var p = engine.Predict(PatientRow.Elderly());
        StringAssert.StartsWith(p.ClinicalText, "A 72-year-old elderly male, BMI 27.4 (overweight)");
        Assert.HasCount(80, p.TokenIds);
        Assert.AreEqual(32L, p.TokenIds[0]);
    }

    [TestMethod]
    public void TestConcurrentPredictionEnginesOnOneLoadedModel()
    {
        var ml = new MLContext(1);
        var rows = new[] { PatientRow.Elderly(), PatientRow.Young(), PatientRow.Unknown() };
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(data);
        var expected = rows.Select(r => ml.Data.CreateEnumerable<FeaturizedRow>(model.Transform(ml.Data.LoadFromEnumerable(new[] { r })), false).Single()).ToArray();
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var fresh = new MLContext(2);
        var loaded = fresh.Model.Load(stream, out _);

        // One engine per thread (PredictionEngine itself is not thread-safe); they share the loaded mapping and its caches.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var engine = fresh.Model.CreatePredictionEngine<PatientRow, FeaturizedRow>(loaded);
            for (int i = 0; i < 300; i++)
            {
                int k = (i * 7 + t) % rows.Length;
                var p = engine.Predict(rows[k]);
                Assert.AreEqual(expected[k].ClinicalText, p.ClinicalText);
                CollectionAssert.AreEqual(expected[k].TokenIds, p.TokenIds);
            }
        });
    }

    private static CustomRow[] CustomRows() => new[]
    {
        new CustomRow { PatientAge = 67, Gender = "F", AsaScore = 2, Urgent = "yes", Dept = "Thoracic surgery", Hypertension = true },
        new CustomRow { PatientAge = double.NaN, Gender = "M", AsaScore = 0, Urgent = "", Dept = "", Hypertension = false },
        new CustomRow { PatientAge = 5, Gender = "", AsaScore = 1, Urgent = "no", Dept = "Urology", Hypertension = false },
    };

    private static ClinicalTextFeaturizerOptions CustomOptions() => new()
    {
        AgeColumnName = "PatientAge", SexColumnName = "Gender", AsaColumnName = "AsaScore", EmergencyColumnName = "Urgent",
        DepartmentColumnName = "Dept", HeightColumnName = null, WeightColumnName = null, BmiColumnName = null,
        SurgeryTypeColumnName = null, SurgeryNameColumnName = null, ApproachColumnName = null, AnesthesiaColumnName = null,
        ExtraAttributeColumns = new List<string> { "Hypertension" },
        OutputTextColumnName = "Sentence", TokenIdsColumnName = "Ids", TokenMaskColumnName = "Mask", MaximumTokens = 48,
    };

    /// <summary>Renamed columns with other types: Double age, Int32 ASA, text emergency, Boolean extra.</summary>
    public sealed class CustomRow
    {
        public double PatientAge { get; set; }
        public string Gender { get; set; } = "";
        public int AsaScore { get; set; }
        public string Urgent { get; set; } = "";
        public string Dept { get; set; } = "";
        public bool Hypertension { get; set; }
    }

    public sealed class CustomOutput
    {
        public string Sentence { get; set; } = "";

        [VectorType]
        public long[] Ids { get; set; } = Array.Empty<long>();

        [VectorType]
        public float[] Mask { get; set; } = Array.Empty<float>();
    }
}
