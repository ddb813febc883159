namespace IOHFuse.MLNet.Data;

/// <summary>The recordings of a folder read by <see cref="CaseFileReader.ReadFolder"/>.</summary>
public sealed class CaseFolder
{
    internal CaseFolder(string directory, IReadOnlyList<CaseFile> files, IReadOnlyList<SkippedFile> skipped, CaseManifest? manifest)
    {
        Directory = directory;
        Files = files;
        Skipped = skipped;
        Manifest = manifest;
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The files read, in file-name order.</summary>
    public IReadOnlyList<CaseFile> Files { get; }

    /// <summary>Files that could not be used, each with its reason.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>The manifest that grouped recordings by patient, when one was found.</summary>
    public CaseManifest? Manifest { get; }

    /// <summary>The cases of <see cref="Files"/>.</summary>
    public IReadOnlyList<SurgicalCase> Cases => Files.Select(f => f.Case).ToList();

    /// <summary>The median of the files' own sampling intervals in seconds (NaN when no file was read): the period a
    /// model for this data should run at unless told otherwise.</summary>
    public double MedianIntervalSeconds
    {
        get
        {
            var intervals = Files.Select(f => f.MedianIntervalSeconds).Where(double.IsFinite).Order().ToArray();
            return intervals.Length == 0 ? double.NaN : intervals[intervals.Length / 2];
        }
    }

    /// <summary>Ignored columns over all files, each with the number of files that had it.</summary>
    public IReadOnlyList<(string Column, int Files)> IgnoredColumns =>
        Files.SelectMany(f => f.IgnoredColumns).GroupBy(c => c).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ToList();
}

/// <summary>A file <see cref="CaseFileReader.ReadFolder"/> could not use.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why, in one line.</param>
public sealed record SkippedFile(string Path, string Reason);
