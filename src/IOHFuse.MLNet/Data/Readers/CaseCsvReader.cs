using System.Globalization;
using Microsoft.Data.Analysis;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// Reads one recording from a CSV as monitors and tools export it: comma, semicolon or tab delimited; MAP found by
/// common column names (or named in <see cref="CaseFileOptions.MapSource"/>), or computed from an arterial wave
/// column; time in seconds, as a date + time-of-day pair (HemoSphere's <c>Datum</c>, <c>Time</c>) or one date-time
/// column; an optional second row of units; every other column ignored and named once in
/// <see cref="CaseFile.IgnoredColumns"/>. Blank cells and monitor placeholders (<c>-</c>, <c>---</c>, <c>NaN</c>,
/// <c>N/A</c>) are missing values. Use <see cref="CaseFileReader"/> to read .csv and .vital files alike.
/// </summary>
public static class CaseCsvReader
{
    private static readonly string[] Placeholders = ["-", "--", "---", "nan", "n/a", "na", "null", "none", "?"];

    /// <summary>Reads one case.</summary>
    /// <param name="path">CSV file.</param>
    /// <param name="caseId">Case id; the file name without extension when null.</param>
    /// <param name="attributes">Static attributes to attach, if known.</param>
    /// <exception cref="InvalidDataException">No time or MAP column, no MAP values, unsorted or duplicate timestamps,
    /// or a cell that is not a number (the message names the file, row and column).</exception>
    public static SurgicalCase Read(string path, string? caseId = null, PatientAttributes? attributes = null)
        => ReadFile(path, caseId, attributes, null).Case;

    /// <summary>Reads one case and reports which columns it used and ignored.</summary>
    /// <param name="path">CSV file.</param>
    /// <param name="caseId">Case id; the file name without extension when null.</param>
    /// <param name="attributes">Static attributes to attach, if known.</param>
    /// <param name="options">Column choices; defaults when null.</param>
    public static CaseFile ReadFile(string path, string? caseId = null, PatientAttributes? attributes = null, CaseFileOptions? options = null)
    {
        options = (options ?? new CaseFileOptions()).Clone();
        options.Validate();
        caseId ??= Path.GetFileNameWithoutExtension(path);
        string header = CsvTable.ReadHeader(path) ?? throw new InvalidDataException($"'{path}' is empty: no header row.");
        char delimiter = options.Delimiter ?? CsvTable.DetectDelimiter(header);
        var frame = CsvTable.Load(path, delimiter);
        var names = frame.Columns.Select(c => c.Name).ToList();
        var notes = new List<string>();
        // A semicolon or tab file usually comes from a locale that writes 72,5 for 72.5.
        bool decimalComma = delimiter != ',';

        var time = TimeColumns.Find(names, options.TimeColumn, path, caseId);
        var (mapColumn, mapKind) = FindMap(names, options.MapSource, path, caseId);
        string? Optional(IReadOnlyList<string> known) => ColumnNames.FindFirst(names, known);
        string? sbp = Optional(ColumnNames.Sbp), dbp = Optional(ColumnNames.Dbp), hr = Optional(ColumnNames.HeartRate);
        var used = new HashSet<string>(time.Columns, StringComparer.Ordinal) { mapColumn };
        foreach (string? c in new[] { sbp, dbp, hr })
            if (c is not null) used.Add(c);
        var ignored = names.Where(n => !used.Contains(n)).ToList();

        long rows = frame.Rows.Count;
        long first = 0;
        if (rows > 0 && IsUnitsRow(frame, time, mapColumn, decimalComma))
        {
            notes.Add($"the second line holds units ({string.Join(", ", names.Select(n => $"{n}: {CsvTable.Text(frame, n, 0)}").Where(t => !t.EndsWith(": ", StringComparison.Ordinal)).Take(4))}); skipped");
            first = 1;
        }

        var times = new List<double>();
        var rowIndex = new List<long>();
        var clock = new TimeColumns.Clock();
        for (long r = first; r < rows; r++)
        {
            if (names.All(n => CsvTable.Text(frame, n, r).Length == 0))
                continue; // blank line
            times.Add(clock.Seconds(frame, time, r, path, decimalComma));
            rowIndex.Add(r);
        }
        if (clock.DayRollovers > 0)
            notes.Add($"the time of day passed midnight {clock.DayRollovers} time(s); a day was added each time");
        var t = times.ToArray();
        CsvTable.RequireIncreasing(t, path, caseId);

        float[] Column(string column)
        {
            var v = new float[rowIndex.Count];
            for (int i = 0; i < v.Length; i++)
                v[i] = (float)Number(frame, column, rowIndex[i], path, decimalComma);
            return v;
        }

        TimedTrack? Track(string? column, string name, string unit)
        {
            if (column is null)
                return null;
            var values = Column(column);
            return values.Any(float.IsFinite) ? new TimedTrack(name, unit, t, values) : null;
        }

        if (t.Length == 0)
            throw new InvalidDataException($"'{path}' (case {caseId}): no data rows.");
        TimedTrack map;
        string source;
        if (mapKind == MapColumnKind.Wave)
        {
            double rate = ArterialWave.RateOf(t);
            var (wt, wv) = ArterialWave.ToMap(t, Column(mapColumn), rate, options.WaveWindowSeconds, options.MinimumWaveCoverage);
            if (wt.Length == 0)
                throw new InvalidDataException($"'{path}' (case {caseId}): the arterial wave '{mapColumn}' has no {options.WaveWindowSeconds:0.##}-s window with enough valid samples.");
            map = new TimedTrack("MAP", "mmHg", wt, wv);
            source = $"wave '{mapColumn}' ({rate:0} Hz), mean per {options.WaveWindowSeconds:0.##} s";
        }
        else
        {
            map = Track(mapColumn, "MAP", "mmHg")
                ?? throw new InvalidDataException($"'{path}' (case {caseId}): the MAP column '{mapColumn}' has no values.");
            source = $"column '{mapColumn}'" + (mapKind == MapColumnKind.NonInvasive ? " (non-invasive: no invasive MAP column found)" : string.Empty);
        }
        var surgicalCase = new SurgicalCase(caseId, map, attributes)
        {
            Sbp = Track(sbp, "SBP", "mmHg"),
            Dbp = Track(dbp, "DBP", "mmHg"),
            HeartRate = Track(hr, "HR", "/min"),
        };
        return new CaseFile(path, surgicalCase, source, ignored, notes);
    }

    private enum MapColumnKind { Numeric, Wave, NonInvasive }

    private static (string Column, MapColumnKind Kind) FindMap(List<string> names, string? requested, string path, string caseId)
    {
        if (requested is not null)
        {
            string column = names.FirstOrDefault(n => string.Equals(n, requested, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException($"'{path}' (case {caseId}): there is no column '{requested}'; the columns are {string.Join(", ", names.Select(n => $"'{n}'"))}.");
            return (column, ColumnNames.IsWave(column) ? MapColumnKind.Wave : MapColumnKind.Numeric);
        }
        if (ColumnNames.FindFirst(names, ColumnNames.Map) is { } numeric)
            return (numeric, MapColumnKind.Numeric);
        if (ColumnNames.FindFirst(names, ColumnNames.Wave) is { } wave)
            return (wave, MapColumnKind.Wave);
        if (ColumnNames.FindFirst(names, ColumnNames.NonInvasiveMap) is { } nibp)
            return (nibp, MapColumnKind.NonInvasive);
        throw new InvalidDataException(
            $"'{path}' (case {caseId}): no MAP column. Looked for {string.Join(", ", ColumnNames.Map.Concat(ColumnNames.Wave))} among {string.Join(", ", names.Select(n => $"'{n}'"))}; name the column with the MAP source option (CLI: --map-column).");
    }

    /// <summary>A second line of units ("s", "mmHg", "hh:mm:ss"): its MAP cell is text and its time cell is not a time.</summary>
    private static bool IsUnitsRow(DataFrame frame, TimeColumns.Layout time, string mapColumn, bool decimalComma)
    {
        string map = CsvTable.Text(frame, mapColumn, 0);
        if (map.Length == 0 || IsPlaceholder(map) || CsvTable.TryNumber(map, decimalComma, out _))
            return false;
        return !new TimeColumns.Clock().TryRead(frame, time, 0, decimalComma, out _);
    }

    private static bool IsPlaceholder(string text) => Placeholders.Contains(text.ToLowerInvariant());

    /// <summary>Parses a numeric cell; blank or a placeholder = NaN; other text is an error naming file, row and column.</summary>
    internal static double Number(DataFrame frame, string column, long row, string path, bool decimalComma)
    {
        string text = CsvTable.Text(frame, column, row);
        if (text.Length == 0 || IsPlaceholder(text))
            return double.NaN;
        if (CsvTable.TryNumber(text, decimalComma, out double v))
            return v;
        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{path}', data row {row + 1}, column '{column}': '{text}' is not a number."));
    }
}
