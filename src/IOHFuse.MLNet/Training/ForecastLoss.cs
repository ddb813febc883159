namespace IOHFuse.MLNet.Training;

/// <summary>The error the forecast head is trained to minimise (in normalised MAP units, per forecast step).</summary>
public enum ForecastLoss
{
    /// <summary>Squared error (the paper's MSE): the forecast tends to the conditional mean, which pulls towards the
    /// population mean and can lose to persistence in mean absolute error.</summary>
    SquaredError,

    /// <summary>Absolute error: the forecast tends to the conditional median, the minimiser of the mean absolute error
    /// the reports and the persistence fallback judge it by.</summary>
    AbsoluteError,
}
