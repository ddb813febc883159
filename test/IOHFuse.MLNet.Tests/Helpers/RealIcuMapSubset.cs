namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>
/// A small copy of the real per-minute ICU recordings (../shared/data/real-icu-map) in a temporary folder: the first
/// recordings of each manifest split, with a manifest.csv of just those rows so the fixed patient-level split and the
/// subject grouping carry over. Tests get real data in seconds instead of the whole 18,000 hours.
/// </summary>
internal sealed class RealIcuMapSubset : IDisposable
{
    private RealIcuMapSubset(string directory) => Directory = directory;

    /// <summary>The subset's root (holds manifest.csv and cases/).</summary>
    public string Directory { get; }

    /// <summary>The subset's cases folder, as <c>train --data</c> takes it.</summary>
    public string Cases => Path.Combine(Directory, "cases");

    /// <summary>Copies the first recordings of each split, or skips the test (Inconclusive) when the data are absent.</summary>
    public static RealIcuMapSubset Create(int train, int validation, int test)
    {
        string? shared = SharedData.FindDataDirectory();
        string source = shared is null ? string.Empty : Path.Combine(shared, "real-icu-map");
        if (shared is null || !File.Exists(Path.Combine(source, "manifest.csv")))
            Assert.Inconclusive("Skipped: the real per-minute ICU recordings (../shared/data/real-icu-map with its manifest.csv) are absent.");

        string[] lines = File.ReadAllLines(Path.Combine(source, "manifest.csv"));
        string[] header = lines[0].Split(',');
        int fileColumn = Array.IndexOf(header, "file"), splitColumn = Array.IndexOf(header, "split");
        var wanted = new Dictionary<string, int> { ["train"] = train, ["validation"] = validation, ["test"] = test };
        var kept = new List<string> { lines[0] };
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split(',');
            if (wanted.TryGetValue(fields[splitColumn], out int left) && left > 0)
            {
                wanted[fields[splitColumn]] = left - 1;
                kept.Add(line);
            }
        }

        string directory = Path.Combine(Path.GetTempPath(), "iohfuse-real-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "cases"));
        foreach (string line in kept.Skip(1))
        {
            string file = line.Split(',')[fileColumn];
            File.Copy(Path.Combine(source, file), Path.Combine(directory, file));
        }
        File.WriteAllLines(Path.Combine(directory, "manifest.csv"), kept);
        return new RealIcuMapSubset(directory);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
