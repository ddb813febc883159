namespace IOHFuse.MLNet.Data;

/// <summary>
/// A <c>manifest.csv</c> beside a folder of recordings: one row per file with its <c>subject</c> (patient) and,
/// optionally, a fixed <c>split</c> (train / validation / test). Recordings of one patient must stay on one side of a
/// split, or a model is tested on a patient it was trained on.
/// </summary>
public sealed class CaseManifest
{
    private readonly Dictionary<string, (string Subject, string Split)> _byFile;

    private CaseManifest(string path, Dictionary<string, (string Subject, string Split)> byFile)
    {
        Path = path;
        _byFile = byFile;
    }

    /// <summary>The manifest file (full path).</summary>
    public string Path { get; }

    /// <summary>Number of files listed.</summary>
    public int Count => _byFile.Count;

    /// <summary>Reads a manifest (columns <c>file</c> and <c>subject</c> required, <c>split</c> optional).</summary>
    /// <param name="path">The manifest CSV.</param>
    /// <exception cref="InvalidDataException">A required column is missing.</exception>
    public static CaseManifest Read(string path)
    {
        var frame = CsvTable.Load(path);
        var names = frame.Columns.Select(c => c.Name).ToList();
        string Column(string name) => names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"'{path}' is not a recordings manifest: it has no '{name}' column.");
        string file = Column("file"), subject = Column("subject");
        string? split = names.FirstOrDefault(n => string.Equals(n, "split", StringComparison.OrdinalIgnoreCase));
        var byFile = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            string f = CsvTable.Text(frame, file, r);
            if (f.Length > 0)
                byFile[System.IO.Path.GetFileNameWithoutExtension(f)] = (CsvTable.Text(frame, subject, r), split is null ? string.Empty : CsvTable.Text(frame, split, r));
        }
        return new CaseManifest(System.IO.Path.GetFullPath(path), byFile);
    }

    /// <summary>The manifest.csv in <paramref name="directory"/> or its parent, if either has one that lists files and subjects.</summary>
    public static CaseManifest? Find(string directory)
    {
        foreach (string? dir in new[] { directory, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(directory)) })
        {
            if (dir is null)
                continue;
            string candidate = System.IO.Path.Combine(dir, "manifest.csv");
            if (!File.Exists(candidate))
                continue;
            try
            {
                return Read(candidate);
            }
            catch (InvalidDataException)
            {
                // Some other manifest: not ours to interpret.
            }
        }
        return null;
    }

    /// <summary>The subject (patient) of a file, by file name (with or without its folder and extension, so a case id
    /// read from the file works too); null when the file is not listed or has no subject.</summary>
    public string? SubjectOf(string file) =>
        _byFile.TryGetValue(System.IO.Path.GetFileNameWithoutExtension(file), out var e) && e.Subject.Length > 0 ? e.Subject : null;

    /// <summary>The fixed split of a file or case id ("train", "validation", "test"); null when not listed or not given.</summary>
    public string? SplitOf(string file) =>
        _byFile.TryGetValue(System.IO.Path.GetFileNameWithoutExtension(file), out var e) && e.Split.Length > 0 ? e.Split : null;
}
