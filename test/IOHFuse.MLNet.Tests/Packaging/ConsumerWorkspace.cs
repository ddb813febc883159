using System.Xml.Linq;

namespace IOHFuse.MLNet.Tests.Packaging;

/// <summary>
/// A temporary folder outside the repository where a fresh app consumes the packed package: a local feed, a private
/// NuGet packages folder (so a test version never lands in, or is served stale from, the machine's cache), and a
/// nuget.config with the local feed plus the repository's own sources. Empty Directory.Build.* and
/// Directory.Packages.props stop MSBuild from picking up any such file above the temp folder. Deleted on dispose.
/// </summary>
internal sealed class ConsumerWorkspace : IDisposable
{
    private ConsumerWorkspace(string root) => Root = root;

    public string Root { get; }

    /// <summary>The local feed <c>dotnet pack</c> writes to.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The app's folder (created by <c>dotnet new</c>).</summary>
    public string App => Path.Combine(Root, "app");

    /// <param name="repositoryNugetConfig">The repository's nuget.config, whose package sources the app also uses.</param>
    /// <param name="sharedPackagesFolder">The machine's NuGet packages folder: read-only fallback for packages it already has (TorchSharp-cpu, ML.NET).</param>
    public static ConsumerWorkspace Create(string repositoryNugetConfig, string sharedPackagesFolder)
    {
        var workspace = new ConsumerWorkspace(Path.Combine(Path.GetTempPath(), "iohfuse-package-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(workspace.Feed);
        foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Combine(workspace.Root, name), "<Project />\n");

        var config = XDocument.Load(repositoryNugetConfig);
        var root = config.Root!;
        var sources = root.Element("packageSources") ?? throw new InvalidDataException($"{repositoryNugetConfig} has no <packageSources>.");
        var firstSource = sources.Elements("add").FirstOrDefault();
        var local = new XElement("add", new XAttribute("key", "iohfuse-local"), new XAttribute("value", workspace.Feed));
        if (firstSource is null) sources.Add(local); else firstSource.AddBeforeSelf(local);
        root.Elements("config").Remove();
        root.Elements("fallbackPackageFolders").Remove();
        root.Add(new XElement("config", Add("globalPackagesFolder", Path.Combine(workspace.Root, "packages"))));
        root.Add(new XElement("fallbackPackageFolders", Add("shared", sharedPackagesFolder)));
        config.Save(Path.Combine(workspace.Root, "nuget.config"));
        return workspace;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* best effort: the app's bin holds a ~1 GB copy of libtorch */ }
    }

    private static XElement Add(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));
}
