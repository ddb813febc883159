using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Fixtures;

/// <summary>The outputs of the saved model that the fixture records and its test compares.</summary>
internal sealed class ModelV1Scores
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }

    [VectorType]
    public float[] Forecast { get; set; } = [];
}
