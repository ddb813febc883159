using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Text;

[TestClass]
public sealed class ClinicalTextRealDataTests
{
    /// <summary>
    /// Featurizes the real VitalDB clinical table (6,388 cases; shared/data, skipped when absent) with VitalDB's own
    /// column names and types: emop is a 0/1 number, age has a few "&gt;89" texts (read as NaN = unknown).
    /// </summary>
    [TestMethod]
    public void TestVitalDbClinicalTable()
    {
        string path = SharedData.RequireFile("vitaldb_clinical_data.csv");
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromTextFile(path, new[]
        {
            new TextLoader.Column("caseid", DataKind.String, 0),
            new TextLoader.Column("age", DataKind.Single, 12),
            new TextLoader.Column("sex", DataKind.String, 13),
            new TextLoader.Column("height", DataKind.Single, 14),
            new TextLoader.Column("weight", DataKind.Single, 15),
            new TextLoader.Column("bmi", DataKind.Single, 16),
            new TextLoader.Column("asa", DataKind.Single, 17),
            new TextLoader.Column("emop", DataKind.Single, 18),
            new TextLoader.Column("department", DataKind.String, 19),
            new TextLoader.Column("optype", DataKind.String, 20),
            new TextLoader.Column("opname", DataKind.String, 22),
            new TextLoader.Column("approach", DataKind.String, 23),
            new TextLoader.Column("ane_type", DataKind.String, 25),
            new TextLoader.Column("preop_htn", DataKind.Boolean, 26),
        }, separatorChar: ',', hasHeader: true, allowQuoting: true);
        var options = new ClinicalTextFeaturizerOptions
        {
            AgeColumnName = "age", SexColumnName = "sex", HeightColumnName = "height", WeightColumnName = "weight",
            BmiColumnName = "bmi", AsaColumnName = "asa", EmergencyColumnName = "emop", DepartmentColumnName = "department",
            SurgeryTypeColumnName = "optype", SurgeryNameColumnName = "opname", ApproachColumnName = "approach",
            AnesthesiaColumnName = "ane_type", ExtraAttributeColumns = new List<string> { "preop_htn" },
        };
        var model = ml.IOHFuse().Transforms.FeaturizeClinicalText(options).Fit(data);
        var stats = model.TrainingStatistics;
        Console.WriteLine($"VitalDB: {stats.RowCount} rows, mean {stats.MeanTokenCount:N1} tokens, longest {stats.LongestTokenCount}, truncated {stats.TruncatedRowCount}");

        Assert.AreEqual(6388L, stats.RowCount);
        var texts = ml.Data.CreateEnumerable<TextRow>(model.Transform(data), reuseRowObject: false).Select(r => r.ClinicalText).ToList();
        Assert.HasCount(6388, texts);
        Assert.AreEqual(
            "A 77-year-old elderly male, BMI 26.3 (overweight), ASA class 2, undergoing elective colorectal surgery " +
            "(low anterior resection) in general surgery, open approach, under general anaesthesia. preop_htn: yes.", texts[0]);
        Assert.AreEqual(0L, stats.TruncatedRowCount, "the default 80 tokens hold every VitalDB sentence");
        Assert.IsLessThanOrEqualTo(80, stats.LongestTokenCount);
        int unknownAge = texts.Count(t => t.Contains("of unknown age", StringComparison.Ordinal));
        int unknownAsa = texts.Count(t => t.Contains("ASA class unknown", StringComparison.Ordinal));
        Console.WriteLine($"unknown age: {unknownAge}, unknown ASA: {unknownAsa}");
        Assert.AreEqual(8, unknownAge, "the eight '>89' ages read as unknown");
        Assert.IsGreaterThanOrEqualTo(133, unknownAsa, "133 empty ASA fields (plus ASA values outside 1-6, if any)");
    }

    private sealed class TextRow
    {
        public string ClinicalText { get; set; } = "";
    }
}
