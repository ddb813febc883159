namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// Summary statistics of a set of MAP windows, each averaged over the windows (see
/// <see cref="AugmentationQuality.Describe"/>).
/// </summary>
/// <param name="Count">Number of windows.</param>
/// <param name="Mean">Mean MAP of a window, mmHg.</param>
/// <param name="StandardDeviation">Standard deviation of MAP within a window, mmHg.</param>
/// <param name="Minimum">Lowest MAP of a window, mmHg.</param>
/// <param name="Slope">Least-squares slope over the window, mmHg per minute.</param>
/// <param name="Lag1Autocorrelation">Autocorrelation at lag 1 sample of the window after removing its linear trend.</param>
/// <param name="Lag10Autocorrelation">Autocorrelation at lag 10 samples after removing the linear trend.</param>
/// <param name="MeanAbsoluteStep">Mean absolute sample-to-sample change, mmHg (roughness).</param>
public sealed record WindowStatistics(int Count, double Mean, double StandardDeviation, double Minimum, double Slope,
    double Lag1Autocorrelation, double Lag10Autocorrelation, double MeanAbsoluteStep)
{
    /// <summary>One line for logs and docs.</summary>
    public override string ToString() =>
        $"n={Count} mean={Mean:F1} std={StandardDeviation:F2} min={Minimum:F1} slope={Slope:F3}/min acf1={Lag1Autocorrelation:F3} acf10={Lag10Autocorrelation:F3} |step|={MeanAbsoluteStep:F3}";
}
