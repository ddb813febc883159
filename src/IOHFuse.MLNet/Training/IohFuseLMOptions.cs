using System.Text.Json.Serialization;
using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet.Training;

/// <summary>Options of the IOHFuseLM trainer (<see cref="IohFuseLMTrainer"/>).</summary>
/// <remarks>The defaults are a small configuration that trains on two CPU cores in minutes; the paper-width
/// configuration is <c>ModelDimension = 768, NumberOfHeads = 12, NumberOfLayers = 3</c>.</remarks>
public sealed class IohFuseLMOptions
{
    /// <summary>Boolean label column (an IOH event starts within the horizon). Default "Label".</summary>
    public string LabelColumnName { get; set; } = IohFuseColumns.Label;

    /// <summary>MAP history column: fixed-size Single vector, mmHg, oldest first. Default "History".</summary>
    public string HistoryColumnName { get; set; } = IohFuseColumns.History;

    /// <summary>Future MAP column (forecast target): fixed-size Single vector, mmHg. Default "Future".
    /// Null disables the forecast loss (the forecast head is then untrained).</summary>
    public string? FutureColumnName { get; set; } = IohFuseColumns.Future;

    /// <summary>Token id column from the clinical-text featurizer (Int64 vector). Default "TokenIds".</summary>
    public string TokenIdsColumnName { get; set; } = IohFuseColumns.TokenIds;

    /// <summary>Token mask column from the clinical-text featurizer (Single vector, 1 = token). Default "TokenMask".</summary>
    public string TokenMaskColumnName { get; set; } = IohFuseColumns.TokenMask;

    /// <summary>Boolean column marking synthetic rows (diffusion augmentation). They are used in stage 1 only.
    /// A missing column means "no synthetic rows". Default "IsSynthetic".</summary>
    public string SyntheticFlagColumnName { get; set; } = IohFuseColumns.IsSynthetic;

    /// <summary>Diffusion augmentation inside Fit; null (default) = none. When set, Fit trains a diffusion generator on the
    /// IOH-positive original rows of its training cases (after the validation cases are held out, so none of their
    /// windows shapes the synthetic ones) and adds <see cref="DiffusionAugmentationOptions.CopiesPerWindow"/> synthetic
    /// variants of each to stage 1 (pretraining) only; stage 2, validation, calibration and the alarm threshold never see
    /// them, and the saved model is the same chain as without augmentation. This is how to augment inside an ordinary
    /// ML.NET pipeline (<c>featurizer.Append(trainer).Fit(train)</c>, <c>CrossValidate</c>): augmentation adds rows, so
    /// it cannot be a step of a pipeline that is saved and scored. The column names in these options are not used (the
    /// trainer augments its own rows); a sample period of 0 takes the model's; the generator runs on the trainer's device
    /// and thread count, stops with its cancellation token, and a null seed is derived from the Fit's seed. Requires
    /// <see cref="FutureColumnName"/>: the generator learns [history | future] windows.</summary>
    public DiffusionAugmentationOptions? Augmentation { get; set; }

    /// <summary>Case (patient) id column, Text. When Fit gets no validation data it holds out whole cases by this
    /// column, so no window of a validation case was seen in training. Default "CaseId".</summary>
    public string CaseIdColumnName { get; set; } = IohFuseColumns.CaseId;

    /// <summary>Fraction of the training cases held out, whole, when Fit is called without validation data
    /// (<c>pipeline.Fit(train)</c>, <c>CrossValidate</c>): they drive early stopping, the epoch-0 guard, Platt
    /// calibration, the forecast-vs-persistence check and the alarm threshold, and synthetic rows made from them are
    /// dropped. 0 trains on every row and fits those on the training rows (optimistic; Fit warns). Ignored when
    /// validation data is given. Default 0.2.</summary>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>Seconds between history samples; stored in the model. 0 (default) reads the history column's
    /// <see cref="IohFuseAnnotations.SamplePeriodSeconds"/> annotation (windows from
    /// <c>mlContext.IOHFuse().Data.CreateWindows</c> carry it); without one, Fit asks for this option.</summary>
    public double SamplePeriodSeconds { get; set; }

    /// <summary>Prediction horizon in minutes; stored in the model. 0 (default) reads the label column's
    /// <see cref="IohFuseAnnotations.HorizonMinutes"/> annotation, else the number in a label name such as "Label10",
    /// else records it as unknown.</summary>
    public double HorizonMinutes { get; set; }

    /// <summary>Whether to use the clinical text branch. False gives the series-only ablation (no token columns needed).</summary>
    public bool UseText { get; set; } = true;

    /// <summary>Samples per MAP patch; must divide the history length. Default 10 (30 patches for 300 samples).</summary>
    public int PatchLength { get; set; } = 10;

    /// <summary>Width of every token. Default 128.</summary>
    public int ModelDimension { get; set; } = 128;

    /// <summary>Attention heads; must divide <see cref="ModelDimension"/>. Default 4.</summary>
    public int NumberOfHeads { get; set; } = 4;

    /// <summary>Transformer blocks in the backbone. Default 3.</summary>
    public int NumberOfLayers { get; set; } = 3;

    /// <summary>Feed-forward width as a multiple of <see cref="ModelDimension"/>. Default 4.</summary>
    public int FeedForwardMultiplier { get; set; } = 4;

    /// <summary>Dropout probability, in [0, 1). Default 0.</summary>
    public double Dropout { get; set; }

    /// <summary>Stage-1 (masked-patch pretraining) epochs; 0 skips stage 1. Default 2.</summary>
    public int PretrainEpochs { get; set; } = 2;

    /// <summary>Stage-2 (fine-tuning) epochs, at least 1. Default 6.</summary>
    public int FineTuneEpochs { get; set; } = 6;

    /// <summary>Rows per optimisation step, at least 1. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>AdamW learning rate of stage 1, positive. Default 1e-3.</summary>
    public double PretrainLearningRate { get; set; } = 1e-3;

    /// <summary>Stage 1 also reconstructs every training window moved forward to end at the horizon (the last
    /// history-length samples of history followed by future), so the backbone sees how the episodes that follow each
    /// prediction time unfold, as the paper pretrains on history and future. Needs the future column; default false.</summary>
    public bool PretrainOnFuture { get; set; }

    /// <summary>AdamW learning rate of stage 2, positive. Default 1e-3.</summary>
    public double FineTuneLearningRate { get; set; } = 1e-3;

    /// <summary>How the stage-2 learning rate changes over the planned steps. Default <see cref="LearningRateSchedule.Cosine"/>.</summary>
    public LearningRateSchedule FineTuneSchedule { get; set; } = LearningRateSchedule.Cosine;

    /// <summary>AdamW decoupled weight decay, non-negative. Default 0.01.</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>Fraction of patches masked in stage 1, in (0, 1). Default 0.2.</summary>
    public double MaskRatio { get; set; } = 0.2;

    /// <summary>Weight of forecast errors on time steps whose true MAP is below 65 mmHg (others weigh 1), at least 1. Default 10.</summary>
    public double HypotensionWeight { get; set; } = 10;

    /// <summary>Weight of the forecast loss (normalised units) in the stage-2 loss, non-negative. Default 1.</summary>
    public double ForecastLossWeight { get; set; } = 1;

    /// <summary>The forecast error stage 2 minimises. Default <see cref="ForecastLoss.SquaredError"/> (the paper's).</summary>
    public ForecastLoss ForecastLoss { get; set; } = ForecastLoss.SquaredError;

    /// <summary>
    /// With validation data that has the future column: if the trained forecast's mean absolute error on the validation
    /// rows is larger than persistence's (the last MAP held constant), the forecast paths are reset so the model
    /// forecasts persistence; <see cref="IohFuseLMTrainingSummary"/> records both errors and the outcome. The IOH score
    /// is unaffected (the forecast paths do not feed it). Default true.
    /// </summary>
    public bool ForecastFallsBackToPersistence { get; set; } = true;

    /// <summary>Weight of the positive class in the binary cross-entropy; 0 (default) = negatives/positives of the
    /// training rows, capped at 20. Probabilities are recalibrated afterwards, so this changes ranking, not calibration.</summary>
    public double PositiveClassWeight { get; set; }

    /// <summary>Boolean label columns trained beside <see cref="LabelColumnName"/> as auxiliary tasks in stage 2, through a
    /// training-only head on the same final state (e.g. the other horizons' labels, "Label10" and "Label15" when the
    /// primary is "Label5"). They give the shared representation more supervision; they are not scored or saved.
    /// Default empty.</summary>
    public IReadOnlyList<string> AuxiliaryLabelColumnNames { get; set; } = [];

    /// <summary>Weight of the auxiliary labels' mean cross-entropy in the stage-2 loss, non-negative. Default 1.</summary>
    public double AuxiliaryLossWeight { get; set; } = 1;

    /// <summary>Weight in the stage-2 loss of the labels of earlier prediction times inside each window, non-negative;
    /// 0 (default) turns them off. The backbone is causal, so the state of patch p has seen the history up to the end of
    /// patch p only: a training-only head reads it and learns whether an event starts within the horizon after that
    /// time, which the window's own history and future tell (same event rule as the windows). Every window then gives a
    /// label per patch instead of one. Series-only models (<see cref="UseText"/> false): aligned text tokens see every
    /// patch. Needs the future column and the label's horizon (annotation, <see cref="HorizonMinutes"/> or a
    /// "Label{minutes}" name). The saved model is unchanged.</summary>
    public double EarlierPredictionTimesLossWeight { get; set; }

    /// <summary>Fine-tune the whole backbone in stage 2 (true) or only LayerNorms, positions, the series embedding, the
    /// alignment and the heads (false, the paper's setting for language-pretrained blocks). Null (default) = frozen when
    /// <see cref="Gpt2WeightsPath"/> gives pretrained blocks, fine-tuned otherwise: freezing randomly initialised blocks
    /// leaves stage 2 tuning heads on random features (the frozen-backbone ablation in docs/reports/real-icu measures it).</summary>
    public bool? UnfreezeBackbone { get; set; }

    /// <summary>Stage-2 epochs without validation AUROC improvement before stopping; 0 disables early stopping.
    /// Used only when a validation set is given. Default 2.</summary>
    public int EarlyStoppingPatience { get; set; } = 2;

    /// <summary>Global gradient-norm clip; 0 disables clipping. Default 1.</summary>
    public double GradientClipNorm { get; set; } = 1.0;

    /// <summary>Calibrated probability at or above which <c>PredictedLabel</c> (the alarm) is true, in (0, 1). Null
    /// (default): chosen at Fit as the highest probability that reaches <see cref="TargetSensitivity"/> on the
    /// validation rows (on the original training rows when no validation set is given), the same rule the forward
    /// evaluation uses, so the alarm a saved model raises is the alarm that was evaluated. Readable after load through
    /// <c>mlContext.IOHFuse().GetModelInfo(model).DecisionThreshold</c>.</summary>
    public float? DecisionThreshold { get; set; }

    /// <summary>Share of the IOH windows the alarm should catch when <see cref="DecisionThreshold"/> is chosen at Fit,
    /// in (0, 1). Default 0.8 (80 % sensitivity, the operating point of the reports).</summary>
    public double TargetSensitivity { get; set; } = 0.8;

    /// <summary>Seed for initialisation, masking and shuffling. Null = drawn from the MLContext's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Compute device. Default <see cref="ComputeDevice.Auto"/>: the GPU only when the MLContext asks for one
    /// (<c>MLContext.GpuDeviceId</c>), with <c>MLContext.FallbackToCpu</c> deciding what happens when none is available.</summary>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>TorchSharp intra-op threads for Fit (process-wide; scoring never changes it); 0 (default) keeps
    /// TorchSharp's default.</summary>
    public int Threads { get; set; }

    /// <summary>Optional GPT-2 safetensors checkpoint (e.g. gpt2/model.safetensors) whose blocks 0..L-1, final
    /// LayerNorm and token embedding initialise the backbone. Requires ModelDimension/NumberOfHeads to match the
    /// checkpoint (768/12 for GPT-2 small). Null (default) trains from scratch.</summary>
    public string? Gpt2WeightsPath { get; set; }

    /// <summary>Cancels training between batches.</summary>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Receives one report per epoch (stage, epoch, loss, validation AUROC).</summary>
    [JsonIgnore]
    public IProgress<IohFuseLMProgress>? Progress { get; set; }

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public void Validate()
    {
        RequireName(LabelColumnName, nameof(LabelColumnName));
        RequireName(HistoryColumnName, nameof(HistoryColumnName));
        RequireName(SyntheticFlagColumnName, nameof(SyntheticFlagColumnName));
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must be in [0, 1).");
        if (ValidationFraction > 0) RequireName(CaseIdColumnName, nameof(CaseIdColumnName));
        if (UseText)
        {
            RequireName(TokenIdsColumnName, nameof(TokenIdsColumnName));
            RequireName(TokenMaskColumnName, nameof(TokenMaskColumnName));
        }
        if (!(SamplePeriodSeconds >= 0) || !double.IsFinite(SamplePeriodSeconds)) throw new ArgumentOutOfRangeException(nameof(SamplePeriodSeconds), SamplePeriodSeconds, "must be 0 (from the data) or positive.");
        if (!(HorizonMinutes >= 0) || !double.IsFinite(HorizonMinutes)) throw new ArgumentOutOfRangeException(nameof(HorizonMinutes), HorizonMinutes, "must be 0 (from the data) or positive.");
        if (PatchLength <= 0) throw new ArgumentOutOfRangeException(nameof(PatchLength), PatchLength, "must be positive.");
        if (ModelDimension <= 0) throw new ArgumentOutOfRangeException(nameof(ModelDimension), ModelDimension, "must be positive.");
        if (NumberOfHeads <= 0 || ModelDimension % NumberOfHeads != 0)
            throw new ArgumentOutOfRangeException(nameof(NumberOfHeads), NumberOfHeads, "must be positive and divide ModelDimension.");
        if (NumberOfLayers <= 0) throw new ArgumentOutOfRangeException(nameof(NumberOfLayers), NumberOfLayers, "must be positive.");
        if (FeedForwardMultiplier <= 0) throw new ArgumentOutOfRangeException(nameof(FeedForwardMultiplier), FeedForwardMultiplier, "must be positive.");
        if (Dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1).");
        if (PretrainEpochs < 0) throw new ArgumentOutOfRangeException(nameof(PretrainEpochs), PretrainEpochs, "must be non-negative.");
        if (FineTuneEpochs < 1) throw new ArgumentOutOfRangeException(nameof(FineTuneEpochs), FineTuneEpochs, "must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be at least 1.");
        if (!(PretrainLearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(PretrainLearningRate), PretrainLearningRate, "must be positive.");
        if (!(FineTuneLearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(FineTuneLearningRate), FineTuneLearningRate, "must be positive.");
        if (!Enum.IsDefined(ForecastLoss)) throw new ArgumentOutOfRangeException(nameof(ForecastLoss), ForecastLoss, "is not a defined loss.");
        if (!Enum.IsDefined(FineTuneSchedule)) throw new ArgumentOutOfRangeException(nameof(FineTuneSchedule), FineTuneSchedule, "is not a defined schedule.");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be non-negative.");
        if (!(MaskRatio > 0 && MaskRatio < 1)) throw new ArgumentOutOfRangeException(nameof(MaskRatio), MaskRatio, "must be in (0, 1).");
        if (!(HypotensionWeight >= 1)) throw new ArgumentOutOfRangeException(nameof(HypotensionWeight), HypotensionWeight, "must be at least 1.");
        if (!(ForecastLossWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(ForecastLossWeight), ForecastLossWeight, "must be non-negative.");
        if (AuxiliaryLabelColumnNames is null) throw new ArgumentNullException(nameof(AuxiliaryLabelColumnNames));
        if (AuxiliaryLabelColumnNames.Any(string.IsNullOrEmpty) || AuxiliaryLabelColumnNames.Contains(LabelColumnName) || AuxiliaryLabelColumnNames.Distinct().Count() != AuxiliaryLabelColumnNames.Count)
            throw new ArgumentException($"must name distinct, non-empty columns other than the label column '{LabelColumnName}'.", nameof(AuxiliaryLabelColumnNames));
        if (!(AuxiliaryLossWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(AuxiliaryLossWeight), AuxiliaryLossWeight, "must be non-negative.");
        if (!(EarlierPredictionTimesLossWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(EarlierPredictionTimesLossWeight), EarlierPredictionTimesLossWeight, "must be non-negative.");
        if (EarlierPredictionTimesLossWeight > 0 && UseText)
            throw new ArgumentException("needs a series-only model (UseText = false): the aligned text tokens attend to every patch, so an earlier patch would see later pressure through them.", nameof(EarlierPredictionTimesLossWeight));
        if (!(PositiveClassWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(PositiveClassWeight), PositiveClassWeight, "must be 0 (auto) or positive.");
        if (EarlyStoppingPatience < 0) throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be non-negative.");
        if (!(GradientClipNorm >= 0)) throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, "must be non-negative.");
        if (DecisionThreshold is float t && !(t > 0 && t < 1)) throw new ArgumentOutOfRangeException(nameof(DecisionThreshold), t, "must be in (0, 1) or null (chosen at Fit).");
        if (!(TargetSensitivity > 0 && TargetSensitivity < 1)) throw new ArgumentOutOfRangeException(nameof(TargetSensitivity), TargetSensitivity, "must be in (0, 1).");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be 0 (default) or positive.");
        if (Augmentation is not null)
        {
            if (FutureColumnName is null)
                throw new ArgumentException($"{nameof(Augmentation)} learns [history | future] windows, so it needs {nameof(FutureColumnName)}.", nameof(Augmentation));
            Augmentation.Validate();
        }
        if (Gpt2WeightsPath is not null && !File.Exists(Gpt2WeightsPath))
            throw new FileNotFoundException($"The GPT-2 safetensors file '{Gpt2WeightsPath}' ({nameof(Gpt2WeightsPath)}) does not exist.", Gpt2WeightsPath);
    }

    private static void RequireName(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException("A column name is required.", name);
    }

    /// <summary>A copy with its own lists and augmentation options (the trainer keeps its own so later edits by the caller
    /// don't change a fitted model).</summary>
    public IohFuseLMOptions Clone()
    {
        var copy = (IohFuseLMOptions)MemberwiseClone();
        copy.AuxiliaryLabelColumnNames = AuxiliaryLabelColumnNames.ToArray();
        copy.Augmentation = Augmentation?.Clone();
        return copy;
    }
}
