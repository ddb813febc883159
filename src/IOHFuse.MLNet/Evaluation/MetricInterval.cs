namespace IOHFuse.MLNet.Evaluation;

/// <summary>A point estimate with a 95 % case-bootstrap confidence interval.</summary>
/// <param name="Value">Estimate on all windows.</param>
/// <param name="Lower">2.5th percentile over bootstrap replicates.</param>
/// <param name="Upper">97.5th percentile over bootstrap replicates.</param>
public sealed record MetricInterval(double Value, double Lower, double Upper)
{
    /// <inheritdoc />
    public override string ToString() => $"{Value:F3} ({Lower:F3}–{Upper:F3})";
}
