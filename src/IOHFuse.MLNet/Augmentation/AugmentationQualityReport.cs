namespace IOHFuse.MLNet.Augmentation;

/// <summary>Real versus synthetic windows: distribution statistics and a discriminative score.</summary>
/// <param name="Real">Statistics of the real windows.</param>
/// <param name="Synthetic">Statistics of the synthetic windows.</param>
/// <param name="DiscriminatorAccuracy">
/// Held-out accuracy of a logistic regression trained on per-window features to tell real from synthetic, on balanced
/// classes: 0.5 means indistinguishable, 1.0 means trivially told apart.
/// </param>
/// <param name="DiscriminatorAuc">Held-out AUROC of the same classifier (0.5 = indistinguishable).</param>
/// <param name="TestCount">Number of held-out windows the discriminator was scored on.</param>
public sealed record AugmentationQualityReport(WindowStatistics Real, WindowStatistics Synthetic, double DiscriminatorAccuracy,
    double DiscriminatorAuc, int TestCount);
