namespace IOHFuse.MLNet.Data;

/// <summary>Options of <see cref="CaseFileReader"/>: how to find MAP and time in a recording.</summary>
public sealed class CaseFileOptions
{
    /// <summary>
    /// The MAP source: a CSV column header (case-insensitive) or a .vital track name ("Device/Track" or just "Track"),
    /// either a MAP numeric or an arterial pressure wave. Null (default) finds it by common names: MAP columns
    /// map_mmhg, MAP, MAP (mmHg), ART_MBP, ABPMean, MBP and their device-prefixed forms; wave columns ART, ABP, IBP1,
    /// ART1 sampled at 10 Hz or faster; non-invasive NIBP_MBP as the last resort.
    /// </summary>
    public string? MapSource { get; set; }

    /// <summary>CSV time column header. Null (default) finds it: seconds in time_s, time, seconds, t, Time (s);
    /// a date/time-of-day pair such as HemoSphere's Datum + Time; or one date-time column (timestamp, datetime).</summary>
    public string? TimeColumn { get; set; }

    /// <summary>CSV delimiter. Null (default) takes whichever of comma, semicolon and tab the header line holds most of.</summary>
    public char? Delimiter { get; set; }

    /// <summary>MAP from an arterial wave is the mean of each consecutive window of this many seconds, stamped at the
    /// window's end (see the remarks of <see cref="CaseFileReader"/>). Positive; default 2.</summary>
    public double WaveWindowSeconds { get; set; } = 2;

    /// <summary>A wave window counts only when it holds at least this fraction of its expected samples; in (0, 1], default 0.5.</summary>
    public double MinimumWaveCoverage { get; set; } = 0.5;

    /// <summary>Copies these options.</summary>
    public CaseFileOptions Clone() => (CaseFileOptions)MemberwiseClone();

    internal void Validate()
    {
        if (MapSource is not null && string.IsNullOrWhiteSpace(MapSource))
            throw new ArgumentException("must be null (find by name) or a column/track name.", nameof(MapSource));
        if (TimeColumn is not null && string.IsNullOrWhiteSpace(TimeColumn))
            throw new ArgumentException("must be null (find by name) or a column name.", nameof(TimeColumn));
        if (Delimiter is char d && d is not (',' or ';' or '\t' or '|'))
            throw new ArgumentOutOfRangeException(nameof(Delimiter), d, "must be a comma, semicolon, tab or '|'.");
        if (!(WaveWindowSeconds > 0) || !double.IsFinite(WaveWindowSeconds))
            throw new ArgumentOutOfRangeException(nameof(WaveWindowSeconds), WaveWindowSeconds, "must be positive.");
        if (!(MinimumWaveCoverage > 0 && MinimumWaveCoverage <= 1))
            throw new ArgumentOutOfRangeException(nameof(MinimumWaveCoverage), MinimumWaveCoverage, "must be in (0, 1].");
    }
}
