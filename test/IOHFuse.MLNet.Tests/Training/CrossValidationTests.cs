using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>IOHFuse estimators inside ML.NET's own cross-validation, folds grouped by case.</summary>
[TestClass]
public sealed class CrossValidationTests
{
    [TestMethod]
    public void TestCrossValidateByCaseGroupKeepsCasesInOneFold()
    {
        var ml = new MLContext(seed: 1);
        var cohort = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 24, Seed = 2, MinimumDurationHours = 1.5, MaximumDurationHours = 2 });
        var windows = ml.Data.Cache(ml.IOHFuse().Data.CreateWindows(cohort, new WindowOptions { StrideSeconds = 180 }));
        var pipeline = ml.IOHFuse().Transforms.FeaturizeClinicalText(maximumTokens: 32)
            .Append(ml.Transforms.CopyColumns("MapHistory", IohFuseColumns.History))
            .Append(ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
            {
                HistoryColumnName = "MapHistory",
                ModelDimension = 16,
                NumberOfHeads = 2,
                NumberOfLayers = 1,
                PretrainEpochs = 0,
                FineTuneEpochs = 1,
                Seed = 1,
                Device = ComputeDevice.Cpu,
            }));

        var folds = ml.BinaryClassification.CrossValidate(windows, pipeline, numberOfFolds: 2,
            labelColumnName: IohFuseColumns.Label, samplingKeyColumnName: IohFuseColumns.CaseId, seed: 1);

        Assert.HasCount(2, folds);
        var casesPerFold = folds.Select(f => ml.Data.CreateEnumerable<CaseRow>(f.ScoredHoldOutSet, reuseRowObject: false).Select(r => r.CaseId).ToHashSet()).ToList();
        Assert.IsFalse(casesPerFold[0].Overlaps(casesPerFold[1]), "a case must not be held out in two folds");
        Assert.AreEqual(cohort.Count(c => casesPerFold[0].Contains(c.CaseId) || casesPerFold[1].Contains(c.CaseId)), casesPerFold[0].Count + casesPerFold[1].Count);
        foreach (var fold in folds)
        {
            Assert.IsGreaterThan(0.5, fold.Metrics.AreaUnderRocCurve, "each fold's model must rank better than chance");
            Assert.IsFalse(double.IsNaN(fold.Metrics.LogLoss));
        }
    }

    private sealed class CaseRow
    {
        public string CaseId { get; set; } = string.Empty;
    }
}
