using System.Diagnostics;
using System.Text;

namespace IOHFuse.MLNet.Tests.Packaging;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a user would in a terminal: a child process with the test host's MSBuild and NuGet
/// settings removed, and without build servers, so no MSBuild node or compiler server outlives the command while
/// holding this test's output pipes open.
/// </summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet args</c> in <paramref name="workingDirectory"/>; kills it and fails the test after <paramref name="timeout"/>.</summary>
    public static CliResult Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        // The test host runs under `dotnet test`: its MSBuild variables would steer the child's build, and NUGET_PACKAGES
        // would override the consumer's own nuget.config.
        foreach (string name in start.Environment.Keys.ToList())
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.Equals("NUGET_PACKAGES", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"'dotnet {string.Join(' ', args)}' did not finish within {timeout.TotalSeconds:F0} s:{Environment.NewLine}{output}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        lock (output)
            return new CliResult(process.ExitCode, output.ToString(), stopwatch.Elapsed);
    }
}
