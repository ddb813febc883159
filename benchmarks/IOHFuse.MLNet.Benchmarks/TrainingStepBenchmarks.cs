using BenchmarkDotNet.Attributes;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>One optimisation step (forward + backward + AdamW) at batch 32, per stage and size.</summary>
[Config(typeof(ShortInProcessConfig))]
public class TrainingStepBenchmarks
{
    private TrainingStepRunner? _runner;

    /// <summary>small or paper.</summary>
    [Params("small", "paper")]
    public string Size { get; set; } = "small";

    /// <summary>Stage to time.</summary>
    [Params(TrainingStage.Pretrain, TrainingStage.FineTuneUnfrozen, TrainingStage.FineTuneFrozen)]
    public TrainingStage Stage { get; set; }

    /// <summary>Builds the network and optimizer.</summary>
    [GlobalSetup]
    public void Setup() => _runner = new TrainingStepRunner(ModelSize.Parse(Size), Stage, libraryDefaults: Stage == TrainingStage.FineTuneFrozen);

    /// <summary>One step.</summary>
    [Benchmark]
    public float Step() => _runner!.Step();

    /// <summary>Frees the network.</summary>
    [GlobalCleanup]
    public void Cleanup() => _runner?.Dispose();
}
