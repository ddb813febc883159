namespace IOHFuse.MLNet.Data;

/// <summary>Options of <see cref="TrackCleaner"/>: resampling, artifact rules and gap filling for a MAP track.</summary>
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
    /// A run of exactly equal resampled values lasting at least this many seconds (first to last sample) is a
    /// flat line (frozen monitor, clotted or damped line) and invalid. Zero disables the rule; default 60.
    /// </summary>
    public double FlatLineSeconds { get; set; } = 60;

    /// <summary>
    /// Gaps of at most this many seconds of missing samples (count × period) with valid samples on both sides are
    /// filled by linear interpolation; longer gaps stay missing. Zero disables filling; default 15.
    /// </summary>
    public double MaximumGapFillSeconds { get; set; } = 15;

    /// <summary>Copies these options.</summary>
    public CleaningOptions Clone() => (CleaningOptions)MemberwiseClone();

    internal void Validate()
    {
        if (!(SamplePeriodSeconds > 0) || !double.IsFinite(SamplePeriodSeconds))
            throw new ArgumentOutOfRangeException(nameof(SamplePeriodSeconds), SamplePeriodSeconds, "must be positive.");
        if (!(MaximumValidMmHg > MinimumValidMmHg))
            throw new ArgumentOutOfRangeException(nameof(MaximumValidMmHg), MaximumValidMmHg,
                $"must be greater than {nameof(MinimumValidMmHg)} ({MinimumValidMmHg}).");
        if (!(ArtifactMarginSeconds >= 0))
            throw new ArgumentOutOfRangeException(nameof(ArtifactMarginSeconds), ArtifactMarginSeconds, "must be zero or more.");
        if (!(FlatLineSeconds >= 0))
            throw new ArgumentOutOfRangeException(nameof(FlatLineSeconds), FlatLineSeconds, "must be zero or more.");
        if (!(MaximumGapFillSeconds >= 0))
            throw new ArgumentOutOfRangeException(nameof(MaximumGapFillSeconds), MaximumGapFillSeconds, "must be zero or more.");
    }
}
