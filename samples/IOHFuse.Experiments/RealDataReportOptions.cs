using IOHFuse.MLNet.Training;

namespace IOHFuse.Experiments;

/// <summary>Options of <see cref="RealDataReport"/>. The defaults are the configuration docs/reports/real-icu reports, and
/// `iohfuse train --data` trains with the same IOHFuseLM settings and strides (one recipe, so the model a user trains is
/// the model the report judged).</summary>
public sealed class RealDataReportOptions
{
    /// <summary>Horizons in minutes (a subset of 5, 10, 15).</summary>
    public IReadOnlyList<int> Horizons { get; set; } = [5, 10, 15];

    /// <summary>Training seeds of the stochastic models (IOHFuseLM, GRU); at least one. Baselines are deterministic.</summary>
    public IReadOnlyList<int> Seeds { get; set; } = [1, 2, 3];

    /// <summary>Seconds between training windows (4 min at a 60-s period keeps one epoch near half a minute).</summary>
    public double TrainStrideSeconds { get; set; } = 240;

    /// <summary>Seconds between validation windows (epoch selection and the alarm threshold).</summary>
    public double ValidationStrideSeconds { get; set; } = 180;

    /// <summary>Seconds between test windows (the reported figures).</summary>
    public double TestStrideSeconds { get; set; } = 60;

    /// <summary>IOHFuseLM width.</summary>
    public int ModelDimension { get; set; } = 64;

    /// <summary>IOHFuseLM history samples per patch; 0 = the data's default (<see cref="DataProfile.PatchFor"/>). Must
    /// divide the history length.</summary>
    public int PatchLength { get; set; }

    /// <summary>IOHFuseLM attention heads.</summary>
    public int NumberOfHeads { get; set; } = 4;

    /// <summary>IOHFuseLM transformer layers.</summary>
    public int NumberOfLayers { get; set; } = 2;

    /// <summary>IOHFuseLM stage-1 epochs.</summary>
    public int PretrainEpochs { get; set; } = 1;

    /// <summary>IOHFuseLM stage-2 epochs (the best on validation is kept).</summary>
    public int FineTuneEpochs { get; set; } = 6;

    /// <summary>IOHFuseLM mini-batch size (both stages).</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>IOHFuseLM stage-2 learning rate.</summary>
    public double FineTuneLearningRate { get; set; } = 2e-3;

    /// <summary>IOHFuseLM stage-2 learning-rate schedule.</summary>
    public LearningRateSchedule FineTuneSchedule { get; set; } = LearningRateSchedule.Cosine;

    /// <summary>IOHFuseLM forecast loss.</summary>
    public ForecastLoss ForecastLoss { get; set; } = ForecastLoss.SquaredError;

    /// <summary>IOHFuseLM forecast-loss weight of hypotensive target steps (1 = plain MSE).</summary>
    public double HypotensionWeight { get; set; } = 1;

    /// <summary>IOHFuseLM weight of the positive class in the cross-entropy (0 = negatives/positives, capped at 20).</summary>
    public double PositiveClassWeight { get; set; }

    /// <summary>IOHFuseLM weight of the forecast loss beside the cross-entropy (0 = classification only).</summary>
    public double ForecastLossWeight { get; set; } = 1;

    /// <summary>Train IOHFuseLM with the other horizons' labels as auxiliary tasks (<c>IohFuseLMOptions.AuxiliaryLabelColumnNames</c>).</summary>
    public bool AuxiliaryHorizons { get; set; }

    /// <summary>IOHFuseLM's weight of the labels of earlier prediction times inside each window
    /// (<c>IohFuseLMOptions.EarlierPredictionTimesLossWeight</c>); 0 = off. On by default: on real-icu-map at 5 min it
    /// raised IOHFuseLM's AUPRC over three seeds from 0.450 to 0.462 at the same windows (docs/reports/real-icu/experiments.md).</summary>
    public double EarlierTimesWeight { get; set; } = 1;

    /// <summary>IOHFuseLM stage 1 also reconstructs windows moved forward to the horizon (<c>IohFuseLMOptions.PretrainOnFuture</c>).</summary>
    public bool PretrainOnFuture { get; set; }

    /// <summary>GRU baseline epochs (the best on validation is kept).</summary>
    public int GruEpochs { get; set; } = 4;

    /// <summary>Fine-tune IOHFuseLM's whole backbone in stage 2 (<c>IohFuseLMOptions.UnfreezeBackbone</c>); the
    /// library's default without GPT-2 weights, which the report never has.</summary>
    public bool UnfreezeBackbone { get; set; } = true;

    /// <summary>Train and report the ML.NET baselines (current MAP is always reported: it is the floor).</summary>
    public bool IncludeBaselines { get; set; } = true;

    /// <summary>Train and report the GRU baseline.</summary>
    public bool IncludeGru { get; set; } = true;

    /// <summary>Run IOHFuseLM's ablations (without pretraining, the other backbone setting, with diffusion augmentation)
    /// with the first seed at <see cref="AblationHorizons"/>. The linear-paths ablation is cheap and always runs with the baselines.</summary>
    public bool Ablations { get; set; } = true;

    /// <summary>Horizons at which the IOHFuseLM ablations run.</summary>
    public IReadOnlyList<int> AblationHorizons { get; set; } = [5];

    /// <summary>Diffusion-augmenter epochs in the augmentation ablation.</summary>
    public int AugmentationEpochs { get; set; } = 10;

    /// <summary>Case-bootstrap replicates of the 95 % CIs.</summary>
    public int BootstrapReplicates { get; set; } = 200;
}
