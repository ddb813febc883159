namespace IOHFuse.MLNet.Data;

/// <summary>Options of <see cref="VitalTrackCsvReader"/>.</summary>
public sealed class VitalTrackCsvOptions
{
    /// <summary>Track-name suffixes tried in order to find MAP (matched against "&lt;Device&gt;/&lt;Track&gt;" after the
    /// last '/', case-insensitive). Default: invasive MAP first, then non-invasive.</summary>
    public IReadOnlyList<string> MapTrackSuffixes { get; set; } = ["ART_MBP", "ABP_MBP", "IBP1_MBP", "ART1_MBP", "NIBP_MBP"];

    /// <summary>Suffixes for systolic pressure (optional track); default ART_SBP, NIBP_SBP.</summary>
    public IReadOnlyList<string> SbpTrackSuffixes { get; set; } = ["ART_SBP", "ABP_SBP", "NIBP_SBP"];

    /// <summary>Suffixes for diastolic pressure (optional track); default ART_DBP, NIBP_DBP.</summary>
    public IReadOnlyList<string> DbpTrackSuffixes { get; set; } = ["ART_DBP", "ABP_DBP", "NIBP_DBP"];

    /// <summary>Suffixes for heart rate (optional track); default HR, PLETH_HR.</summary>
    public IReadOnlyList<string> HeartRateTrackSuffixes { get; set; } = ["HR", "PLETH_HR"];
}
