namespace IOHFuse.MLNet.Model;

/// <summary>Everything besides the weights that a loaded model needs to score exactly as the fitted one did.</summary>
/// <param name="Config">Network shapes.</param>
/// <param name="PlattSlope">Platt calibration slope (ML.NET convention: p = 1 / (1 + exp(slope·score + offset))).</param>
/// <param name="PlattOffset">Platt calibration offset.</param>
/// <param name="DecisionThreshold">Probability at or above which the predicted label is true.</param>
/// <param name="HorizonDescription">Free text recorded for users (e.g. the label column the model was trained on).</param>
/// <param name="SamplePeriodSeconds">Seconds between history samples the model was trained at.</param>
/// <param name="HorizonMinutes">Prediction horizon in minutes (NaN when the training data did not say).</param>
/// <param name="Vocabulary">Token ids with their own embedding row, in row order from row 1 (<see cref="TokenVocabulary"/>);
/// null for a series-only model.</param>
internal sealed record FusedModelMetadata(
    FusedModelConfig Config,
    double PlattSlope,
    double PlattOffset,
    float DecisionThreshold,
    string HorizonDescription,
    double SamplePeriodSeconds,
    double HorizonMinutes,
    long[]? Vocabulary = null)
{
    /// <summary>Calibrated probability from a raw score, kept inside [1e-6, 1 − 1e-6]: a calibrated model never
    /// claims certainty, and log-loss stays finite.</summary>
    public float Probability(float score) =>
        (float)Math.Clamp(1.0 / (1.0 + Math.Exp(PlattSlope * score + PlattOffset)), 1e-6, 1 - 1e-6);

    /// <summary>Throws when the shapes are inconsistent or a text model's vocabulary does not match its embedding.</summary>
    public void Validate()
    {
        Config.Validate();
        if (Config.UsesText && (Vocabulary is null || Vocabulary.Length + 1 != Config.VocabularySize))
            throw new ArgumentException($"The text model's vocabulary has {(Vocabulary is null ? "no" : (Vocabulary.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))} rows but its embedding has {Config.VocabularySize}.", nameof(Vocabulary));
    }
}
