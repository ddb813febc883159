namespace IOHFuse.MLNet.Evaluation;

/// <summary>Differences between two methods on the same held-out windows (first minus second), each with a 95 %
/// paired case-bootstrap interval (<see cref="ForwardEvaluator.Compare"/>).</summary>
/// <param name="AurocDifference">Difference in AUROC.</param>
/// <param name="AuprcDifference">Difference in AUPRC.</param>
public sealed record PairedComparison(MetricInterval AurocDifference, MetricInterval AuprcDifference)
{
    /// <summary>True when the AUROC interval lies wholly above zero.</summary>
    public bool AurocHigher => AurocDifference.Lower > 0;

    /// <summary>True when the AUPRC interval lies wholly above zero.</summary>
    public bool AuprcHigher => AuprcDifference.Lower > 0;
}
