namespace IOHFuse.MLNet.Data;

/// <summary>
/// Counts of a windowing pass over a cohort: how many prediction times were considered, kept, and dropped for
/// which reason, plus events and positives. Every candidate prediction time lands in exactly one of
/// <see cref="Windows"/>, <see cref="SkippedEventInProgress"/>, <see cref="DroppedInvalidHistory"/>,
/// <see cref="DroppedInvalidFuture"/> and <see cref="DroppedIncompleteHorizon"/>.
/// </summary>
public sealed class WindowingStatistics
{
    /// <summary>Cases seen.</summary>
    public int Cases { get; internal set; }

    /// <summary>Cases that gave no window at all.</summary>
    public int CasesWithoutWindows { get; internal set; }

    /// <summary>Total cleaned recording time in hours (grid samples × period).</summary>
    public double Hours { get; internal set; }

    /// <summary>IOH events found (after cleaning) over all cases.</summary>
    public int Events { get; internal set; }

    /// <summary>IOH events per hour of recording.</summary>
    public double EventsPerHour => Hours > 0 ? Events / Hours : 0;

    /// <summary>Candidate prediction times (on the stride grid after the warm-up).</summary>
    public long Candidates { get; internal set; }

    /// <summary>Windows kept (rows of the view).</summary>
    public long Windows { get; internal set; }

    /// <summary>Prediction times skipped because an IOH event was in progress there (not valid samples by the label rule).</summary>
    public long SkippedEventInProgress { get; internal set; }

    /// <summary>Windows dropped because the prediction-time sample was invalid or too much history was invalid.</summary>
    public long DroppedInvalidHistory { get; internal set; }

    /// <summary>Windows dropped because too much of the future (the forecast target, labels) was invalid.</summary>
    public long DroppedInvalidFuture { get; internal set; }

    /// <summary>Prediction times near the end whose longest horizon is not fully observed.</summary>
    public long DroppedIncompleteHorizon { get; internal set; }

    /// <summary>Positive windows per label column name (e.g. "Label5").</summary>
    public IReadOnlyDictionary<string, long> Positives => _positives;

    internal Dictionary<string, long> _positives = new(StringComparer.Ordinal);

    /// <summary>Fraction of kept windows that are positive for a label column (0 when there are no windows).</summary>
    /// <param name="labelColumn">Label column name, e.g. "Label5".</param>
    public double PositiveRate(string labelColumn)
        => Windows > 0 && _positives.TryGetValue(labelColumn, out long p) ? (double)p / Windows : 0;

    /// <inheritdoc/>
    public override string ToString()
        => $"{Cases} cases, {Hours:0.#} h, {Events} events ({EventsPerHour:0.##}/h), {Windows} windows of {Candidates} candidates " +
           $"(in-progress {SkippedEventInProgress}, invalid history {DroppedInvalidHistory}, invalid future {DroppedInvalidFuture}, " +
           $"incomplete horizon {DroppedIncompleteHorizon}); positive rate " +
           string.Join(", ", _positives.Keys.Select(k => $"{k} {PositiveRate(k):P1}"));
}
