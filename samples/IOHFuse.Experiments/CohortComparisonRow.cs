namespace IOHFuse.Experiments;

/// <summary>One row of the synthetic-versus-reference table.</summary>
/// <param name="Group">Section of the table (level, changes, events, ...).</param>
/// <param name="Statistic">What is measured, with its period and unit.</param>
/// <param name="Synthetic">The synthetic cohort's value (at the period the statistic names).</param>
/// <param name="Reference">The reference value.</param>
/// <param name="ReferenceSource">Where the reference comes from ("real-icu-map at 60 s" or a publication).</param>
/// <param name="Tolerance">The accepted distance; null for rows reported for information only.</param>
/// <param name="SyntheticNative">The synthetic cohort's value at its native period, where it means something; else NaN.</param>
/// <param name="Format">Number format of the values ("F1", "F3", "P0", ...).</param>
public sealed record CohortComparisonRow(string Group, string Statistic, double Synthetic, double Reference, string ReferenceSource,
    Tolerance? Tolerance, double SyntheticNative, string Format)
{
    /// <summary>True or false against the tolerance; null for information rows.</summary>
    public bool? Passes => Tolerance?.Accepts(Synthetic, Reference);
}
