using System.Globalization;
using IOHFuse.Cli;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Data;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Cli;

/// <summary>The `iohfuse` tool, run in-process: train once, then evaluate, score and bad input.</summary>
[TestClass]
public sealed class CliTests
{
    private static string _dir = string.Empty;
    private static string _model = string.Empty;
    private static string _trainOutput = string.Empty;
    private static int _trainExit;

    [ClassInitialize]
    public static void TrainOnce(TestContext context)
    {
        _dir = Path.Combine(Path.GetTempPath(), "iohfuse-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _model = Path.Combine(_dir, "model.zip");
        (_trainExit, _trainOutput, _) = Run("train", "--cases", "24", "--dimension", "16", "--heads", "2", "--layers", "1",
            "--pretrain-epochs", "1", "--finetune-epochs", "1", "--augment-epochs", "0", "--device", "cpu", "--out", _model);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [TestMethod]
    public void TestHelpListsTheSubcommands()
    {
        var (exit, output, _) = Run("--help");
        Assert.AreEqual(0, exit);
        foreach (string command in new[] { "train", "evaluate", "score" })
            StringAssert.Contains(output, command);
        var (trainExit, trainHelp, _) = Run("train", "--help");
        Assert.AreEqual(0, trainExit);
        StringAssert.Contains(trainHelp, "--horizon");
    }

    [TestMethod]
    public void TestTrainWritesAModel()
    {
        Assert.AreEqual(0, _trainExit, _trainOutput);
        Assert.IsTrue(File.Exists(_model));
        StringAssert.Contains(_trainOutput, "Saved");
        // Weights are in it (tens of KB at the test's tiny width), and no GPT-2-sized embedding (that alone was MBs).
        Assert.IsGreaterThan(20_000L, new FileInfo(_model).Length);
        Assert.IsLessThan(2_000_000L, new FileInfo(_model).Length);
    }

    [TestMethod]
    public void TestEvaluateWritesAReportWithNumbers()
    {
        Assert.AreEqual(0, _trainExit, _trainOutput);
        string report = Path.Combine(_dir, "eval");
        var (exit, output, error) = Run("evaluate", "--model", _model, "--cases", "16", "--seed", "3", "--bootstrap", "20", "--out", report);
        Assert.AreEqual(0, exit, error);
        string text = File.ReadAllText(Path.Combine(report, "report.md"));
        StringAssert.Contains(text, "| Current MAP | 0.");
        StringAssert.Contains(text, "| IOHFuseLM | 0.");
        StringAssert.Contains(output, "IOHFuseLM");
        // For people: the terminal table fits 80 columns, the CIs under the values.
        foreach (string line in output.Split('\n'))
            Assert.IsLessThanOrEqualTo(80, line.TrimEnd('\r').Length, line);
        StringAssert.Contains(output, "95 % CIs (case bootstrap) under each value");
    }

    [TestMethod]
    public void TestScoreReplaysACaseThroughPredictionEngine()
    {
        Assert.AreEqual(0, _trainExit, _trainOutput);
        var ml = new MLContext(1);
        var synthetic = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 1, Seed = 9, MinimumDurationHours = 1, MaximumDurationHours = 1 })[0];
        string casePath = Path.Combine(_dir, "case.csv");
        using (var w = new StreamWriter(casePath))
        {
            w.WriteLine("time_s,map_mmhg");
            for (int i = 0; i < synthetic.Map.Count; i++)
                if (float.IsFinite(synthetic.Map.Values[i]))
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{synthetic.Map.TimesSeconds[i]},{synthetic.Map.Values[i]}"));
        }
        string output = Path.Combine(_dir, "scores.csv");
        var (exit, _, error) = Run("score", "--model", _model, "--case", casePath, "--age", "71", "--sex", "F", "--asa", "3", "--stride", "60", "--out", output);
        Assert.AreEqual(0, exit, error);
        var lines = File.ReadAllLines(output);
        Assert.AreEqual("time_s,map_mmhg,probability,alarm,forecast_min_5min,forecast_mean_5min", lines[0]);
        double hours = synthetic.Map.DurationSeconds / 3600;
        Assert.IsGreaterThan(20, lines.Length - 1, "about one row per minute after the first 15 minutes");
        Assert.IsLessThan(hours * 60, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.HasCount(6, cells);
            double p = double.Parse(cells[2], CultureInfo.InvariantCulture);
            Assert.IsTrue(p is > 0 and < 1, line);
            Assert.IsGreaterThanOrEqualTo(299 * 3.0, double.Parse(cells[0], CultureInfo.InvariantCulture), "no prediction before a full 300-sample history");
        }
        StringAssert.Contains(error, "Scored");
    }

    [TestMethod]
    public void TestBadInputGivesOneLineAndNonZeroExit()
    {
        string garbage = Path.Combine(_dir, "garbage.zip");
        File.WriteAllText(garbage, "not a zip");
        string unsorted = Path.Combine(_dir, "unsorted.csv");
        File.WriteAllText(unsorted, "time_s,map_mmhg\n6,80\n3,81\n");
        var cases = new[]
        {
            (new[] { "train", "--horizon", "7" }, "--horizon"),
            (new[] { "train", "--no-such-option" }, "--no-such-option"),
            (new[] { "train", "--augment-epochs", "-1" }, "--augment-epochs"),
            (new[] { "score", "--model", Path.Combine(_dir, "missing.zip"), "--case", unsorted }, "does not exist"),
            (new[] { "score", "--model", garbage, "--case", unsorted }, "not a readable"),
            (new[] { "score", "--model", _model, "--case", unsorted }, "not sorted"),
            (new[] { "score", "--model", _model, "--case", Path.Combine(_dir, "nope.vital") }, "does not exist"),
            (new[] { "evaluate", "--model", _model, "--data", Path.Combine(_dir, "no-such-folder") }, "does not exist"),
        };
        foreach (var (args, expected) in cases)
        {
            var (exit, _, error) = Run(args);
            string what = string.Join(' ', args);
            Assert.AreNotEqual(0, exit, what);
            StringAssert.Contains(error, expected, what);
            Assert.DoesNotContain("   at ", error, $"no stack trace for: {what}");
            Assert.HasCount(1, error.Trim().Split('\n'), $"one line for: {what}");
        }
    }

    /// <summary>The prediction-time count of a score summary line ("Scored N prediction times ...").</summary>
    internal static int ScoredCount(string summary)
    {
        var match = System.Text.RegularExpressions.Regex.Match(summary, @"Scored ([\d,]+) prediction times");
        Assert.IsTrue(match.Success, summary);
        return int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [TestMethod]
    public void TestScoresTheRealVitalFileFromItsArterialWaveAndSaysSo()
    {
        Assert.AreEqual(0, _trainExit, _trainOutput);
        string path = Helpers.SharedData.RequireFile("QUI12_230718_175152.vital");

        // The numeric MAP track holds 13 samples over 24 s; the arterial wave beside it about 40 valid minutes.
        var (exit, _, error) = Run("score", "--model", _model, "--case", path, "--out", Path.Combine(_dir, "vital.scores.csv"));
        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(error, "MAP from wave 'Demo/ART'");
        StringAssert.Matches(error, new System.Text.RegularExpressions.Regex(@"\b4\d valid min\b"));
        StringAssert.Contains(error, "not used: 'Demo/ART_MBP'");
        StringAssert.Contains(error, "--track");
        Assert.IsGreaterThan(10, ScoredCount(error), error);

        // --track picks the numeric track: named in the output, and too short for any prediction time.
        (exit, _, error) = Run("score", "--model", _model, "--case", path, "--track", "Demo/ART_MBP", "--out", Path.Combine(_dir, "vital-numeric.scores.csv"));
        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(error, "MAP from numeric track 'Demo/ART_MBP'");
        Assert.AreEqual(0, ScoredCount(error), error);

        (exit, _, error) = Run("score", "--model", _model, "--case", path, "--track", "NoSuch");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "there is no track 'NoSuch'");
    }

    [TestMethod]
    public void TestScoresATwentySecondHemoSphereExport()
    {
        // 990 rows at 20 s = 5.5 h, with a units row, extra columns and '---' placeholders; the 3-s model needs
        // 15 min of history, so about 315 of the 330 minutes can be scored.
        Assert.AreEqual(0, _trainExit, _trainOutput);
        string path = Path.Combine(_dir, "hemosphere.csv");
        File.WriteAllText(path, ExportFormTests.HemoSphereExport(990));
        string output = Path.Combine(_dir, "hemosphere.scores.csv");
        var (exit, _, error) = Run("score", "--model", _model, "--case", path, "--out", output);
        Assert.AreEqual(0, exit, error);
        Console.WriteLine(error);
        int scored = ScoredCount(error);
        Assert.AreEqual(scored, File.ReadAllLines(output).Length - 1);
        Assert.IsGreaterThanOrEqualTo(300, scored, error);
        Assert.IsLessThanOrEqualTo(316, scored, error);
        StringAssert.Contains(error, "HPI", "the ignored columns are named");
    }

    [TestMethod]
    public void TestScoresAFolderWithOneOutputPerRecording()
    {
        Assert.AreEqual(0, _trainExit, _trainOutput);
        string input = Path.Combine(_dir, "folder-in"), output = Path.Combine(_dir, "folder-out");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "a.csv"), ExportFormTests.HemoSphereExport(180));
        File.WriteAllText(Path.Combine(input, "b.csv"), ExportFormTests.HemoSphereExport(270).Replace(',', ';'));
        File.WriteAllText(Path.Combine(input, "broken.csv"), "time_s,hr_bpm\n0,70\n");
        var (exit, _, error) = Run("score", "--model", _model, "--data", input, "--out", output);
        Assert.AreEqual(0, exit, error);
        CollectionAssert.AreEquivalent(new[] { "a.scores.csv", "b.scores.csv" }, Directory.GetFiles(output).Select(Path.GetFileName).ToArray());
        var lines = error.Split('\n');
        int a = ScoredCount(lines.Single(l => l.StartsWith("a.csv:", StringComparison.Ordinal)));
        int b = ScoredCount(lines.Single(l => l.StartsWith("b.csv:", StringComparison.Ordinal)));
        Assert.AreEqual(a, File.ReadAllLines(Path.Combine(output, "a.scores.csv")).Length - 1);
        Assert.IsGreaterThan(a, b, "the longer recording has more prediction times");
        StringAssert.Contains(lines.Single(l => l.StartsWith("broken.csv:", StringComparison.Ordinal)), "skipped: ");
        StringAssert.Contains(error, $"Scored {a + b:N0} prediction times in 2 recording(s) (1 unreadable)");
    }
}
