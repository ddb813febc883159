namespace IOHFuse.MLNet.Data;

/// <summary>
/// Reads a VitalDB track CSV as exported by the VitalDB tools: a header <c>Time,&lt;Device&gt;/&lt;Track&gt;,...</c>
/// (e.g. <c>Time,Solar8000/ART_MBP,Solar8000/ART_SBP</c>), time in seconds, blank cells = missing. Rows where a
/// track is blank are left out of that track.
/// </summary>
public static class VitalTrackCsvReader
{
    /// <summary>Reads one case.</summary>
    /// <param name="path">CSV file.</param>
    /// <param name="caseId">Case id; the file name without extension when null.</param>
    /// <param name="options">Track-name matching; defaults when null.</param>
    /// <exception cref="InvalidDataException">No time column, an unknown column (not Device/Track), no MAP track, an
    /// empty MAP track, unsorted or duplicate timestamps, or a cell that is not a number.</exception>
    public static SurgicalCase Read(string path, string? caseId = null, VitalTrackCsvOptions? options = null)
    {
        options ??= new VitalTrackCsvOptions();
        caseId ??= Path.GetFileNameWithoutExtension(path);
        var frame = CsvTable.Load(path);
        var names = frame.Columns.Select(c => c.Name).ToList();
        if (names.Count == 0 || !string.Equals(names[0], "Time", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"'{path}' (case {caseId}): the first column must be 'Time', found '{names.FirstOrDefault()}'.");
        foreach (string n in names.Skip(1))
            if (n.Length == 0 || !n.Contains('/'))
                throw new InvalidDataException($"'{path}' (case {caseId}): unknown column '{n}'; expected '<Device>/<Track>'.");

        long rows = frame.Rows.Count;
        var times = new double[rows];
        for (long r = 0; r < rows; r++)
            times[r] = CsvTable.Number(frame, names[0], r, path);
        CsvTable.RequireIncreasing(times, path, caseId);

        string mapColumn = Find(names, options.MapTrackSuffixes)
            ?? throw new InvalidDataException(
                $"'{path}' (case {caseId}): no MAP track; looked for suffixes {string.Join(", ", options.MapTrackSuffixes)} among {string.Join(", ", names.Skip(1))}.");
        var map = Track(frame, mapColumn, times, path)
            ?? throw new InvalidDataException($"'{path}' (case {caseId}): MAP track '{mapColumn}' has no values.");
        return new SurgicalCase(caseId, map)
        {
            Sbp = Find(names, options.SbpTrackSuffixes) is { } s ? Track(frame, s, times, path) : null,
            Dbp = Find(names, options.DbpTrackSuffixes) is { } d ? Track(frame, d, times, path) : null,
            HeartRate = Find(names, options.HeartRateTrackSuffixes) is { } h ? Track(frame, h, times, path) : null,
        };
    }

    internal static string? Find(IReadOnlyList<string> names, IReadOnlyList<string> suffixes)
    {
        foreach (string suffix in suffixes)
            foreach (string n in names)
                if (string.Equals(n[(n.LastIndexOf('/') + 1)..], suffix, StringComparison.OrdinalIgnoreCase))
                    return n;
        return null;
    }

    private static TimedTrack? Track(Microsoft.Data.Analysis.DataFrame frame, string column, double[] times, string path)
    {
        var t = new List<double>();
        var v = new List<float>();
        for (long r = 0; r < times.Length; r++)
        {
            double x = CsvTable.Number(frame, column, r, path);
            if (double.IsNaN(x))
                continue;
            t.Add(times[r]);
            v.Add((float)x);
        }
        return t.Count == 0 ? null : new TimedTrack(column, "", t.ToArray(), v.ToArray());
    }
}
