using System.Globalization;
using BenchmarkDotNet.Running;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Entry point. <c>sidebyside [--config small|paper|memory] [--json PATH] ...</c> runs the Stopwatch harness
/// (<see cref="SideBySideHarness"/>); <c>load --model PATH</c> times a saved model.zip from load to first prediction
/// (<see cref="ModelLoadHarness"/>); <c>cohort</c> measures the synthetic cohort (<see cref="CohortHarness"/>);
/// <c>augmentation</c> measures the diffusion augmenter (<see cref="AugmentationHarness"/>); <c>guard</c> is the
/// regression guard (<see cref="GuardHarness"/>); <c>predict-loop --model PATH</c> is the loop for instruction counts
/// under valgrind (<see cref="PredictLoop"/>); <c>scoring-ab</c> compares the scorer with the network's own forward pass,
/// interleaved (<see cref="ScoringAB"/>); <c>sgemm [THREADS [N]]</c> prints the best n×n sgemm rate of TorchSharp's
/// BLAS; anything else goes to BenchmarkDotNet, e.g. <c>--filter *TrainingStep*</c> or
/// <c>--filter *FeaturizerBenchmarks*</c>. None of these runs in the test suite: they are measurements, for an idle
/// machine (the instruction counts and the interleaved A/B also hold on a busy one).
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
            "cohort" => CohortHarness.Run(args[1..]),
            "augmentation" => AugmentationHarness.Run(args[1..]),
            "guard" => GuardHarness.Run(args[1..]),
            "predict-loop" => PredictLoop.Run(args[1..]),
            "scoring-ab" => ScoringAB.Run(args[1..]),
            "sgemm" => Sgemm(args[1..]),
            _ => RunBenchmarkDotNet(args),
        };
    }

    /// <summary>The best n×n sgemm rate of TorchSharp's BLAS: <c>sgemm [THREADS [N]]</c>.</summary>
    private static int Sgemm(string[] args)
    {
        int threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2048;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sgemm {n}^3, {threads} thread(s): best {MatmulPeak.BestGflops(threads, n):F1} GFLOP/s"));
        return 0;
    }

    private static int RunBenchmarkDotNet(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
