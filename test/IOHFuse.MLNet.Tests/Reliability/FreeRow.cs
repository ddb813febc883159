using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>A scoring input whose vectors have no declared size, so a caller can pass any length (as an app with
/// <c>float[]</c> properties without <c>[VectorType(n)]</c> does).</summary>
internal sealed class FreeRow
{
    [VectorType]
    public float[] History { get; set; } = Array.Empty<float>();

    [VectorType]
    public long[] TokenIds { get; set; } = Array.Empty<long>();

    [VectorType]
    public float[] TokenMask { get; set; } = Array.Empty<float>();

    public static FreeRow From(Helpers.ToyWindows.Row row) => new()
    {
        History = (float[])row.History.Clone(),
        TokenIds = (long[])row.TokenIds.Clone(),
        TokenMask = (float[])row.TokenMask.Clone(),
    };
}
