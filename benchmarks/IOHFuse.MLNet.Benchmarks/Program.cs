using BenchmarkDotNet.Running;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Entry point. <c>sidebyside [--config small|paper|memory] [--json PATH] ...</c> runs the Stopwatch harness
/// (<see cref="SideBySideHarness"/>); <c>load --model PATH</c> times a saved model.zip from load to first prediction
/// (<see cref="ModelLoadHarness"/>); <c>adamw</c> times the trainer's step with its AdamW and with TorchSharp's
/// (<see cref="OptimizerHarness"/>); <c>cohort</c> measures the synthetic cohort (<see cref="CohortHarness"/>);
/// <c>augmentation</c> measures the diffusion augmenter (<see cref="AugmentationHarness"/>); anything else goes to
/// BenchmarkDotNet, e.g. <c>--filter *TrainingStep*</c> or <c>--filter *FeaturizerBenchmarks*</c>. None of these runs
/// in the test suite: they are measurements, for an idle machine.
/// </summary>
public static class Program
{
    /// <summary>Runs a harness mode or BenchmarkDotNet.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.FirstOrDefault() switch
        {
            "sidebyside" => SideBySideHarness.Run(args[1..]),
            "load" => ModelLoadHarness.Run(args[1..]),
            "adamw" => OptimizerHarness.Run(args[1..]),
            "cohort" => CohortHarness.Run(args[1..]),
            "augmentation" => AugmentationHarness.Run(args[1..]),
            _ => RunBenchmarkDotNet(args),
        };
    }

    private static int RunBenchmarkDotNet(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
