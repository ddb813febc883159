using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.Cli;

/// <summary>Loads the cases a command works on: the synthetic cohort, or a folder of case files plus a clinical table.</summary>
internal static class CaseSource
{
    public static IReadOnlyList<SurgicalCase> Load(MLContext ml, string? dataDirectory, string? clinicalTable, int syntheticCases, int seed, TextWriter log)
    {
        if (dataDirectory is null)
        {
            if (syntheticCases < 10)
                throw new CliError($"--cases must be at least 10 (got {syntheticCases}).");
            log.WriteLine($"Generating the synthetic cohort: {syntheticCases} cases, seed {seed}.");
            return ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = syntheticCases, Seed = seed });
        }
        if (!Directory.Exists(dataDirectory))
            throw new CliError($"Data folder '{dataDirectory}' does not exist.");
        var files = Directory.EnumerateFiles(dataDirectory)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".vital", StringComparison.OrdinalIgnoreCase))
            .Where(f => clinicalTable is null || !Path.GetFullPath(f).Equals(Path.GetFullPath(clinicalTable), StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new CliError($"Data folder '{dataDirectory}' has no .csv or .vital case files.");
        var cases = files.Select(ReadCase).ToList();
        if (clinicalTable is not null)
        {
            RequireFile(clinicalTable, "clinical table");
            var missing = ClinicalTable.Read(clinicalTable).AttachTo(cases);
            if (missing.Count > 0)
                log.WriteLine($"{missing.Count} case(s) have no row in the clinical table; their attributes are unknown.");
        }
        log.WriteLine($"Read {cases.Count} cases from '{dataDirectory}'.");
        return cases;
    }

    /// <summary>Reads one case track: a .vital file or a generic time_s,map_mmhg CSV; the case id is the file name.</summary>
    public static SurgicalCase ReadCase(string path)
    {
        RequireFile(path, "case file");
        string id = Path.GetFileNameWithoutExtension(path);
        return path.EndsWith(".vital", StringComparison.OrdinalIgnoreCase)
            ? VitalFileReader.ReadCase(path, id)
            : CaseCsvReader.Read(path, id);
    }

    public static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
            throw new CliError($"The {what} '{path}' does not exist.");
    }
}
