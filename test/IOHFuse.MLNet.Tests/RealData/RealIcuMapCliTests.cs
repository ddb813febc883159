using IOHFuse.MLNet.Tests.Cli;
using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.RealData;

/// <summary>`iohfuse train --data` and `iohfuse score --data` on real per-minute ICU recordings as they are (a subset of
/// ../shared/data/real-icu-map with its manifest), with no option but the output: the defaults must suit that data.</summary>
[TestClass]
public sealed class RealIcuMapCliTests
{
    [TestMethod]
    public void TestTrainAndScoreARealFolderWithDefaults()
    {
        using var subset = RealIcuMapSubset.Create(train: 40, validation: 10, test: 10);
        string model = Path.Combine(subset.Directory, "model.zip");
        var (trainExit, trainOutput, trainError) = CliTests.Run("train", "--data", subset.Cases, "--out", model);
        Console.WriteLine(trainOutput);
        Assert.AreEqual(0, trainExit, trainError + trainOutput);
        StringAssert.Contains(trainOutput, "60 s period, 60 min history", "period and history inferred from the per-minute files");
        StringAssert.Contains(trainOutput, "series only");
        StringAssert.Contains(trainOutput, "fixed patient-level split of manifest.csv");
        StringAssert.Contains(trainOutput, "Cases: 40 train, 10 validation (10 test recordings left out)");
        // The model a user trains with no option is the one docs/reports/real-icu judged: the report's recipe.
        var recipe = new IOHFuse.Experiments.RealDataReportOptions();
        StringAssert.Contains(trainOutput, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{recipe.PretrainEpochs} + {recipe.FineTuneEpochs} epochs, batch {recipe.BatchSize}, learning rate {recipe.FineTuneLearningRate:G3} ({recipe.FineTuneSchedule.ToString().ToLowerInvariant()}), forecast loss {recipe.ForecastLoss}{(recipe.EarlierTimesWeight > 0 ? ", labels of earlier prediction times" : "")} (the real-data report's recipe)"));

        var info = new MLContext(0).IOHFuse().GetModelInfo(new MLContext(0).Model.Load(model, out _));
        Assert.AreEqual(60, info.SamplePeriodSeconds);
        Assert.AreEqual(60, info.HistoryLength);
        Assert.AreEqual(5, info.HorizonMinutes);

        string scores = Path.Combine(subset.Directory, "scores");
        var (scoreExit, _, scoreError) = CliTests.Run("score", "--model", model, "--data", subset.Cases, "--out", scores);
        Console.WriteLine(scoreError);
        Assert.AreEqual(0, scoreExit, scoreError);
        Assert.HasCount(60, Directory.GetFiles(scores, "*.scores.csv"));
        // 11-h recordings, one prediction a minute after the first hour: about 600 each unless MAP is missing.
        int total = CliTests.ScoredCount(scoreError.Split('\n').Single(l => l.StartsWith("Scored ", StringComparison.Ordinal)));
        Assert.IsGreaterThan(60 * 400, total, scoreError);
        StringAssert.Contains(scoreError, "(0 unreadable)");
    }
}
