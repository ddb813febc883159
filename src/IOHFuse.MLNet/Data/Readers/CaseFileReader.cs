namespace IOHFuse.MLNet.Data;

/// <summary>
/// Reads recordings as they come: a CSV export (<see cref="CaseCsvReader"/>) or a Vital Recorder file
/// (<see cref="VitalFileReader"/>), one file or a folder at a time.
/// </summary>
/// <remarks>
/// MAP from an arterial pressure wave (a .vital wave track, or a CSV column such as ART sampled at 10 Hz or faster)
/// is the mean of the wave over consecutive windows (<see cref="CaseFileOptions.WaveWindowSeconds"/>, default 2 s:
/// 2–4 beats), each stamped at its window's end. The resulting track then goes through the same cleaning and
/// resampling as any numeric MAP.
/// </remarks>
public static class CaseFileReader
{
    /// <summary>File extensions this reader understands.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".tsv", ".txt", ".vital"];

    /// <summary>Reads one recording.</summary>
    /// <param name="path">A .csv/.tsv/.txt export or a .vital file.</param>
    /// <param name="options">Column and track choices; defaults when null.</param>
    /// <param name="caseId">Case id; the file name without extension when null.</param>
    /// <exception cref="InvalidDataException">The file can't be used; the message names the file and the reason.</exception>
    public static CaseFile Read(string path, CaseFileOptions? options = null, string? caseId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new CaseFileOptions();
        options.Validate();
        if (!File.Exists(path))
            throw new FileNotFoundException($"File '{path}' does not exist.", path);
        if (path.EndsWith(".vital", StringComparison.OrdinalIgnoreCase))
        {
            return VitalFileReader.ReadCaseFile(path, caseId, new VitalFileOptions
            {
                Track = options.MapSource,
                WaveBinSeconds = options.WaveWindowSeconds,
                MinimumWaveBinCoverage = options.MinimumWaveCoverage,
            });
        }
        return CaseCsvReader.ReadFile(path, caseId, null, options);
    }

    /// <summary>
    /// Reads every recording in a folder (not its subfolders), in file-name order. A file that can't be used is skipped
    /// with its reason, never silently. When the folder or its parent holds a <c>manifest.csv</c> with <c>file</c> and
    /// <c>subject</c> columns, each case's <see cref="SurgicalCase.PatientId"/> is its subject, so several recordings of
    /// one patient stay on one side of every split.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="options">Column and track choices; defaults when null.</param>
    /// <param name="progress">Receives (files done, files in all) after each file.</param>
    /// <param name="cancellationToken">Cancels between files.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static CaseFolder ReadFolder(string directory, CaseFileOptions? options = null, IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Data folder '{directory}' does not exist.");
        options ??= new CaseFileOptions();
        options.Validate();
        var manifest = CaseManifest.Find(directory);
        var paths = Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Where(f => manifest is null || !string.Equals(Path.GetFullPath(f), manifest.Path, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var files = new List<CaseFile>();
        var skipped = new List<SkippedFile>();
        for (int i = 0; i < paths.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var file = Read(paths[i], options);
                if (manifest?.SubjectOf(paths[i]) is { } subject)
                    file.Case.PatientId = subject;
                files.Add(file);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(paths[i], ex.Message));
            }
            progress?.Report((i + 1, paths.Count));
        }
        return new CaseFolder(directory, files, skipped, manifest);
    }
}
