using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>A training row whose vectors have no declared size, so rows can disagree in length.</summary>
internal sealed class FreeTrainingRow
{
    [VectorType]
    public float[] History { get; set; } = Array.Empty<float>();

    [VectorType]
    public float[] Future { get; set; } = Array.Empty<float>();

    public bool Label { get; set; }

    [VectorType]
    public long[] TokenIds { get; set; } = Array.Empty<long>();

    [VectorType]
    public float[] TokenMask { get; set; } = Array.Empty<float>();

    public static FreeTrainingRow From(ToyWindows.Row row) => new()
    {
        History = row.History,
        Future = row.Future,
        Label = row.Label,
        TokenIds = row.TokenIds,
        TokenMask = row.TokenMask,
    };
}
