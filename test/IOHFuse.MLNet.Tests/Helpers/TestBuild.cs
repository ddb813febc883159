namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>Where this test assembly was built: test/IOHFuse.MLNet.Tests/bin/&lt;configuration&gt;/&lt;tfm&gt;/ inside the repository.</summary>
internal static class TestBuild
{
    private static DirectoryInfo BinDirectory => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>The build configuration (Release, Debug) the tests run in.</summary>
    public static string Configuration => BinDirectory.Parent!.Name;

    /// <summary>The target framework folder (net10.0).</summary>
    public static string TargetFramework => BinDirectory.Name;

    /// <summary>The repository's test folder (holds the test projects).</summary>
    public static string TestRoot => BinDirectory.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>The repository root (the folder holding IOHFuse.MLNet.sln), or null when the tests run outside it.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var d = BinDirectory; d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "IOHFuse.MLNet.sln")))
                return d.FullName;
        return null;
    }
}
