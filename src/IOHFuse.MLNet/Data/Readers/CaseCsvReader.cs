namespace IOHFuse.MLNet.Data;

/// <summary>
/// Reads a generic per-case CSV with the header <c>time_s,map_mmhg[,sbp_mmhg,dbp_mmhg,hr_bpm]</c> (any order after
/// time_s, only map_mmhg required); time in seconds, blank cells = missing.
/// </summary>
public static class CaseCsvReader
{
    private static readonly string[] Known = ["time_s", "map_mmhg", "sbp_mmhg", "dbp_mmhg", "hr_bpm"];

    /// <summary>Reads one case.</summary>
    /// <param name="path">CSV file.</param>
    /// <param name="caseId">Case id; the file name without extension when null.</param>
    /// <param name="attributes">Static attributes to attach, if known.</param>
    /// <exception cref="InvalidDataException">Unknown or missing columns, no MAP values, unsorted or duplicate
    /// timestamps, or a cell that is not a number.</exception>
    public static SurgicalCase Read(string path, string? caseId = null, PatientAttributes? attributes = null)
    {
        caseId ??= Path.GetFileNameWithoutExtension(path);
        var frame = CsvTable.Load(path);
        var names = frame.Columns.Select(c => c.Name).ToList();
        foreach (string n in names)
            if (!Known.Contains(n, StringComparer.OrdinalIgnoreCase))
                throw new InvalidDataException($"'{path}' (case {caseId}): unknown column '{n}'; expected {string.Join(", ", Known)}.");
        foreach (string required in Known.Take(2))
            if (!names.Contains(required, StringComparer.OrdinalIgnoreCase))
                throw new InvalidDataException($"'{path}' (case {caseId}): required column '{required}' is missing.");
        string Col(string name) => names.First(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

        long rows = frame.Rows.Count;
        var times = new double[rows];
        for (long r = 0; r < rows; r++)
            times[r] = CsvTable.Number(frame, Col("time_s"), r, path);
        CsvTable.RequireIncreasing(times, path, caseId);

        TimedTrack? Track(string name, string trackName, string unit)
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                return null;
            var values = new float[rows];
            bool any = false;
            for (long r = 0; r < rows; r++)
            {
                values[r] = (float)CsvTable.Number(frame, Col(name), r, path);
                any |= !float.IsNaN(values[r]);
            }
            return any ? new TimedTrack(trackName, unit, times, values) : null;
        }

        var map = rows == 0 ? null : Track("map_mmhg", "MAP", "mmHg");
        if (map is null)
            throw new InvalidDataException($"'{path}' (case {caseId}): the MAP track is empty.");
        return new SurgicalCase(caseId, map, attributes)
        {
            Sbp = Track("sbp_mmhg", "SBP", "mmHg"),
            Dbp = Track("dbp_mmhg", "DBP", "mmHg"),
            HeartRate = Track("hr_bpm", "HR", "/min"),
        };
    }
}
