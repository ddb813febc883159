using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Text;

[TestClass]
public sealed class ClinicalTextFeaturizerTests
{
    private const long Pad = 50256;

    private const string ElderlySentence =
        "A 72-year-old elderly male, BMI 27.4 (overweight), ASA class 3, undergoing elective colorectal surgery " +
        "(low anterior resection) in general surgery, open approach, under general anaesthesia.";

    // Pinned from Microsoft.ML.Tokenizers 2.0.1 GPT-2 (unchanged in 3.0.0) with the default domain words (elective = 50262,
    // colorectal = 50263, resection = 50264, anaesthesia = 50261).
    private static readonly long[] ElderlyIds =
    {
        32, 7724, 12, 1941, 12, 727, 13830, 4257, 11, 22456, 2681, 13, 19, 357, 2502, 6551, 828, 49599, 1398, 513, 11,
        23247, 50262, 50263, 8185, 357, 9319, 32700, 50264, 8, 287, 2276, 8185, 11, 1280, 3164, 11, 739, 2276, 50261, 13,
    };

    private const string YoungSentence =
        "A 34-year-old adult female, BMI 32.0 (obesity class I), ASA class 1, undergoing emergency other surgery " +
        "(laparoscopic myomectomy) in gynecology, videoscopic approach, under spinal anaesthesia.";

    private static readonly long[] YoungIds =
    {
        32, 4974, 12, 1941, 12, 727, 4044, 4048, 11, 22456, 3933, 13, 15, 357, 672, 11924, 1398, 314, 828, 49599, 1398,
        352, 11, 23247, 6334, 584, 8185, 357, 50266, 616, 462, 310, 9145, 8, 287, 50271, 11, 50265, 3164, 11, 739,
        26234, 50261, 13,
    };

    private const string UnknownSentence =
        "A patient of unknown age and sex, BMI unknown, ASA class unknown, undergoing elective surgery of unknown type " +
        "(procedure unknown) in an unknown department, approach unknown, under anaesthesia of unknown type.";

    private static readonly long[] UnknownIds =
    {
        32, 5827, 286, 6439, 2479, 290, 1714, 11, 22456, 6439, 11, 49599, 1398, 6439, 11, 23247, 50262, 8185, 286,
        6439, 2099, 357, 1676, 771, 495, 6439, 8, 287, 281, 6439, 5011, 11, 3164, 6439, 11, 739, 50261, 286, 6439,
        2099, 13,
    };

    [TestMethod]
    public void TestGpt2VocabularyIsTheRealOne()
    {
        CollectionAssert.AreEqual(new[] { 15496, 995 }, ClinicalTextTokenizer.Gpt2.EncodeToIds("Hello world").ToArray());

        // The same through the featurizer: a literal template, no domain words, padded with <|endoftext|>.
        var ml = new MLContext(1);
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions
        {
            Template = "Hello world",
            DomainWords = new List<string>(),
            MaximumTokens = 4,
        }).Fit(ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly() }));
        var f = model.Featurize(new ClinicalTextRecord());
        CollectionAssert.AreEqual(new long[] { 15496, 995, Pad, Pad }, f.TokenIds.ToArray());
        CollectionAssert.AreEqual(new float[] { 1, 1, 0, 0 }, f.TokenMask.ToArray());
        Assert.AreEqual(50257, model.VocabularySize);
    }

    [TestMethod]
    public void TestDefaultSentenceAndTokenIds()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly(), PatientRow.Young(), PatientRow.Unknown() });
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(data);
        var rows = ml.Data.CreateEnumerable<FeaturizedRow>(model.Transform(data), reuseRowObject: false).ToList();

        Assert.HasCount(3, rows);
        AssertRow(rows[0], ElderlySentence, ElderlyIds, 80);
        AssertRow(rows[1], YoungSentence, YoungIds, 80);
        AssertRow(rows[2], UnknownSentence, UnknownIds, 80);
        Assert.AreEqual(50257 + ClinicalTextFeaturizerOptions.DefaultDomainWords.Count, model.VocabularySize);
        Assert.AreEqual(50261, model.DomainTokenIds["anaesthesia"]);
        Assert.AreEqual(0, model.TrainingStatistics.TruncatedRowCount);
        Assert.AreEqual(3, model.TrainingStatistics.RowCount);
        Assert.AreEqual(44, model.TrainingStatistics.LongestTokenCount);
    }

    [TestMethod]
    public void TestWindowWithOnlyHistorySaysNothingItDoesNotKnow()
    {
        // The featurizer fitted on real window rows (the library's own view), then a scoring row that sets nothing but
        // the history: every attribute must read as unknown, none as a value (age 0 would say "1-month-old"; a Boolean
        // emergency flag left at false would say "elective").
        var ml = new MLContext(1);
        var cohort = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 2, MinimumDurationHours = 1, MaximumDurationHours = 1 });
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(ml.IOHFuse().Data.CreateWindows(cohort));
        var engine = ml.Model.CreatePredictionEngine<IohWindow, SentenceRow>(model);

        string sentence = engine.Predict(new IohWindow { History = new float[IohWindow.DefaultLength] }).ClinicalText;

        Assert.AreEqual(
            "A patient of unknown age and sex, BMI unknown, ASA class unknown, undergoing surgery of unknown urgency and type " +
            "(procedure unknown) in an unknown department, approach unknown, under anaesthesia of unknown type.", sentence);

        // And each attribute, once given, is said: the row is not deaf either.
        var known = new IohWindow { History = new float[IohWindow.DefaultLength] }
            .SetAttributes(new PatientAttributes { Age = 72, Sex = "F", Emergency = false });
        StringAssert.StartsWith(engine.Predict(known).ClinicalText, "A 72-year-old elderly female");
        StringAssert.Contains(engine.Predict(known).ClinicalText, "undergoing elective surgery");
    }

    [TestMethod]
    public void TestFeaturizeRecordMatchesTheColumns()
    {
        var ml = new MLContext(1);
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly() }));
        var f = model.Featurize(new ClinicalTextRecord
        {
            Age = 72, Sex = "M", Bmi = 27.4f, Asa = 3, Emergency = false, Department = "General surgery",
            SurgeryType = "Colorectal", SurgeryName = "Low anterior resection", Approach = "Open", Anesthesia = "General",
        });
        Assert.AreEqual(ElderlySentence, f.Text);
        CollectionAssert.AreEqual(ElderlyIds, f.TokenIds.Take(ElderlyIds.Length).ToArray());
        Assert.AreEqual(ElderlyIds.Length, f.TokenCount);
        Assert.IsFalse(f.IsTruncated);
        Assert.IsEmpty(f.UnseenCategories);
    }

    [TestMethod]
    public void TestMissingValuesArePhrasedAsUnknown()
    {
        var ml = new MLContext(1);
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly() }));
        Assert.AreEqual(
            "A male patient of unknown age, BMI 22.9 (normal weight), ASA class unknown, undergoing emergency colorectal surgery " +
            "(procedure unknown) in general surgery, approach unknown, under general anaesthesia.",
            model.Featurize(new ClinicalTextRecord
            {
                Sex = "Male", Height = 175, Weight = 70, Asa = 9, Emergency = true, Department = "General surgery",
                SurgeryType = "Colorectal", Anesthesia = "General",
            }).Text);
        Assert.AreEqual(
            "A 4-month-old pediatric patient of unknown sex, BMI 16.0, ASA class 2, undergoing surgery of unknown urgency and type " +
            "(procedure unknown) in an unknown department, approach unknown, under anaesthesia of unknown type.",
            model.Featurize(new ClinicalTextRecord { Age = 0.33f, Bmi = 16f, Asa = 2 }).Text);

        // Emergency given as text: empty reads "of unknown urgency".
        var textRows = new[] { new EmergencyTextRow { Age = 50, Emergency = "" }, new EmergencyTextRow { Age = 50, Emergency = "Y" } };
        var textModel = ml.IOHFuse().Transforms.FeaturizeClinicalText(OnlyAgeAndEmergency()).Fit(ml.Data.LoadFromEnumerable(textRows));
        var texts = ml.Data.CreateEnumerable<FeaturizedRow>(textModel.Transform(ml.Data.LoadFromEnumerable(textRows)), false).Select(r => r.ClinicalText).ToList();
        CollectionAssert.AreEqual(new[]
        {
            "A 50-year-old adult patient, undergoing surgery of unknown urgency.",
            "A 50-year-old adult patient, undergoing emergency surgery.",
        }, texts);
    }

    [TestMethod]
    public void TestUnseenCategoriesArePhrasedAndCounted()
    {
        var ml = new MLContext(1);
        var train = ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly(), PatientRow.Young() });
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(train);
        CollectionAssert.AreEquivalent(new[] { "General surgery", "Gynecology" }, model.KnownCategories["Department"].ToList());

        var cardiac = PatientRow.Elderly();
        cardiac.Department = "Cardiac surgery";
        cardiac.SurgeryType = "Valve";
        var test = ml.Data.LoadFromEnumerable(new[] { cardiac, PatientRow.Elderly(), cardiac });
        var text = ml.Data.CreateEnumerable<FeaturizedRow>(model.Transform(test), false).First().ClinicalText;
        StringAssert.Contains(text, "undergoing elective valve surgery (low anterior resection) in cardiac surgery");

        var stats = model.ComputeStatistics(test);
        Assert.AreEqual(3, stats.RowCount);
        Assert.AreEqual(2, stats.RowsWithUnseenCategories);
        Assert.AreEqual(2, stats.UnseenCategories["Department: Cardiac surgery"]);
        Assert.AreEqual(2, stats.UnseenCategories["SurgeryType: Valve"]);

        var f = model.Featurize(new ClinicalTextRecord { Department = "Cardiac surgery", SurgeryType = "Colorectal" });
        CollectionAssert.AreEqual(new[] { "Department: Cardiac surgery" }, f.UnseenCategories.ToList());
    }

    [TestMethod]
    public void TestCustomTemplateWithExtrasAndUnusedAttributes()
    {
        var ml = new MLContext(1);
        var rows = new[]
        {
            new ExtraRow { Age = 81.6, Sex = "F", Asa = 4, Emergency = 1, SurgeryType = "Vascular", Htn = true, Hb = 11.25f, Note = "redo" },
            new ExtraRow { Age = 40, Sex = "", Asa = float.NaN, Emergency = float.NaN, SurgeryType = "", Htn = false, Hb = float.NaN, Note = "" },
        };
        var options = new ClinicalTextFeaturizerOptions
        {
            Template = "{age} {sex}, ASA {asa}, {emergency} {surgery_type}, {bmi_phrase}, {approach}; {{extras}}: {extras}",
            AgeColumnName = "Age", SexColumnName = "Sex", AsaColumnName = "Asa", EmergencyColumnName = "Emergency",
            SurgeryTypeColumnName = "SurgeryType",
            HeightColumnName = null, WeightColumnName = null, BmiColumnName = null, DepartmentColumnName = null,
            SurgeryNameColumnName = null, ApproachColumnName = null, AnesthesiaColumnName = null,
            ExtraAttributeColumns = new List<string> { "Htn", "Hb", "Note" },
        };
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText(options).Fit(ml.Data.LoadFromEnumerable(rows));
        var texts = ml.Data.CreateEnumerable<FeaturizedRow>(model.Transform(ml.Data.LoadFromEnumerable(rows)), false).Select(r => r.ClinicalText).ToList();
        CollectionAssert.AreEqual(new[]
        {
            "81.6 female, ASA 4, emergency vascular; {extras}: Htn: yes; Hb: 11.25; Note: redo",
            "40 unknown, ASA unknown, unknown unknown; {extras}: Htn: no; Hb: unknown; Note: unknown",
        }, texts);
    }

    [TestMethod]
    public void TestDomainWordsBecomeSingleIds()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly() });
        ClinicalTextTransformer Fit(List<string> words) => ml.IOHFuse().Transforms.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions
        {
            Template = "Risk of hypotension; Hypotension-prone? {anesthesia} anaesthesia.",
            DomainWords = words,
        }).Fit(data);

        var with = Fit(new List<string> { "hypotension", "anaesthesia" }).Featurize(new ClinicalTextRecord { Anesthesia = "General" });
        var without = Fit(new List<string>()).Featurize(new ClinicalTextRecord { Anesthesia = "General" });
        // " hypotension" → one id; "Hypotension-prone" is another (hyphenated) word and keeps its GPT-2 pieces.
        var ids = with.TokenIds.Take(with.TokenCount).ToArray();
        Assert.AreEqual(1, ids.Count(id => id == 50257), string.Join(",", ids));
        Assert.AreEqual(1, ids.Count(id => id == 50258));
        CollectionAssert.AreEqual(new long[] { 49, 1984, 286, 50257, 26 }, ids.Take(5).ToArray());
        var plain = without.TokenIds.Take(without.TokenCount).ToArray();
        Assert.IsFalse(plain.Any(id => id >= 50257));
        CollectionAssert.AreEqual(new long[] { 8813, 3004 }, ClinicalTextTokenizer.Gpt2.EncodeToIds(" hypotension").Select(i => (long)i).ToArray());
        Assert.IsGreaterThan(with.TokenCount, without.TokenCount);
        Assert.AreEqual(50259, Fit(new List<string> { "hypotension", "anaesthesia" }).VocabularySize);

        // Matching ignores case, and a word at the start of the text has no space to absorb.
        var start = ml.IOHFuse().Transforms.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions
        {
            Template = "Hypotension.", DomainWords = new List<string> { "hypotension" }, MaximumTokens = 3,
        }).Fit(data).Featurize(new ClinicalTextRecord());
        CollectionAssert.AreEqual(new long[] { 50257, 13, Pad }, start.TokenIds.ToArray());
    }

    [TestMethod]
    public void TestTruncationIsCountedAtSmallMaximumTokens()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly(), PatientRow.Young(), PatientRow.Unknown() });
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText(maximumTokens: 8).Fit(data);
        Assert.AreEqual(3, model.TrainingStatistics.TruncatedRowCount);
        Assert.AreEqual(44, model.TrainingStatistics.LongestTokenCount);
        var rows = ml.Data.CreateEnumerable<FeaturizedRow>(model.Transform(data), false).ToList();
        CollectionAssert.AreEqual(ElderlyIds.Take(8).ToArray(), rows[0].TokenIds);
        CollectionAssert.AreEqual(Enumerable.Repeat(1f, 8).ToArray(), rows[0].TokenMask);
        Assert.AreEqual(ElderlySentence, rows[0].ClinicalText, "the text column keeps the whole sentence");
        Assert.IsTrue(model.Featurize(new ClinicalTextRecord()).IsTruncated);
    }

    [TestMethod]
    public void TestWrongColumnTypesFailAtFitNamingTheColumn()
    {
        var ml = new MLContext(1);
        var estimator = ml.IOHFuse().Transforms.FeaturizeClinicalText();
        var vectorAge = ml.Data.LoadFromEnumerable(new[] { new VectorAgeRow() });
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.Fit(vectorAge));
        StringAssert.Contains(ex.Message, "'Age'");
        StringAssert.Contains(ex.Message, "numeric scalar");

        var noSex = ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly() });
        var options = new ClinicalTextFeaturizerOptions { SexColumnName = "Gender" };
        ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.IOHFuse().Transforms.FeaturizeClinicalText(options).Fit(noSex));
        StringAssert.Contains(ex.Message, "'Gender'");
        StringAssert.Contains(ex.Message, "SexColumnName");

        options = new ClinicalTextFeaturizerOptions { DepartmentColumnName = "Asa" };
        ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.IOHFuse().Transforms.FeaturizeClinicalText(options).Fit(noSex));
        StringAssert.Contains(ex.Message, "'Asa'");
        StringAssert.Contains(ex.Message, "text scalar");

        // Same checks without data.
        ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapeOf(vectorAge)));
        StringAssert.Contains(ex.Message, "'Age'");

        // A fitted transformer refuses a column whose type changed since Fit.
        var model = estimator.Fit(noSex);
        var doubleAge = ml.Data.LoadFromEnumerable(new[] { new VectorAgeRow() });
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Transform(doubleAge));
    }

    [TestMethod]
    public void TestOptionsAreChecked()
    {
        var t = new MLContext(1).IOHFuse().Transforms;
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => t.FeaturizeClinicalText(maximumTokens: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => t.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { MaximumTokens = 5000 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => t.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { PaddingTokenId = -1 }));
        var ex = Assert.ThrowsExactly<ArgumentException>(() => t.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { Template = "{age} {blood_type}" }));
        StringAssert.Contains(ex.Message, "{blood_type}");
        Assert.HasCount(1, System.Text.RegularExpressions.Regex.Matches(ex.Message, "Parameter"), ex.Message);
        Assert.AreEqual("options.Template", ex.ParamName);
        ex = Assert.ThrowsExactly<ArgumentException>(() => t.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { DomainWords = new List<string> { "Shock", "shock" } }));
        Assert.AreEqual("options.DomainWords", ex.ParamName);
        Assert.ThrowsExactly<ArgumentException>(() => t.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { DomainWords = new List<string> { "two words" } }));
        Assert.ThrowsExactly<ArgumentException>(() => t.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { TokenMaskColumnName = "TokenIds" }));
        Assert.ThrowsExactly<ArgumentException>(() => t.FeaturizeClinicalText(new ClinicalTextFeaturizerOptions { AgeColumnName = " " }));
    }

    [TestMethod]
    public void TestGetOutputSchemaAgreesWithTheFittedTransformer()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly() });
        var estimator = ml.IOHFuse().Transforms.FeaturizeClinicalText();
        var shape = estimator.GetOutputSchema(SchemaShapeOf(data));
        var schema = estimator.Fit(data).GetOutputSchema(data.Schema);
        var fromShape = shape.Select(c => $"{c.Name}:{c.Kind}:{c.ItemType}").ToList();
        var fromSchema = SchemaShapeOf(schema).Select(c => $"{c.Name}:{c.Kind}:{c.ItemType}").ToList();
        CollectionAssert.AreEquivalent(fromSchema, fromShape);
        Assert.IsFalse(fromShape.Any(c => c.StartsWith("__", StringComparison.Ordinal)), "helper columns are dropped");
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Int64), schema["TokenIds"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single), schema["TokenMask"].Type);
        Assert.AreEqual(TextDataViewType.Instance, schema["ClinicalText"].Type);

        var noText = ml.IOHFuse().Transforms.FeaturizeClinicalText(outputTextColumnName: null).Fit(data).GetOutputSchema(data.Schema);
        Assert.IsNull(noText.GetColumnOrNull("ClinicalText"));

        // Fitting on an empty view works (nothing to learn but the schema) and reports zero rows.
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<PatientRow>());
        var fittedOnEmpty = estimator.Fit(empty);
        Assert.AreEqual(0L, fittedOnEmpty.TrainingStatistics.RowCount);
        Assert.AreEqual(ElderlySentence, fittedOnEmpty.Featurize(new ClinicalTextRecord
        {
            Age = 72, Sex = "M", Bmi = 27.4f, Asa = 3, Emergency = false, Department = "General surgery",
            SurgeryType = "Colorectal", SurgeryName = "Low anterior resection", Approach = "Open", Anesthesia = "General",
        }).Text);
    }

    internal static SchemaShape SchemaShapeOf(IDataView data) => SchemaShapeOf(data.Schema);

    // SchemaShape.Create(DataViewSchema) is internal in ML.NET 5 and 6; tests reach it by reflection to exercise the
    // estimator's GetOutputSchema the way ML.NET's own pipelines do.
    internal static SchemaShape SchemaShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public, new[] { typeof(DataViewSchema) })!
            .Invoke(null, new object[] { schema })!;

    internal static void AssertRow(FeaturizedRow row, string sentence, long[] ids, int length)
    {
        Assert.AreEqual(sentence, row.ClinicalText);
        Assert.HasCount(length, row.TokenIds);
        Assert.HasCount(length, row.TokenMask);
        CollectionAssert.AreEqual(ids, row.TokenIds.Take(ids.Length).ToArray());
        Assert.IsTrue(row.TokenIds.Skip(ids.Length).All(id => id == Pad));
        Assert.AreEqual(ids.Length, (int)row.TokenMask.Sum());
        Assert.IsTrue(row.TokenMask.Take(ids.Length).All(m => m == 1f));
    }

    private static ClinicalTextFeaturizerOptions OnlyAgeAndEmergency() => new()
    {
        SexColumnName = null, HeightColumnName = null, WeightColumnName = null, BmiColumnName = null, AsaColumnName = null,
        DepartmentColumnName = null, SurgeryTypeColumnName = null, SurgeryNameColumnName = null, ApproachColumnName = null,
        AnesthesiaColumnName = null,
    };

    private sealed class SentenceRow
    {
        public string ClinicalText { get; set; } = "";
    }

    private sealed class EmergencyTextRow
    {
        public float Age { get; set; }
        public string Emergency { get; set; } = "";
    }

    private sealed class ExtraRow
    {
        public double Age { get; set; }
        public string Sex { get; set; } = "";
        public float Asa { get; set; }
        public float Emergency { get; set; }
        public string SurgeryType { get; set; } = "";
        public bool Htn { get; set; }
        public float Hb { get; set; }
        public string Note { get; set; } = "";
    }

    private sealed class VectorAgeRow
    {
        [VectorType(3)]
        public float[] Age { get; set; } = new float[3];
        public string Sex { get; set; } = "M";
        public float Height { get; set; }
        public float Weight { get; set; }
        public float Bmi { get; set; }
        public float Asa { get; set; }
        public bool Emergency { get; set; }
        public string Department { get; set; } = "";
        public string SurgeryType { get; set; } = "";
        public string SurgeryName { get; set; } = "";
        public string Approach { get; set; } = "";
        public string Anesthesia { get; set; } = "";
    }
}
