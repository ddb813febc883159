using System.Globalization;
using IOHFuse.Experiments;

namespace IOHFuse.Samples.QuickStart;

/// <summary>
/// The job's progress as plain log lines, for output that is not a terminal (a file, a CI log): one line per stage
/// start, per step (each epoch with its loss and validation AUROC) and per stage end, each with the elapsed time, and
/// no redrawn bars.
/// </summary>
internal sealed class PlainProgress(TextWriter output) : IExperimentProgress
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Dictionary<string, int> _totals = new();

    public void StageStarted(string stage, int totalSteps)
    {
        // The job may announce a stage twice (before and after it knows the step count): one line is enough.
        bool repeated = _totals.ContainsKey(stage);
        _totals[stage] = Math.Max(totalSteps, _totals.GetValueOrDefault(stage));
        if (repeated)
            return;
        Write(totalSteps > 0 ? $"{stage}: started ({totalSteps} epochs)" : $"{stage}: started");
    }

    public void StepCompleted(string stage, int step, string status) =>
        Write(_totals.GetValueOrDefault(stage) is int total and > 0 ? $"{stage} [{step}/{total}]: {status}" : $"{stage}: {status}");

    public void StageCompleted(string stage, string summary) => Write($"{stage}: done, {summary}");

    private void Write(string line) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1} s] {line}"));
}
