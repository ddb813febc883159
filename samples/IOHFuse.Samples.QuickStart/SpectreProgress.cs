using IOHFuse.Experiments;
using Spectre.Console;

namespace IOHFuse.Samples.QuickStart;

/// <summary>Renders the job's stages as Spectre.Console progress tasks (plain lines when output is redirected).</summary>
internal sealed class SpectreProgress(ProgressContext context) : IExperimentProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks = new();

    public void StageStarted(string stage, int totalSteps)
    {
        if (_tasks.ContainsKey(stage)) return;
        var task = context.AddTask(Markup.Escape(stage), maxValue: Math.Max(1, totalSteps));
        task.IsIndeterminate = totalSteps == 0;
        _tasks[stage] = task;
    }

    public void StepCompleted(string stage, int step, string status)
    {
        if (!_tasks.TryGetValue(stage, out var task))
        {
            StageStarted(stage, 0);
            task = _tasks[stage];
        }
        task.Value = step;
        task.Description = Markup.Escape($"{stage}: {status}");
    }

    public void StageCompleted(string stage, string summary)
    {
        if (_tasks.TryGetValue(stage, out var task))
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.Description = Markup.Escape($"{stage}: {summary}");
            task.StopTask();
        }
        else
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(stage)}:[/] {Markup.Escape(summary)}");
        }
    }
}
