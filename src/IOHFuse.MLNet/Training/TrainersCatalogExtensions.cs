using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;

namespace IOHFuse.MLNet;

/// <summary>Catalog entries for IOHFuseLM on <c>mlContext.IOHFuse().Trainers</c>.</summary>
public static class TrainersCatalogExtensions
{
    /// <summary>IOHFuseLM with the most used settings; see <see cref="IohFuseLMOptions"/> for all.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">Boolean label column.</param>
    /// <param name="historyColumnName">MAP history column (Single vector).</param>
    /// <param name="futureColumnName">Future MAP column (forecast target); null disables the forecast loss.</param>
    /// <param name="pretrainEpochs">Stage-1 epochs (0 skips pretraining).</param>
    /// <param name="fineTuneEpochs">Stage-2 epochs.</param>
    /// <param name="useText">False trains the series-only model.</param>
    public static IohFuseLMTrainer IohFuseLM(this IOHFuseTrainersCatalog catalog,
        string labelColumnName = IohFuseColumns.Label,
        string historyColumnName = IohFuseColumns.History,
        string? futureColumnName = IohFuseColumns.Future,
        int pretrainEpochs = 2,
        int fineTuneEpochs = 6,
        bool useText = true)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.IohFuseLM(new IohFuseLMOptions
        {
            LabelColumnName = labelColumnName,
            HistoryColumnName = historyColumnName,
            FutureColumnName = futureColumnName,
            PretrainEpochs = pretrainEpochs,
            FineTuneEpochs = fineTuneEpochs,
            UseText = useText,
        });
    }

    /// <summary>IOHFuseLM with explicit options.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">Trainer options (copied).</param>
    public static IohFuseLMTrainer IohFuseLM(this IOHFuseTrainersCatalog catalog, IohFuseLMOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new IohFuseLMTrainer(catalog.Context, options);
    }
}
