namespace IOHFuse.MLNet.Data;

/// <summary>The tracks of a Vital Recorder (.vital) file, read by <see cref="VitalFileReader"/>.</summary>
public sealed class VitalFile
{
    internal VitalFile(string path, IReadOnlyList<VitalTrack> tracks)
    {
        Path = path;
        Tracks = tracks;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Tracks in the order of their TRKINFO packets.</summary>
    public IReadOnlyList<VitalTrack> Tracks { get; }

    /// <summary>The track with this full name ("Device/Track"), or null.</summary>
    /// <param name="name">Full track name, case-insensitive.</param>
    public VitalTrack? Find(string name) => Tracks.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
