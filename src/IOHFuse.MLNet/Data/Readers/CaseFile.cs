namespace IOHFuse.MLNet.Data;

/// <summary>One recording read by <see cref="CaseFileReader"/>: the case plus what the reader chose and skipped.</summary>
public sealed class CaseFile
{
    internal CaseFile(string path, SurgicalCase surgicalCase, string mapSource, IReadOnlyList<string> ignoredColumns, IReadOnlyList<string> notes)
    {
        Path = path;
        Case = surgicalCase;
        MapSource = mapSource;
        IgnoredColumns = ignoredColumns;
        Notes = notes;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The case (its MAP track in mmHg, times in seconds from the recording's first row).</summary>
    public SurgicalCase Case { get; }

    /// <summary>Where MAP came from, for people: the column or track, and how (e.g. "wave 'ART' (500 Hz), mean per 2 s").</summary>
    public string MapSource { get; }

    /// <summary>Columns the reader did not use (monitor exports carry many).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Other things worth knowing (a units row skipped, a decimal comma, a day boundary in a time-of-day column).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Median interval between MAP samples in seconds: the recording's own sampling period.</summary>
    public double MedianIntervalSeconds => Case.Map.MedianIntervalSeconds;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{System.IO.Path.GetFileName(Path)}: MAP from {MapSource}, {Case.Map.Count:N0} samples, {Case.Map.DurationSeconds / 60:0.#} min"
        + (IgnoredColumns.Count > 0 ? $"; ignored columns: {string.Join(", ", IgnoredColumns)}" : string.Empty);
}
