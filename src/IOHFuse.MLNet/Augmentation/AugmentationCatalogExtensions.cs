using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet;

/// <summary>The diffusion augmentation entries of <see cref="IOHFuseDataCatalog"/>: a training-time data operation, not a
/// transform (see <see cref="DiffusionAugmentationEstimator"/>; inside a pipeline, use
/// <see cref="Training.IohFuseLMOptions.Augmentation"/>).</summary>
public static class AugmentationCatalogExtensions
{
    /// <summary>
    /// Creates a <see cref="DiffusionAugmentationEstimator"/>: it learns a diffusion model of the windows where
    /// <paramref name="labelColumnName"/> is true and appends <paramref name="copiesPerWindow"/> flagged synthetic copies
    /// of each. A training-time data operation on the training view; it cannot be part of a pipeline.
    /// </summary>
    /// <param name="catalog">The IOHFuse data catalog.</param>
    /// <param name="historyColumnName">MAP history column (known-size Single vector, mmHg).</param>
    /// <param name="futureColumnName">MAP future column (known-size Single vector, mmHg).</param>
    /// <param name="labelColumnName">Boolean label: the rows to learn from and augment, recomputed on synthetic rows.</param>
    /// <param name="syntheticFlagColumnName">Boolean column added to mark synthetic rows.</param>
    /// <param name="copiesPerWindow">Synthetic rows per positive row; zero or more.</param>
    /// <param name="epochs">Training epochs; positive.</param>
    /// <param name="seed">Seed; null draws one from the MLContext.</param>
    /// <param name="labelHorizonMinutes">
    /// Horizon of <paramref name="labelColumnName"/> in minutes; null takes it from the label's name for Label5/Label10/Label15
    /// and 5 minutes otherwise.
    /// </param>
    public static DiffusionAugmentationEstimator DiffusionAugmentation(this IOHFuseDataCatalog catalog,
        string historyColumnName = IohFuseColumns.History,
        string futureColumnName = IohFuseColumns.Future,
        string labelColumnName = IohFuseColumns.Label,
        string syntheticFlagColumnName = IohFuseColumns.IsSynthetic,
        int copiesPerWindow = 2,
        int epochs = 60,
        int? seed = null,
        double? labelHorizonMinutes = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        var options = new DiffusionAugmentationOptions();
        double horizon = labelHorizonMinutes ?? (options.HorizonLabelColumns.TryGetValue(labelColumnName, out double h) ? h : options.LabelHorizonMinutes);
        return catalog.DiffusionAugmentation(new DiffusionAugmentationOptions
        {
            LabelHorizonMinutes = horizon,
            HistoryColumnName = historyColumnName,
            FutureColumnName = futureColumnName,
            LabelColumnName = labelColumnName,
            SourceLabelColumnName = labelColumnName,
            SyntheticFlagColumnName = syntheticFlagColumnName,
            CopiesPerWindow = copiesPerWindow,
            Epochs = epochs,
            Seed = seed,
        });
    }

    /// <summary>Creates a <see cref="DiffusionAugmentationEstimator"/> with full control over its options.</summary>
    /// <param name="catalog">The IOHFuse data catalog.</param>
    /// <param name="options">Options; copied, so later changes do not affect the estimator.</param>
    public static DiffusionAugmentationEstimator DiffusionAugmentation(this IOHFuseDataCatalog catalog, DiffusionAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new DiffusionAugmentationEstimator(catalog.Context, options);
    }
}
