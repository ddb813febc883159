using Microsoft.ML.Data;

namespace IOHFuse.Samples.WebApi;

/// <summary>The model's outputs the app reads (docs/scoring-schema.md lists them all).</summary>
public sealed class ModelPrediction
{
    /// <summary>IOH logit.</summary>
    public float Score { get; set; }

    /// <summary>Calibrated probability of an IOH event within the horizon.</summary>
    public float Probability { get; set; }

    /// <summary>The alarm (probability at or above the model's threshold).</summary>
    public bool PredictedLabel { get; set; }

    /// <summary>Forecast MAP after the prediction time, mmHg.</summary>
    [VectorType]
    public float[] Forecast { get; set; } = [];
}
