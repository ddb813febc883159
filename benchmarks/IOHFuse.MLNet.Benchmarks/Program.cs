using BenchmarkDotNet.Running;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Entry point. <c>sidebyside [--config small|paper|memory] [--json PATH] ...</c> runs the Stopwatch harness
/// (<see cref="SideBySideHarness"/>); <c>load --model PATH</c> times a saved model.zip from load to first prediction
/// (<see cref="ModelLoadHarness"/>); anything else goes to BenchmarkDotNet, e.g. <c>--filter *TrainingStep*</c>.
/// The featurizer throughput benchmark belongs with the featurizer and is not part of this project.
/// </summary>
public static class Program
{
    /// <summary>Runs the harness or BenchmarkDotNet.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "sidebyside")
            return SideBySideHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "load")
            return ModelLoadHarness.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
