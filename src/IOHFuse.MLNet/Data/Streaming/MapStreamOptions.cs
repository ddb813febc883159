namespace IOHFuse.MLNet.Data;

/// <summary>Options of <see cref="MapStream"/>.</summary>
public sealed class MapStreamOptions
{
    /// <summary>Seconds between prediction times; a positive whole number of the model's sample periods. Default 60.</summary>
    public double StrideSeconds { get; set; } = 60;

    /// <summary>A prediction is skipped when more than this fraction of its history is missing after cleaning; in [0, 1],
    /// default 0.1 (the same rule as training windows). The value at the prediction time itself must be known.</summary>
    public double MaximumInvalidFraction { get; set; } = 0.1;

    /// <summary>Artifact and interpolation rules; defaults when null. Its sample period is replaced by the model's.</summary>
    public CleaningOptions? Cleaning { get; set; }

    /// <summary>Copies these options.</summary>
    public MapStreamOptions Clone() => (MapStreamOptions)MemberwiseClone();
}
