namespace IOHFuse.MLNet.Data;

/// <summary>Options of <see cref="VitalFileReader.ReadCase"/>: which tracks give MAP.</summary>
public sealed class VitalFileOptions
{
    /// <summary>Suffixes of numeric invasive MAP tracks, tried first in order (matched after the last '/',
    /// case-insensitive). Default ART_MBP, ABP_MBP, IBP1_MBP, ART1_MBP.</summary>
    public IReadOnlyList<string> NumericMapSuffixes { get; set; } = ["ART_MBP", "ABP_MBP", "IBP1_MBP", "ART1_MBP"];

    /// <summary>Suffixes of arterial pressure waves: MAP is the mean of the wave over windows of
    /// <see cref="WaveBinSeconds"/>. Default ART, ABP, IBP1, ART1.</summary>
    public IReadOnlyList<string> WaveSuffixes { get; set; } = ["ART", "ABP", "IBP1", "ART1"];

    /// <summary>Suffixes of non-invasive MAP tracks, the last resort. Default NIBP_MBP.</summary>
    public IReadOnlyList<string> NonInvasiveMapSuffixes { get; set; } = ["NIBP_MBP"];

    /// <summary>Window length in seconds for MAP from a wave (the mean over each window, stamped at its end); positive,
    /// default 2 (2–4 beats).</summary>
    public double WaveBinSeconds { get; set; } = 2;

    /// <summary>The track to take MAP from ("Device/Track" or "Track", case-insensitive), numeric or wave; null
    /// (default) chooses as <see cref="VitalFileReader.ReadCaseFile"/> describes.</summary>
    public string? Track { get; set; }

    /// <summary>A wave bin counts only when at least this fraction of its expected samples is present; in (0, 1], default 0.5.</summary>
    public double MinimumWaveBinCoverage { get; set; } = 0.5;
}
