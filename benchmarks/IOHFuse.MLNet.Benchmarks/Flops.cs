namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Analytic matmul FLOPs per sample (2·m·n·k per GEMM), computed exactly as the PyTorch reference implementation does, so
/// the achieved GFLOP/s of both sides are comparable: T = 80 text tokens, P = 30 patches, S = 110.
/// </summary>
public static class Flops
{
    private const long T = BenchmarkWindow.TextLength, P = 30, S = T + P, PatchLength = 10, Horizon = BenchmarkWindow.FutureLength;

    /// <summary>Forward FLOPs per sample; <paramref name="pretrain"/> swaps the task heads for the reconstruction head.</summary>
    public static double Forward(ModelSize size, bool pretrain)
    {
        long d = size.Dimension;
        long total = 2 * P * PatchLength * d          // patch embedding
            + 2 * T * d * d + 2 * P * d * (2 * d)     // alignment Q and KV
            + 2 * (2 * T * P * d) + 2 * T * d * d;    // alignment scores, AV, output
        long perLayer = 2 * S * d * (3 * d) + 2 * (2 * S * S * d) + 2 * S * d * d + 2 * (2 * S * d * (4 * d));
        total += size.Layers * perLayer;
        total += pretrain ? 2 * P * d * PatchLength : 2 * (P * d) * Horizon + 2 * d;
        return total;
    }

    /// <summary>Training FLOPs per sample: three times the forward.</summary>
    public static double Train(ModelSize size, bool pretrain) => 3 * Forward(size, pretrain);
}
