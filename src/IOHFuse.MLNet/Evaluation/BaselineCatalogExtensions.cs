using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>Baseline building blocks on <c>mlContext.IOHFuse().Transforms</c> and <c>.Trainers</c>.</summary>
public static class BaselineCatalogExtensions
{
    /// <summary>
    /// Adds a 14-value "MapFeatures" vector (last MAP; mean/min/slope over 1, 5 and 15 min; variability; minutes
    /// below 70 mmHg; margin to 65 mmHg) computed from a 3-second MAP history. Savable in model.zip.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="historyColumnName">MAP history column (Single vector, 3 s period).</param>
    public static IEstimator<ITransformer> ExtractMapFeatures(this IOHFuseTransformsCatalog catalog, string historyColumnName = IohFuseColumns.History)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(historyColumnName);
        var ml = catalog.Context;
        return ml.Transforms.CopyColumns("__IOHFuse_HandHistory", historyColumnName)
            .Append(ml.Transforms.CustomMapping<HandFeaturesInput, HandFeaturesOutput>(HandFeaturesMappingFactory.Map, HandFeaturesMappingFactory.ContractName))
            .Append(ml.Transforms.DropColumns("__IOHFuse_HandHistory"));
    }

    /// <summary>
    /// The current-MAP baseline as a scoring chain: Score = −(last MAP), the forward-evaluation reference that
    /// any IOH predictor must beat. Adds "Score".
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="historyColumnName">MAP history column (Single vector, 3 s period).</param>
    public static IEstimator<ITransformer> CurrentMapBaseline(this IOHFuseTransformsCatalog catalog, string historyColumnName = IohFuseColumns.History)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var ml = catalog.Context;
        return catalog.ExtractMapFeatures(historyColumnName)
            .Append(ml.Transforms.CustomMapping<CurrentMapScoreInput, CurrentMapScoreOutput>(CurrentMapScoreFactory.Map, CurrentMapScoreFactory.ContractName));
    }
}
