using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using Microsoft.ML;

namespace IOHFuse.MLNet;

/// <summary>Baseline building blocks on <c>mlContext.IOHFuse().Transforms</c> and <c>.Trainers</c>.</summary>
public static class BaselineCatalogExtensions
{
    /// <summary>
    /// Adds a 15-value "MapFeatures" vector (<see cref="HandFeatures.Names"/>: last MAP; mean/min/slope over 1, 5 and
    /// 15 min; variability; minutes below 70 mmHg; margin to 65 mmHg; squared distance from 75 mmHg) computed from a MAP
    /// history at its sample period. Savable in model.zip.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="historyColumnName">MAP history column (Single vector, oldest first).</param>
    /// <param name="samplePeriodSeconds">Seconds between history samples; 0 (default) reads the column's
    /// <see cref="IohFuseAnnotations.SamplePeriodSeconds"/> annotation at Fit.</param>
    public static HandFeaturesEstimator ExtractMapFeatures(this IOHFuseTransformsCatalog catalog, string historyColumnName = IohFuseColumns.History,
        double samplePeriodSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(historyColumnName);
        if (!(samplePeriodSeconds >= 0) || !double.IsFinite(samplePeriodSeconds))
            throw new ArgumentOutOfRangeException(nameof(samplePeriodSeconds), samplePeriodSeconds, "must be 0 (from the column) or positive.");
        return new HandFeaturesEstimator(catalog.Context, historyColumnName, samplePeriodSeconds);
    }

    /// <summary>
    /// The current-MAP baseline as a scoring chain: Score = −(last MAP), the forward-evaluation reference that
    /// any IOH predictor must beat. Adds "Score".
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="historyColumnName">MAP history column (Single vector).</param>
    /// <param name="samplePeriodSeconds">Seconds between history samples; 0 (default) reads the column's annotation at Fit.</param>
    public static IEstimator<ITransformer> CurrentMapBaseline(this IOHFuseTransformsCatalog catalog, string historyColumnName = IohFuseColumns.History,
        double samplePeriodSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var ml = catalog.Context;
        return catalog.ExtractMapFeatures(historyColumnName, samplePeriodSeconds)
            .Append(ml.Transforms.CustomMapping<CurrentMapScoreInput, CurrentMapScoreOutput>(CurrentMapScoreFactory.Map, CurrentMapScoreFactory.ContractName));
    }
}
