using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.Cli;

/// <summary>Loads the cases a command works on: the synthetic cohort, or a folder of recordings plus a clinical table.</summary>
internal static class CaseSource
{
    /// <summary>The cases, their own median sampling interval (NaN for the generated cohort) and a manifest if one was found.</summary>
    public sealed record Loaded(IReadOnlyList<SurgicalCase> Cases, double MedianIntervalSeconds, CaseManifest? Manifest);

    public static Loaded Load(MLContext ml, string? dataDirectory, string? clinicalTable, int syntheticCases, int seed, double? period,
        CaseFileOptions fileOptions, TextWriter log)
    {
        if (dataDirectory is null)
        {
            if (syntheticCases < 10)
                throw new CliError($"--cases must be at least 10 (got {syntheticCases}).");
            double p = period ?? 3;
            log.WriteLine($"Generating the synthetic cohort: {syntheticCases} cases at {p:0.##} s, seed {seed}.");
            return new Loaded(ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = syntheticCases, Seed = seed, SamplePeriodSeconds = p }),
                p, null);
        }
        if (!Directory.Exists(dataDirectory))
            throw new CliError($"Data folder '{dataDirectory}' does not exist.");
        var progress = new ProgressLine(log, "Reading recordings");
        var folder = CaseFileReader.ReadFolder(dataDirectory, fileOptions, progress);
        progress.Done();
        foreach (var skipped in folder.Skipped)
            log.WriteLine($"skipped {Path.GetFileName(skipped.Path)}: {skipped.Reason}");
        if (folder.Files.Count == 0)
            throw new CliError($"Data folder '{dataDirectory}' has no usable recordings (.csv, .tsv, .txt or .vital){(folder.Skipped.Count > 0 ? $"; {folder.Skipped.Count} file(s) skipped, see above" : string.Empty)}.");
        var cases = folder.Cases;
        if (clinicalTable is not null)
        {
            RequireFile(clinicalTable, "clinical table");
            var missing = ClinicalTable.Read(clinicalTable).AttachTo(cases);
            if (missing.Count > 0)
                log.WriteLine($"{missing.Count} case(s) have no row in the clinical table; their attributes are unknown.");
        }
        var sources = folder.Files.GroupBy(f => f.MapSource.Split(',')[0]).OrderByDescending(g => g.Count()).ToList();
        log.WriteLine($"Read {cases.Count} recording(s) from '{dataDirectory}'{(folder.Skipped.Count > 0 ? $" ({folder.Skipped.Count} skipped)" : string.Empty)}; " +
            $"median sample interval {folder.MedianIntervalSeconds:0.##} s; MAP from {string.Join("; ", sources.Select(g => $"{g.Key} ({g.Count()})"))}.");
        if (folder.IgnoredColumns.Count > 0)
            log.WriteLine($"Ignored columns: {string.Join(", ", folder.IgnoredColumns.Select(c => $"{c.Column} ({c.Files} file(s))"))}.");
        foreach (var note in folder.Files.SelectMany(f => f.Notes).GroupBy(n => n).Select(g => (g.Key, g.Count())).Take(5))
            log.WriteLine($"Note: {note.Key} ({note.Item2} file(s)).");
        if (folder.Manifest is { } manifest)
            log.WriteLine($"Patients from {manifest.Path}: {cases.Select(c => c.PatientId).Distinct().Count()} patient(s) for {cases.Count} recording(s); splits keep each patient on one side.");
        return new Loaded(cases, folder.MedianIntervalSeconds, folder.Manifest);
    }

    /// <summary>Reads one recording; the case id is the file name.</summary>
    public static CaseFile ReadCase(string path, CaseFileOptions options)
    {
        RequireFile(path, "case file");
        return CaseFileReader.Read(path, options);
    }

    public static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
            throw new CliError($"The {what} '{path}' does not exist.");
    }
}
