namespace IOHFuse.MLNet;

/// <summary>
/// What a trained IOHFuseLM model expects and does, readable from a fitted model or a loaded model.zip: its time base
/// (sample period, history, horizon), its inputs, and the calibration and alarm threshold it scores with.
/// </summary>
public sealed class IohFuseModelInfo
{
    internal IohFuseModelInfo(Model.FusedModelMetadata m)
    {
        SamplePeriodSeconds = m.SamplePeriodSeconds;
        HistoryLength = m.Config.HistoryLength;
        HorizonMinutes = m.HorizonMinutes;
        ForecastLength = m.Config.ForecastLength;
        TextLength = m.Config.TextLength;
        DecisionThreshold = m.DecisionThreshold;
        PlattSlope = m.PlattSlope;
        PlattOffset = m.PlattOffset;
        PatchLength = m.Config.PatchLength;
        ModelDimension = m.Config.ModelDimension;
        NumberOfLayers = m.Config.NumberOfLayers;
        Trained = m.HorizonDescription;
    }

    /// <summary>Seconds between consecutive MAP history samples. Every input must be resampled to it.</summary>
    public double SamplePeriodSeconds { get; }

    /// <summary>MAP history samples per prediction, oldest first, ending at the prediction time.</summary>
    public int HistoryLength { get; }

    /// <summary>History length in minutes.</summary>
    public double HistoryMinutes => HistoryLength * SamplePeriodSeconds / 60;

    /// <summary>Prediction horizon in minutes (NaN when training did not record it).</summary>
    public double HorizonMinutes { get; }

    /// <summary>Forecast samples per prediction (at <see cref="SamplePeriodSeconds"/>).</summary>
    public int ForecastLength { get; }

    /// <summary>Token positions of the clinical text (0 for a series-only model).</summary>
    public int TextLength { get; }

    /// <summary>Whether the model reads the clinical text (static attributes).</summary>
    public bool UsesText => TextLength > 0;

    /// <summary>Calibrated probability at or above which <c>PredictedLabel</c> (the alarm) is true.</summary>
    public float DecisionThreshold { get; }

    /// <summary>Platt calibration slope (p = 1 / (1 + exp(slope·score + offset))).</summary>
    public double PlattSlope { get; }

    /// <summary>Platt calibration offset.</summary>
    public double PlattOffset { get; }

    /// <summary>MAP samples per patch.</summary>
    public int PatchLength { get; }

    /// <summary>Width of the network.</summary>
    public int ModelDimension { get; }

    /// <summary>Transformer blocks.</summary>
    public int NumberOfLayers { get; }

    /// <summary>What the model was trained on (e.g. the label column).</summary>
    public string Trained { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"IOHFuseLM: {HistoryLength} samples at {SamplePeriodSeconds:0.##} s ({HistoryMinutes:0.#} min history), horizon {HorizonMinutes:0.#} min, " +
        $"{(UsesText ? $"text {TextLength} tokens" : "series only")}, alarm at p ≥ {DecisionThreshold:0.###}";
}
