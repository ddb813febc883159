namespace IOHFuse.MLNet.Evaluation;

/// <summary>Options of <see cref="ForwardEvaluator"/>.</summary>
public sealed class ForwardEvaluationOptions
{
    /// <summary>Bootstrap replicates (cases resampled with replacement), at least 20. Default 200.</summary>
    public int BootstrapReplicates { get; set; } = 200;

    /// <summary>Sensitivity the alarm threshold targets on the validation cases, in (0, 1). Default 0.8.</summary>
    public double TargetSensitivity { get; set; } = 0.8;

    /// <summary>Seconds of monitoring one window stands for (the windowing stride), positive; used for alarms per hour. Default 60.</summary>
    public double StrideSeconds { get; set; } = 60;

    /// <summary>Bootstrap seed. Default 17.</summary>
    public int Seed { get; set; } = 17;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (BootstrapReplicates < 20) throw new ArgumentOutOfRangeException(nameof(BootstrapReplicates), BootstrapReplicates, "must be at least 20.");
        if (!(TargetSensitivity > 0 && TargetSensitivity < 1)) throw new ArgumentOutOfRangeException(nameof(TargetSensitivity), TargetSensitivity, "must be in (0, 1).");
        if (!(StrideSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(StrideSeconds), StrideSeconds, "must be positive.");
    }
}
