using System.CommandLine;
using IOHFuse.Experiments;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;

namespace IOHFuse.Cli;

/// <summary>The `iohfuse` command line: train, evaluate and score IOHFuseLM models.</summary>
public static class CliApp
{
    /// <summary>Runs the tool; returns the process exit code (0 ok, 1 unexpected error, 2 bad input).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("IOHFuse.MLNet: forecast intraoperative hypotension from arterial pressure and clinical text.");
        root.Subcommands.Add(TrainCommand.Create(stdout));
        root.Subcommands.Add(EvaluateCommand.Create(stdout));
        root.Subcommands.Add(ScoreCommand.Create(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Create(stdout));
        root.Subcommands.Add(CohortCompareCommand.Create(stdout));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {parse.Errors[0].Message} (see --help)");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliError ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
                                       or FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            // Known failure kinds from readers, model loading and scoring: one line, no stack trace.
            stderr.WriteLine($"error: {OneLine(ex)}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled.");
            return 130;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"unexpected error: {ex.GetType().Name}: {OneLine(ex)}");
            return 1;
        }
    }

    internal static ComputeDevice ParseDevice(string value) => value.ToLowerInvariant() switch
    {
        "auto" => ComputeDevice.Auto,
        "cpu" => ComputeDevice.Cpu,
        "cuda" => ComputeDevice.Cuda,
        _ => throw new CliError($"--device must be auto, cpu or cuda (got '{value}')."),
    };

    /// <summary>auto → null, on → true, off → false.</summary>
    internal static bool? ParseSwitch(string value, string option) => value.ToLowerInvariant() switch
    {
        "auto" => null,
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        _ => throw new CliError($"{option} must be auto, on or off (got '{value}')."),
    };

    /// <summary>The model's time base and inputs for the loaded recordings; errors become one line.</summary>
    internal static DataProfile Profile(CaseSource.Loaded loaded, double? period, double? historyMinutes, bool? useText)
    {
        try
        {
            return DataProfile.Infer(loaded.Cases, loaded.MedianIntervalSeconds, period, historyMinutes, useText);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CliError(ex.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary>Why windows were dropped, in one phrase.</summary>
    internal static string DropSummary(WindowingStatistics s) =>
        $"{s.Candidates} candidates: {s.SkippedEventInProgress} inside an event, {s.DroppedInvalidHistory} with too much missing history, " +
        $"{s.DroppedInvalidFuture} with too much missing future, {s.DroppedIncompleteHorizon} without a full horizon";

    internal static int RequireHorizon(int horizon) =>
        horizon is 5 or 10 or 15 ? horizon : throw new CliError($"--horizon must be 5, 10 or 15 minutes (got {horizon}).");

    /// <summary>The innermost message, on one line (ML.NET wraps loader errors).</summary>
    private static string OneLine(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null && inner is System.Reflection.TargetInvocationException or AggregateException)
            inner = inner.InnerException;
        string message = inner.Message;
        if (inner != ex.InnerException && ex.InnerException is { } cause && !message.Contains(cause.Message, StringComparison.Ordinal))
            message += " (" + cause.Message + ")";
        return message.ReplaceLineEndings(" ");
    }
}
