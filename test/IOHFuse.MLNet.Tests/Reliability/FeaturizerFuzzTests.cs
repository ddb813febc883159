using IOHFuse.MLNet.Tests.Text;
using IOHFuse.MLNet.Text;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of the clinical-text featurizer with odd attribute values (NaN, ±∞, huge, negative, empty,
/// control characters, unpaired surrogates, non-Latin scripts, very long text): every record featurizes, directly and
/// through the ML.NET mapping, into token ids inside the vocabulary and a 0/1 mask of the configured length.
/// </summary>
[TestClass]
public sealed class FeaturizerFuzzTests
{
    private const int Records = 2400;

    private static ClinicalTextTransformer Fit(MLContext ml, int maximumTokens) =>
        ml.IOHFuse().Transforms.FeaturizeClinicalText(maximumTokens: maximumTokens)
            .Fit(ml.Data.LoadFromEnumerable(new[] { PatientRow.Elderly(), PatientRow.Young(), PatientRow.Unknown() }));

    private static PatientRow RandomRow(Random r) => new()
    {
        Age = FuzzInputs.OddNumber(r),
        Sex = FuzzInputs.OddText(r),
        Height = FuzzInputs.OddNumber(r),
        Weight = FuzzInputs.OddNumber(r),
        Bmi = FuzzInputs.OddNumber(r),
        Asa = FuzzInputs.OddNumber(r),
        Emergency = r.Next(2) == 0,
        Department = FuzzInputs.OddText(r),
        SurgeryType = FuzzInputs.OddText(r),
        SurgeryName = FuzzInputs.OddText(r),
        Approach = FuzzInputs.OddText(r),
        Anesthesia = FuzzInputs.OddText(r),
    };

    private static void CheckTokens(IReadOnlyList<long> ids, IReadOnlyList<float> mask, int length, int vocabulary, string what)
    {
        Assert.HasCount(length, ids, what);
        Assert.HasCount(length, mask, what);
        for (int i = 0; i < length; i++)
        {
            Assert.IsTrue(ids[i] >= 0 && ids[i] < vocabulary, $"{what}: token id {ids[i]} at {i} outside [0, {vocabulary})");
            Assert.IsTrue(mask[i] is 0f or 1f, $"{what}: mask {mask[i]} at {i}");
        }
        Assert.AreEqual(1f, mask[0], $"{what}: every sentence has at least one token");
    }

    [TestMethod]
    public void TestFeaturizeSurvivesOddRecords()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(77);
        int featurized = 0;
        foreach (int maximumTokens in new[] { 1, 16, 80 })
        {
            using var model = Fit(ml, maximumTokens);
            for (int i = 0; i < Records / 3; i++)
            {
                var row = RandomRow(random);
                var record = new ClinicalTextRecord
                {
                    Age = row.Age, Sex = random.Next(5) == 0 ? null : row.Sex, Height = row.Height, Weight = row.Weight, Bmi = row.Bmi, Asa = row.Asa,
                    Emergency = random.Next(3) switch { 0 => null, 1 => true, _ => false },
                    Department = row.Department, SurgeryType = row.SurgeryType, SurgeryName = random.Next(5) == 0 ? null : row.SurgeryName,
                    Approach = row.Approach, Anesthesia = row.Anesthesia,
                };
                var f = model.Featurize(record);
                Assert.IsFalse(string.IsNullOrWhiteSpace(f.Text), $"record {i}");
                CheckTokens(f.TokenIds, f.TokenMask, maximumTokens, model.VocabularySize, $"record {i}, {maximumTokens} tokens");
                featurized++;
            }
        }
        Assert.AreEqual(Records, featurized, "every odd record featurizes");
    }

    [TestMethod]
    public void TestMappingSurvivesOddRows()
    {
        var ml = new MLContext(seed: 1);
        using var model = Fit(ml, 80);
        var random = new Random(78);
        var rows = Enumerable.Range(0, 600).Select(_ => RandomRow(random)).ToList();
        var featurized = ml.Data.CreateEnumerable<FeaturizedRow>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToList();
        Assert.HasCount(rows.Count, featurized);
        for (int i = 0; i < featurized.Count; i++)
            CheckTokens(featurized[i].TokenIds, featurized[i].TokenMask, 80, model.VocabularySize, $"row {i}");

        // The statistics pass reads the same odd rows without failing.
        var stats = model.ComputeStatistics(ml.Data.LoadFromEnumerable(rows));
        Assert.IsNotNull(stats);
    }
}
