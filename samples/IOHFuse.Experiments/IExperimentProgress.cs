namespace IOHFuse.Experiments;

/// <summary>Receives the job's progress so an app can render it (console, log, UI).</summary>
public interface IExperimentProgress
{
    /// <summary>A stage starts; <paramref name="totalSteps"/> is its step count (e.g. epochs) or 0 when unknown.</summary>
    void StageStarted(string stage, int totalSteps);

    /// <summary>A step of the current stage finished, with a short status such as "loss 0.41".</summary>
    void StepCompleted(string stage, int step, string status);

    /// <summary>The current stage finished.</summary>
    void StageCompleted(string stage, string summary);
}
