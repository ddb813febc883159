namespace IOHFuse.MLNet.Training;

/// <summary>What happened during <see cref="IohFuseLMTrainer.Fit(Microsoft.ML.IDataView, Microsoft.ML.IDataView?)"/>.</summary>
/// <param name="Seed">The seed actually used.</param>
/// <param name="PretrainRows">Rows seen by stage 1 (original + synthetic).</param>
/// <param name="SyntheticRows">Synthetic rows among them (stage 1 only).</param>
/// <param name="FineTuneRows">Original rows used by stage 2.</param>
/// <param name="FineTunePositives">Positive rows among the stage-2 rows.</param>
/// <param name="PretrainLosses">Mean stage-1 loss per epoch.</param>
/// <param name="FineTuneLosses">Mean stage-2 loss per epoch.</param>
/// <param name="ValidationAurocs">Validation AUROC of the stage-2 starting point (index 0) and after each stage-2 epoch
/// (index = epoch); empty without validation data.</param>
/// <param name="BestEpoch">Stage-2 epoch whose weights were kept: 1-based, or 0 when no epoch beat the starting point
/// (IOH logit at the current-MAP rule) on validation data.</param>
/// <param name="PositiveClassWeight">Positive-class weight used in the cross-entropy.</param>
/// <param name="CalibratedOn">"validation" or "training" rows used for Platt calibration.</param>
/// <param name="Duration">Wall-clock training time.</param>
/// <param name="ForecastValidationMae">Mean absolute error (mmHg) of the trained forecast on the validation rows, over the
/// whole forecast length; null without validation data or future column.</param>
/// <param name="PersistenceValidationMae">The same for persistence (last MAP held constant) on the same rows.</param>
/// <param name="ForecastIsPersistence">True when the forecast paths were reset because the trained forecast was worse
/// than persistence on validation (<see cref="IohFuseLMOptions.ForecastFallsBackToPersistence"/>).</param>
public sealed record IohFuseLMTrainingSummary(
    int Seed,
    int PretrainRows,
    int SyntheticRows,
    int FineTuneRows,
    int FineTunePositives,
    IReadOnlyList<double> PretrainLosses,
    IReadOnlyList<double> FineTuneLosses,
    IReadOnlyList<double> ValidationAurocs,
    int BestEpoch,
    double PositiveClassWeight,
    string CalibratedOn,
    TimeSpan Duration,
    double? ForecastValidationMae = null,
    double? PersistenceValidationMae = null,
    bool ForecastIsPersistence = false);
