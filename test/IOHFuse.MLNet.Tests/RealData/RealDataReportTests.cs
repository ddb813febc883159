using IOHFuse.Experiments;
using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.RealData;

/// <summary>The real-data report on a small subset of real-icu-map: every method, every seed, a verdict per horizon.
/// (A pipeline test of the report; the figures it reports come from the full run in docs/reports/real-icu.)</summary>
[TestClass]
public sealed class RealDataReportTests
{
    [TestMethod]
    public void TestReportComparesEveryMethodOnTheSameHeldOutPatients()
    {
        using var subset = RealIcuMapSubset.Create(train: 24, validation: 8, test: 8);
        var lines = new List<string>();
        string path = RealDataReport.Run(new MLContext(1), subset.Cases, Path.Combine(subset.Directory, "report"), new RealDataReportOptions
        {
            Horizons = [5],
            Seeds = [1, 2],
            ModelDimension = 16,
            NumberOfHeads = 2,
            NumberOfLayers = 1,
            PretrainEpochs = 0,
            FineTuneEpochs = 1,
            GruEpochs = 1,
            BootstrapReplicates = 20,
            TrainStrideSeconds = 600,
            AugmentationEpochs = 1,
        }, lines.Add);
        string report = File.ReadAllText(path);
        Console.WriteLine(report);
        foreach (string method in new[] { "Current MAP", "MAP + slope logistic regression", "Hand-feature logistic regression", "FastTree on hand features", "GRU (2 × 64)", "IOHFuseLM", RealDataReport.LinearPaths })
            StringAssert.Contains(report, $"| {method} |", method);
        StringAssert.Contains(report, "fixed patient-level split");
        StringAssert.Contains(report, "- **5 min**: IOHFuseLM (mean AUROC 0.");
        // Two seeds give a spread for the stochastic models and one row per seed in the detail table.
        StringAssert.Matches(report, new System.Text.RegularExpressions.Regex(@"\| IOHFuseLM \| 0\.\d{3} ± 0\.\d{3} \|"));
        StringAssert.Matches(report, new System.Text.RegularExpressions.Regex(@"\| GRU \(2 × 64\) \| 2 \| 0\.\d{3} \("));
        Assert.IsTrue(lines.Any(l => l.Contains("GRU epoch 1/1", StringComparison.Ordinal)), "the GRU reports its epochs");
        // The ablations each change one thing and are set against IOHFuseLM's first seed; they never count as the best competitor.
        foreach (string variant in new[] { "IOHFuseLM without pretraining", @"IOHFuseLM, backbone (frozen|fine-tuned) in stage 2", "IOHFuseLM with diffusion augmentation", @"Linear history paths only \(ablation\)" })
            StringAssert.Matches(report, new System.Text.RegularExpressions.Regex($@"\| 5 min \| {variant} \| 0\.\d{{3}} \| [+-]0\.\d{{3}} \|"), variant);
        StringAssert.DoesNotMatch(report, new System.Text.RegularExpressions.Regex(@"best other method, IOHFuseLM "));
        foreach (string versus in new[] { "Current MAP", "FastTree on hand features", "GRU \\(2 × 64\\)" })
            StringAssert.Matches(report, new System.Text.RegularExpressions.Regex($@"\| 5 min \| {versus} \| [+-]0\.\d{{3}} \([+-]0\.\d{{3}} to [+-]0\.\d{{3}}\) \|"), $"paired row versus {versus}");
        StringAssert.Contains(report, "paired 95 % CI (seed 1) of the AUROC margin");
        string folder = Path.GetDirectoryName(path)!;
        foreach (string plot in new[] { "roc-pr-5min.png", "calibration-5min.png", "forecast-5min.png" })
        {
            Assert.IsGreaterThan(1000L, new FileInfo(Path.Combine(folder, plot)).Length, $"{plot} is written");
            StringAssert.Contains(report, $"]({plot})", plot);
        }
    }
}
