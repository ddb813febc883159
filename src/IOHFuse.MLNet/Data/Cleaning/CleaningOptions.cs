namespace IOHFuse.MLNet.Data;

/// <summary>Options of <see cref="TrackCleaner"/>: resampling, artifact rules and interpolation for a MAP track.</summary>
/// <remarks>
/// <para><b>Resampling.</b> The output grid has one sample every <see cref="SamplePeriodSeconds"/>. Grid sample k at
/// time g<sub>k</sub> is the mean of the valid raw samples in (g<sub>k</sub> − period, g<sub>k</sub>]: a finer
/// source is averaged within each period, and no grid sample ever uses a raw sample recorded after its own time. A
/// coarser source leaves empty bins between its samples; those are linearly interpolated between measured grid
/// samples that are no more than <see cref="MaximumInterpolationSeconds"/> apart, and longer gaps stay missing.</para>
/// <para><b>Artifacts</b> are judged on the raw samples, before resampling: out-of-range values with a margin around
/// them, and flat lines on fine-grained tracks.</para>
/// </remarks>
public sealed class CleaningOptions
{
    /// <summary>Period of the regular output grid in seconds. Positive; default 3.</summary>
    public double SamplePeriodSeconds { get; set; } = 3;

    /// <summary>
    /// Lowest physiologically possible MAP in mmHg; raw values below it (e.g. a zeroed transducer at ≈ 0) are
    /// artifacts. Default 20.
    /// </summary>
    public float MinimumValidMmHg { get; set; } = 20f;

    /// <summary>
    /// Highest physiologically possible MAP in mmHg; raw values above it (e.g. an arterial-line flush at ≈ 300) are
    /// artifacts. Greater than <see cref="MinimumValidMmHg"/>; default 200.
    /// </summary>
    public float MaximumValidMmHg { get; set; } = 200f;

    /// <summary>
    /// Raw samples within this many seconds before or after an artifact are invalid too, because flushes and zeroing
    /// distort the pressure on their way in and out. Zero or more; default 6.
    /// </summary>
    public double ArtifactMarginSeconds { get; set; } = 6;

    /// <summary>
    /// A run of exactly equal raw values spanning at least this many seconds (first to last sample) is a flat line
    /// (frozen monitor, clotted or damped line) and invalid. Zero disables the rule; default 60.
    /// </summary>
    public double FlatLineSeconds { get; set; } = 60;

    /// <summary>
    /// The flat-line rule applies only to tracks whose median sample interval is at most this many seconds. A beat-to-
    /// beat or few-second monitor value always moves with respiration, so a minute of identical values is an
    /// artifact; 20-s and per-minute averages of a stable patient, rounded to whole mmHg, legitimately repeat for many
    /// minutes (real per-minute ICU recordings hold runs of 30 identical minutes between neighbours 1 mmHg away).
    /// Positive; default 5.
    /// </summary>
    public double FlatLineMaximumIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Two valid raw samples at most this many seconds apart are joined by linear interpolation of the grid samples
    /// between their bins; grid samples between measurements further apart stay missing. 0 (default) chooses per track: the larger of 20 s and twice the
    /// track's median sample interval, so one missing sample of a 20-s or 60-s source is bridged and two are not,
    /// while a 1-Hz or 3-s track is never bridged across more than 20 s (a zeroing with its margins). Zero or more.
    /// </summary>
    public double MaximumInterpolationSeconds { get; set; }

    /// <summary>Copies these options.</summary>
    public CleaningOptions Clone() => (CleaningOptions)MemberwiseClone();

    /// <summary>The interpolation limit for a track whose median raw sample interval is <paramref name="medianIntervalSeconds"/>.</summary>
    internal double InterpolationLimit(double medianIntervalSeconds) =>
        MaximumInterpolationSeconds > 0 ? MaximumInterpolationSeconds
        : Math.Max(20, double.IsFinite(medianIntervalSeconds) ? 2 * medianIntervalSeconds : 0);

    internal void Validate()
    {
        if (!(SamplePeriodSeconds > 0) || !double.IsFinite(SamplePeriodSeconds))
            throw new ArgumentOutOfRangeException(nameof(SamplePeriodSeconds), SamplePeriodSeconds, "must be positive.");
        if (!(MaximumValidMmHg > MinimumValidMmHg))
            throw new ArgumentOutOfRangeException(nameof(MaximumValidMmHg), MaximumValidMmHg,
                $"must be greater than {nameof(MinimumValidMmHg)} ({MinimumValidMmHg}).");
        if (!(ArtifactMarginSeconds >= 0) || !double.IsFinite(ArtifactMarginSeconds))
            throw new ArgumentOutOfRangeException(nameof(ArtifactMarginSeconds), ArtifactMarginSeconds, "must be zero or more.");
        if (!(FlatLineSeconds >= 0) || !double.IsFinite(FlatLineSeconds))
            throw new ArgumentOutOfRangeException(nameof(FlatLineSeconds), FlatLineSeconds, "must be zero or more.");
        if (!(FlatLineMaximumIntervalSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(FlatLineMaximumIntervalSeconds), FlatLineMaximumIntervalSeconds, "must be positive.");
        if (!(MaximumInterpolationSeconds >= 0) || !double.IsFinite(MaximumInterpolationSeconds))
            throw new ArgumentOutOfRangeException(nameof(MaximumInterpolationSeconds), MaximumInterpolationSeconds, "must be zero (automatic) or more.");
    }
}
