using IOHFuse.MLNet.Training;

namespace IOHFuse.Experiments;

/// <summary>Settings of the end-to-end job. The defaults are the README's quick run.</summary>
public sealed class ExperimentOptions
{
    /// <summary>Synthetic cases to generate when no cases are given.</summary>
    public int NumberOfCases { get; set; } = 120;

    /// <summary>Seed for the cohort, split, augmentation and training.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Window stride in seconds for training windows.</summary>
    public double TrainStrideSeconds { get; set; } = 120;

    /// <summary>Window stride in seconds for validation and test windows.</summary>
    public double EvaluationStrideSeconds { get; set; } = 60;

    /// <summary>Horizons (minutes) to evaluate; each gets its own IOHFuseLM model.</summary>
    public IReadOnlyList<int> Horizons { get; set; } = new[] { 5 };

    /// <summary>Also train the ablations (no text, no augmentation, no pretraining).</summary>
    public bool Ablations { get; set; }

    /// <summary>Fraction of cases held out for validation (threshold, early stopping, calibration).</summary>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>Fraction of cases held out for the test report.</summary>
    public double TestFraction { get; set; } = 0.25;

    /// <summary>Width of the fused model.</summary>
    public int ModelDimension { get; set; } = 64;

    /// <summary>Attention heads.</summary>
    public int NumberOfHeads { get; set; } = 4;

    /// <summary>Backbone layers.</summary>
    public int NumberOfLayers { get; set; } = 2;

    /// <summary>Stage-1 epochs.</summary>
    public int PretrainEpochs { get; set; } = 1;

    /// <summary>Stage-2 epochs.</summary>
    public int FineTuneEpochs { get; set; } = 3;

    /// <summary>Clinical-text tokens per row.</summary>
    public int MaximumTokens { get; set; } = 64;

    /// <summary>Diffusion augmenter epochs (0 disables augmentation everywhere).</summary>
    public int AugmentationEpochs { get; set; } = 30;

    /// <summary>Synthetic copies per real IOH window.</summary>
    public int CopiesPerWindow { get; set; } = 2;

    /// <summary>Bootstrap replicates for the confidence intervals.</summary>
    public int BootstrapReplicates { get; set; } = 200;

    /// <summary>Compute device.</summary>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>TorchSharp threads (0 = default).</summary>
    public int Threads { get; set; }

    /// <summary>Cancels the job.</summary>
    public CancellationToken CancellationToken { get; set; }
}
