using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>One input row at the benchmark shapes: 300 MAP samples, a 100-sample future, 80 token positions.</summary>
public sealed class BenchmarkWindow
{
    /// <summary>MAP samples per history window (15 min at 3 s).</summary>
    public const int HistoryLength = 300;

    /// <summary>Forecast length; 100 matches the PyTorch reference implementation in ../shared/bench.</summary>
    public const int FutureLength = 100;

    /// <summary>Token positions per row.</summary>
    public const int TextLength = 80;

    /// <summary>MAP history, mmHg.</summary>
    [VectorType(HistoryLength)]
    public float[] History { get; set; } = Array.Empty<float>();

    /// <summary>Future MAP, mmHg.</summary>
    [VectorType(FutureLength)]
    public float[] Future { get; set; } = Array.Empty<float>();

    /// <summary>IOH label.</summary>
    public bool Label { get; set; }

    /// <summary>Token ids, right-padded with 0.</summary>
    [VectorType(TextLength)]
    public long[] TokenIds { get; set; } = Array.Empty<long>();

    /// <summary>1 for a token, 0 for padding.</summary>
    [VectorType(TextLength)]
    public float[] TokenMask { get; set; } = Array.Empty<float>();
}
