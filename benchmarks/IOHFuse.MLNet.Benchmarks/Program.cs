using BenchmarkDotNet.Running;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Entry point. <c>sidebyside [--config small|paper|memory] [--json PATH] ...</c> runs the Stopwatch harness
/// (<see cref="SideBySideHarness"/>); <c>load --model PATH</c> times a saved model.zip from load to first prediction
/// (<see cref="ModelLoadHarness"/>); <c>guard</c> is the regression guard (<see cref="GuardHarness"/>);
/// <c>predict-loop --model PATH</c> is the loop for instruction counts under valgrind (<see cref="PredictLoop"/>);
/// <c>scoring-ab</c> compares the scorer with the network's own forward pass, interleaved (<see cref="ScoringAB"/>);
/// <c>sgemm [THREADS [N]]</c> prints the best n×n sgemm rate of TorchSharp's BLAS; anything else goes to
/// BenchmarkDotNet, e.g. <c>--filter *TrainingStep*</c>.
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
        if (args.Length > 0 && args[0] == "guard")
            return GuardHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "scoring-ab")
            return ScoringAB.Run(args[1..]);
        if (args.Length > 0 && args[0] == "sgemm")
        {
            int threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
            int n = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2048;
            Console.WriteLine($"sgemm {n}^3, {threads} thread(s): best {MatmulPeak.BestGflops(threads, n):F1} GFLOP/s");
            return 0;
        }
        if (args.Length > 0 && args[0] == "predict-loop")
            return PredictLoop.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
