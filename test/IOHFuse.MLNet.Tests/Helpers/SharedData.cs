namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>Locates the read-only real-data fixtures that live beside the repository (../shared/data).</summary>
internal static class SharedData
{
    /// <summary>Full path of a file in shared/data, or an Inconclusive result (a skip) naming what is missing.</summary>
    public static string RequireFile(string fileName)
    {
        string? dir = FindDataDirectory();
        if (dir is null)
            Assert.Inconclusive($"Skipped: the shared data folder (../shared/data beside the repository) is absent, so '{fileName}' cannot be read.");
        string path = Path.Combine(dir!, fileName);
        if (!File.Exists(path))
            Assert.Inconclusive($"Skipped: '{path}' is absent.");
        return path;
    }

    /// <summary>Walks up from the test binaries looking for a sibling 'shared/data' folder.</summary>
    public static string? FindDataDirectory()
    {
        string? env = Environment.GetEnvironmentVariable("IOHFUSE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
            return env;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "data");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
