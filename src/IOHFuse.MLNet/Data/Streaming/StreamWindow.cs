namespace IOHFuse.MLNet.Data;

/// <summary>One prediction time of a <see cref="MapStream"/>: the model input, or why there is none.</summary>
/// <param name="TimeSeconds">The prediction time on the stream's clock.</param>
/// <param name="History">MAP history (oldest first, ending at the prediction time, mmHg, finite) when a prediction can
/// be made; null otherwise.</param>
/// <param name="SkipReason">Why no prediction can be made (missing MAP now, too much missing history); null
/// when <paramref name="History"/> is given.</param>
/// <param name="SkipKind">The reason as a category, for counting.</param>
public sealed record StreamWindow(double TimeSeconds, float[]? History, string? SkipReason, StreamSkipKind SkipKind)
{
    /// <summary>Whether a prediction can be made.</summary>
    public bool CanPredict => History is not null;
}
