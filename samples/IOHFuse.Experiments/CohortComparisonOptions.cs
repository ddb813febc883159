namespace IOHFuse.Experiments;

/// <summary>Options of <see cref="CohortComparison"/>.</summary>
public sealed class CohortComparisonOptions
{
    /// <summary>Synthetic cases generated; at least 10, default 300 (the default cohort).</summary>
    public int NumberOfCases { get; set; } = 300;

    /// <summary>Seed of the synthetic cohort; default 1 (the default cohort).</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Case-bootstrap replicates of the current-MAP AUROC intervals; at least 20, default 50.</summary>
    public int BootstrapReplicates { get; set; } = 50;

    /// <summary>Period at which the synthetic cohort is compared with per-minute recordings, in seconds; default 60.</summary>
    public double ComparisonPeriodSeconds { get; set; } = 60;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (NumberOfCases < 10)
            throw new ArgumentOutOfRangeException(nameof(NumberOfCases), NumberOfCases, "must be at least 10.");
        if (BootstrapReplicates < 20)
            throw new ArgumentOutOfRangeException(nameof(BootstrapReplicates), BootstrapReplicates, "must be at least 20.");
        if (!(ComparisonPeriodSeconds >= 1 && ComparisonPeriodSeconds <= 60 && 60 % ComparisonPeriodSeconds == 0))
            throw new ArgumentOutOfRangeException(nameof(ComparisonPeriodSeconds), ComparisonPeriodSeconds, "must divide 60 s.");
    }
}
