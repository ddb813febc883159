using Microsoft.ML;
using Microsoft.ML.Calibrators;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// Platt scaling by ML.NET's own calibrator (<c>mlContext.BinaryClassification.Calibrators.Platt</c>) fitted on the
/// calibration rows' logits, so the model's probabilities are those ML.NET itself would give for these scores. Only its
/// two numbers are kept: they go into the model's state, and the scoring mapping applies ML.NET's
/// <see cref="PlattCalibrator"/> formula p = 1 / (1 + exp(slope·s + offset)) (<see cref="Model.FusedModelMetadata.Probability"/>),
/// because the saved chain is built from the public transforms a third-party component can save and a
/// <see cref="PlattCalibrator"/> with given numbers cannot be created outside ML.NET.
/// </summary>
internal static class PlattCalibration
{
    /// <summary>Fits the calibrator and returns its slope and offset.</summary>
    /// <exception cref="ArgumentException">The lengths differ or the labels hold one class only.</exception>
    public static (double Slope, double Offset) Fit(MLContext mlContext, float[] scores, bool[] labels)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Length != labels.Length)
            throw new ArgumentException("Scores and labels differ in length.", nameof(labels));
        if (labels.All(l => l) || !labels.Any(l => l))
            throw new ArgumentException("Calibration needs both classes.", nameof(labels));
        var rows = mlContext.Data.LoadFromEnumerable(scores.Select((s, i) => new ScoredRow { Label = labels[i], Score = s }));
        var fitted = mlContext.BinaryClassification.Calibrators.Platt(nameof(ScoredRow.Label), nameof(ScoredRow.Score)).Fit(rows);
        var calibrator = ((IPredictionTransformer<PlattCalibrator>)fitted).Model;
        return (calibrator.Slope, calibrator.Offset);
    }

    private sealed class ScoredRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }
    }
}
