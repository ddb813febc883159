namespace IOHFuse.MLNet.Data;

/// <summary>Column names monitors and tools use for MAP, waves and the other tracks, compared after
/// <see cref="Normalize"/> so that "MAP (mmHg)", "Solar8000/ART_MBP" and "abp_mean" all match.</summary>
internal static class ColumnNames
{
    /// <summary>Invasive MAP numerics, in order of preference.</summary>
    public static readonly string[] Map = ["map_mmhg", "MAP", "ART_MBP", "ABPMean", "MBP", "ABP_MBP", "IBP1_MBP", "ART1_MBP", "ART_MEAN", "ABP_MEAN", "MeanBP"];

    /// <summary>Arterial pressure waves (MAP is their windowed mean).</summary>
    public static readonly string[] Wave = ["ART", "ABP", "IBP1", "ART1", "art_mmhg", "abp_mmhg"];

    /// <summary>Non-invasive MAP, the last resort.</summary>
    public static readonly string[] NonInvasiveMap = ["NIBP_MBP", "NIBP_MEAN", "NBPMean"];

    /// <summary>Systolic pressure.</summary>
    public static readonly string[] Sbp = ["sbp_mmhg", "SBP", "ART_SBP", "ABPSys", "ABP_SBP"];

    /// <summary>Diastolic pressure.</summary>
    public static readonly string[] Dbp = ["dbp_mmhg", "DBP", "ART_DBP", "ABPDias", "ABP_DBP"];

    /// <summary>Heart rate.</summary>
    public static readonly string[] HeartRate = ["hr_bpm", "HR", "HeartRate"];

    /// <summary>Lower case, without a device prefix ("Solar8000/"), without a unit in brackets, letters and digits only.</summary>
    public static string Normalize(string name)
    {
        string s = name.Trim().TrimStart('\uFEFF');
        s = s[(s.LastIndexOf('/') + 1)..];
        int bracket = s.IndexOfAny(['(', '[']);
        if (bracket > 0)
            s = s[..bracket];
        return new string(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
    }

    /// <summary>The first of <paramref name="names"/> that matches a known name, trying known names in order.</summary>
    public static string? FindFirst(IReadOnlyList<string> names, IReadOnlyList<string> known)
    {
        var normalized = names.Select(Normalize).ToArray();
        foreach (string k in known)
        {
            string nk = Normalize(k);
            int i = Array.IndexOf(normalized, nk);
            if (i >= 0)
                return names[i];
        }
        return null;
    }

    /// <summary>Whether a column name is a known arterial wave name.</summary>
    public static bool IsWave(string name) => Wave.Select(Normalize).Contains(Normalize(name));
}
