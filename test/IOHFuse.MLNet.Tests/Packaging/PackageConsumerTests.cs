using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using IOHFuse.MLNet.Tests.Helpers;

namespace IOHFuse.MLNet.Tests.Packaging;

/// <summary>
/// The package as a user meets it: <c>dotnet pack</c> into a local feed, a fresh console app outside the repository,
/// <c>dotnet add package</c>, the package readme's own example as Program.cs, build, and run it in its own process.
/// Slow for a unit test (about a minute: two restores, two builds and a tiny training run), hence the category.
/// </summary>
[TestClass]
public sealed class PackageConsumerTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Slow")]
    public void TestPackedPackageRunsInAFreshConsoleApp()
    {
        string repository = TestBuild.FindRepositoryRoot()
            ?? AssertSkip("the tests run outside the repository, so there is no src/IOHFuse.MLNet to pack.");
        CliResult sdks = DotnetCli.Run(repository, CommandTimeout, "--list-sdks");
        if (sdks.ExitCode != 0 || string.IsNullOrWhiteSpace(sdks.Output))
            AssertSkip($"'dotnet --list-sdks' finds no .NET SDK, so dotnet cannot pack here (exit {sdks.ExitCode}).");

        string version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..12];
        string backendVersion = CentralVersion(repository, "TorchSharp-cpu");
        using var workspace = ConsumerWorkspace.Create(Path.Combine(repository, "nuget.config"), RepositoryPackagesFolder());

        // Pack what this test run built (no second build of the library inside the repository while tests run).
        Step(DotnetCli.Run(repository, CommandTimeout, "pack", Path.Combine("src", "IOHFuse.MLNet", "IOHFuse.MLNet.csproj"),
            "-c", TestBuild.Configuration, "--no-build", "-o", workspace.Feed, "-p:PackageVersion=" + version,
            "-p:NuspecOutputPath=" + Path.Combine(workspace.Root, "nuspec")), "pack");
        AssertPackageContents(Path.Combine(workspace.Feed, $"IOHFuse.MLNet.{version}.nupkg"));
        Assert.IsTrue(File.Exists(Path.Combine(workspace.Feed, $"IOHFuse.MLNet.{version}.snupkg")), "the symbols package is missing");

        Step(DotnetCli.Run(workspace.Root, CommandTimeout, "new", "console", "-o", workspace.App, "--framework", TestBuild.TargetFramework), "new console");
        File.WriteAllText(Path.Combine(workspace.App, "Program.cs"), ReadmeExample(repository));
        Step(DotnetCli.Run(workspace.App, CommandTimeout, "add", "package", "IOHFuse.MLNet", "--version", version), "add package IOHFuse.MLNet");

        // Without a native backend the build says which line to add, instead of the app failing at its first tensor.
        CliResult withoutBackend = Step(DotnetCli.Run(workspace.App, CommandTimeout, "build", "-c", "Release", "--disable-build-servers"), "build without a backend");
        StringAssert.Contains(withoutBackend.Output, "warning IOHFUSE001");
        StringAssert.Contains(withoutBackend.Output, $"<PackageReference Include=\"TorchSharp-cpu\" Version=\"{backendVersion}\" />");

        Step(DotnetCli.Run(workspace.App, CommandTimeout, "add", "package", "TorchSharp-cpu", "--version", backendVersion), "add package TorchSharp-cpu");
        CliResult build = Step(DotnetCli.Run(workspace.App, CommandTimeout, "build", "-c", "Release", "--disable-build-servers"), "build");
        Assert.IsFalse(build.Output.Contains("IOHFUSE001", StringComparison.Ordinal), $"the backend is referenced, yet:{Environment.NewLine}{build.Output}");
        if (OperatingSystem.IsLinux())
            StringAssert.Contains(withoutBackend.Output + build.Output, "Marked GLIBCXX_3.4.32 version-need weak",
                "the package's buildTransitive step did not patch the app's copy of libLibTorchSharp.so");

        CliResult run = Step(DotnetCli.Run(workspace.App, CommandTimeout, "run", "-c", "Release", "--no-build"), "run");
        var line = Regex.Match(run.Output, @"before save (?<before>\S+), after load (?<after>\S+), identical: (?<same>\w+)");
        Assert.IsTrue(line.Success, $"the example printed no prediction line:{Environment.NewLine}{run.Output}");
        float before = float.Parse(line.Groups["before"].Value, CultureInfo.InvariantCulture);
        float after = float.Parse(line.Groups["after"].Value, CultureInfo.InvariantCulture);
        Assert.IsTrue(before > 0 && before < 1, $"probability {before} is not in (0, 1)");
        Assert.AreEqual(before, after, "the loaded model predicts differently");
        Assert.AreEqual("True", line.Groups["same"].Value);
    }

    /// <summary>Runs one step's assertion and logs its time; a failure shows the command's whole output.</summary>
    private CliResult Step(CliResult result, string what)
    {
        TestContext.WriteLine($"{what}: {result.Elapsed.TotalSeconds:F1} s");
        Assert.AreEqual(0, result.ExitCode, $"'{what}' failed:{Environment.NewLine}{result.Output}");
        return result;
    }

    /// <summary>The dependencies are what the library uses, and the package carries its build targets, licence and readme.</summary>
    private static void AssertPackageContents(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var files = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (string expected in new[] { "buildTransitive/IOHFuse.MLNet.targets", "buildTransitive/IOHFuse.MLNet.LibTorchSharpCompat.targets", "LICENSE", "PACKAGE.md", "lib/net10.0/IOHFuse.MLNet.dll" })
            Assert.Contains(expected, files, $"the package lacks {expected}");

        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
            nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Meta(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.AreEqual("MIT", Meta("license"));
        Assert.AreEqual("PACKAGE.md", Meta("readme"));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        CollectionAssert.Contains(dependencies, "TorchSharp", "the managed bindings are the library's own dependency");
        CollectionAssert.DoesNotContain(dependencies, "Microsoft.ML.FastTree", "FastTree is used by the samples, not the library");
        Assert.IsFalse(dependencies.Any(d => d.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase) || d.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase)),
            $"the app chooses the native backend, the library must not: {string.Join(", ", dependencies)}");
    }

    /// <summary>The first C# block of the package readme: the example a user pastes into Program.cs.</summary>
    private static string ReadmeExample(string repository)
    {
        string readme = File.ReadAllText(Path.Combine(repository, "src", "IOHFuse.MLNet", "PACKAGE.md"));
        var block = Regex.Match(readme, @"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.IsTrue(block.Success, "PACKAGE.md has no ```csharp block");
        return block.Groups["code"].Value;
    }

    /// <summary>A version pinned in Directory.Packages.props.</summary>
    private static string CentralVersion(string repository, string package) =>
        XDocument.Load(Path.Combine(repository, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;

    /// <summary>The NuGet packages folder this test project restored into (it already holds TorchSharp-cpu and ML.NET).</summary>
    private static string RepositoryPackagesFolder()
    {
        string assets = Path.Combine(TestBuild.TestRoot, "IOHFuse.MLNet.Tests", "obj", "project.assets.json");
        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        return json.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
    }

    private static string AssertSkip(string reason)
    {
        Assert.Inconclusive("Skipped: " + reason);
        return reason; // not reached
    }
}
