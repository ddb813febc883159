namespace IOHFuse.MLNet.Training;

/// <summary>
/// The weight of the positive class in a binary cross-entropy when the trainer balances it itself: negatives per
/// positive, capped so that a rare label (a few events among thousands of windows) cannot make single windows dominate a
/// batch's gradient. Shared by the main label, the auxiliary labels and the labels of earlier prediction times, so that
/// every label is balanced by the same rule.
/// </summary>
internal static class ClassWeight
{
    /// <summary>The largest weight given to the positive class.</summary>
    public const double Cap = 20;

    /// <summary>negatives / positives, at most <see cref="Cap"/>; 1 when there are no positives (nothing to weight).</summary>
    public static double Balanced(long negatives, long positives) =>
        positives == 0 ? 1 : Math.Min(Cap, negatives / (double)positives);
}
