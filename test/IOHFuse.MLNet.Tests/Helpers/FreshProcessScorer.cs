using System.Diagnostics;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>Runs the Scorer tool in a separate process: a model.zip loaded there shares nothing with the test's objects.</summary>
internal static class FreshProcessScorer
{
    public static string[] Score(MLContext ml, string modelPath, IDataView input)
    {
        string dir = Path.Combine(Path.GetTempPath(), "iohfuse-fresh-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string inputPath = Path.Combine(dir, "input.idv");
            string outputPath = Path.Combine(dir, "scores.txt");
            using (var stream = File.Create(inputPath))
                ml.Data.SaveAsBinary(input, stream, keepHidden: false);
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(ScorerPath());
            start.ArgumentList.Add(modelPath);
            start.ArgumentList.Add(inputPath);
            start.ArgumentList.Add(outputPath);
            using var process = Process.Start(start)!;
            string stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("The fresh-process scorer did not finish within 120 s.");
            }
            Assert.AreEqual(0, process.ExitCode, $"scorer failed: {stderr}");
            return File.ReadAllLines(outputPath);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The scorer built next to this test assembly: test/IOHFuse.MLNet.Tests.Scorer/bin/&lt;config&gt;/&lt;tfm&gt;/.</summary>
    private static string ScorerPath()
    {
        string path = Path.Combine(TestBuild.TestRoot, "IOHFuse.MLNet.Tests.Scorer", "bin", TestBuild.Configuration, TestBuild.TargetFramework, "IOHFuse.MLNet.Tests.Scorer.dll");
        if (!File.Exists(path))
            Assert.Fail($"The scorer tool was not built at '{path}'. Build the solution first.");
        return path;
    }
}
