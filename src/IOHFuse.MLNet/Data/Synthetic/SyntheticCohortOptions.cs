namespace IOHFuse.MLNet.Data;

/// <summary>
/// Options of <see cref="SyntheticCohortGenerator"/>. The physiological model itself is fixed and documented in
/// docs/synthetic-cohort.md; these options only set the size, seed, sampling, episode and artifact rates.
/// Artifacts are drawn after the artifact-free track from the case's own random stream, so changing an artifact rate
/// leaves the physiology of every case unchanged but re-draws the case's later artifacts.
/// </summary>
public sealed class SyntheticCohortOptions
{
    /// <summary>Number of cases; at least 1, default 300.</summary>
    public int NumberOfCases { get; set; } = 300;

    /// <summary>Seed; the same seed and options give an identical cohort. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Sampling period of the generated tracks in seconds (a numeric monitor's update); positive, default 3.</summary>
    public double SamplePeriodSeconds { get; set; } = 3;

    /// <summary>Shortest recording in hours; positive, default 2. Anaesthesia durations drawn from the surgery type
    /// are clamped to [<see cref="MinimumDurationHours"/>, <see cref="MaximumDurationHours"/>].</summary>
    public double MinimumDurationHours { get; set; } = 2;

    /// <summary>Longest recording in hours; at least <see cref="MinimumDurationHours"/>, default 4. Set both small
    /// (e.g. 1) for fast tests.</summary>
    public double MaximumDurationHours { get; set; } = 4;

    /// <summary>Rate of hypotensive episodes (falls whose cause persists until it passes or is treated) per hour from
    /// induction to emergence for a reference patient (50 years, ASA 1–2, elective, intermediate-risk surgery, no
    /// bleeding); patient and surgery risk multiply it. Events also arise without episodes, when the wander carries a
    /// low maintenance level below 65 mmHg; zero leaves only those. Zero or more, default 0.25 (docs/synthetic-cohort.md).</summary>
    public double BaseEpisodesPerHour { get; set; } = 0.25;

    /// <summary>Line handling that stays in range (blood sampling, a flush seen through the monitor's averaging, the
    /// transducer moved: MAP moves 30–100 mmHg, mostly up, for 20–60 s) per hour. They stay within the plausible range,
    /// so the cleaner removes none of them and they reach windows and labels as they do in real recordings. Zero or more,
    /// default 0.6 (docs/synthetic-cohort.md).</summary>
    public double LineHandlingPerHour { get; set; } = 0.6;

    /// <summary>Arterial-line flushes (≈ 300 mmHg for 6–15 s) per hour; zero or more, default 0.5.</summary>
    public double FlushesPerHour { get; set; } = 0.5;

    /// <summary>Transducer zeroing (≈ 0 mmHg for 10–40 s) per hour; zero or more, default 0.2.</summary>
    public double ZeroingsPerHour { get; set; } = 0.2;

    /// <summary>Flat lines (a frozen value for 60–180 s) per hour; zero or more, default 0.1.</summary>
    public double FlatLinesPerHour { get; set; } = 0.1;

    /// <summary>Missing-data gaps (6 s – 5 min, log-uniform) per hour; zero or more, default 0.4.</summary>
    public double GapsPerHour { get; set; } = 0.4;

    /// <summary>Also generate SBP, DBP and heart-rate tracks; default false (MAP only, less memory).</summary>
    public bool IncludeSecondaryTracks { get; set; }

    /// <summary>Prefix of the generated case ids ("syn0001", ...); default "syn".</summary>
    public string CaseIdPrefix { get; set; } = "syn";

    internal void Validate()
    {
        if (NumberOfCases < 1)
            throw new ArgumentOutOfRangeException(nameof(NumberOfCases), NumberOfCases, "must be at least 1.");
        if (!(SamplePeriodSeconds > 0) || !double.IsFinite(SamplePeriodSeconds))
            throw new ArgumentOutOfRangeException(nameof(SamplePeriodSeconds), SamplePeriodSeconds, "must be positive.");
        if (!(MinimumDurationHours > 0))
            throw new ArgumentOutOfRangeException(nameof(MinimumDurationHours), MinimumDurationHours, "must be positive.");
        if (!(MaximumDurationHours >= MinimumDurationHours) || !double.IsFinite(MaximumDurationHours))
            throw new ArgumentOutOfRangeException(nameof(MaximumDurationHours), MaximumDurationHours,
                $"must be finite and at least {nameof(MinimumDurationHours)} ({MinimumDurationHours}).");
        foreach (var (name, value) in new[] { (nameof(BaseEpisodesPerHour), BaseEpisodesPerHour), (nameof(LineHandlingPerHour), LineHandlingPerHour),
                     (nameof(FlushesPerHour), FlushesPerHour), (nameof(ZeroingsPerHour), ZeroingsPerHour),
                     (nameof(FlatLinesPerHour), FlatLinesPerHour), (nameof(GapsPerHour), GapsPerHour) })
            if (!(value >= 0) || !double.IsFinite(value))
                throw new ArgumentOutOfRangeException(name, value, "must be zero or more.");
        ArgumentNullException.ThrowIfNull(CaseIdPrefix, nameof(CaseIdPrefix));
    }
}
