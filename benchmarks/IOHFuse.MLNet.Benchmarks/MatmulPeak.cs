using System.Diagnostics;
using TorchSharp;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>The machine's single-precision GEMM rate through TorchSharp's own BLAS: best of 10 n×n torch.mm calls.</summary>
public static class MatmulPeak
{
    /// <summary>Best GFLOP/s of an n×n×n sgemm with <paramref name="threads"/> intra-op threads.</summary>
    public static double BestGflops(int threads, int n = 2048)
    {
        int before = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            using var scope = torch.NewDisposeScope();
            var a = torch.randn(n, n);
            var b = torch.randn(n, n);
            for (int i = 0; i < 2; i++)
                torch.mm(a, b).Dispose();
            double best = double.MaxValue;
            for (int i = 0; i < 10; i++)
            {
                long start = Stopwatch.GetTimestamp();
                torch.mm(a, b).Dispose();
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            return 2.0 * n * n * (double)n / best / 1e9;
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }
}
