using System.Reflection;
using System.Runtime.Loader;
using IOHFuse.MLNet.Tests.Data;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IOHFuse.MLNet.Tests.Docs;

/// <summary>
/// The README's "Using it from ML.NET" example, taken from README.md as it stands, compiled as the Program.cs of a new
/// console project (the SDK's implicit usings, nothing else added) against this build of the library, and run: the
/// example a user copies compiles, trains, evaluates, saves, loads and predicts.
/// </summary>
[TestClass]
public sealed class ReadmeExampleTests
{
    /// <summary>What <c>dotnet new console</c> projects import implicitly.</summary>
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    [TestMethod]
    public void TestUsingItFromMLNetExampleCompilesAndRuns()
    {
        string code = ExampleFromReadme();
        var assembly = Compile(code);

        using var folder = new TempFiles();
        string previousDirectory = Environment.CurrentDirectory;
        var previousOut = Console.Out;
        using var output = new StringWriter();
        try
        {
            // The example writes model.zip into the working directory and reports on the console.
            Environment.CurrentDirectory = folder.Directory;
            Console.SetOut(output);
            assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.CurrentDirectory = previousDirectory;
        }
        string printed = output.ToString();
        Console.WriteLine(printed);
        Assert.IsTrue(File.Exists(Path.Combine(folder.Directory, "model.zip")), "the example saves model.zip");
        StringAssert.Contains(printed, "FineTune epoch", "the example shows training progress through mlContext.Log");
        StringAssert.Contains(printed, "Test AUROC");
        StringAssert.Contains(printed, "P(IOH within 5 min)");
    }

    /// <summary>The first C# block of the README's "Using it from ML.NET" section.</summary>
    private static string ExampleFromReadme()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        int section = readme.IndexOf("\n## Using it from ML.NET", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, section, "README.md has a 'Using it from ML.NET' section");
        int start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal);
        int next = readme.IndexOf("\n## ", section + 1, StringComparison.Ordinal);
        Assert.IsTrue(start > 0 && (next < 0 || start < next), "the section opens with a ```csharp block");
        start += "```csharp\n".Length;
        int end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    private static Assembly Compile(string code)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        // Every assembly the test runs with: the framework, ML.NET, TorchSharp and this build of IOHFuse.MLNet.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(IsManaged)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).Select(g => g.First())
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("ReadmeExample",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse), CSharpSyntaxTree.ParseText(code, parse, path: "README.md")],
            references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.IsTrue(result.Success, "the README example does not compile:\n" + string.Join("\n", problems));
        Assert.IsEmpty(problems, "the README example compiles with warnings:\n" + string.Join("\n", problems));
        image.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(image);
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && File.Exists(Path.Combine(dir.FullName, "IOHFuse.MLNet.sln")))
                return dir.FullName;
        throw new AssertFailedException("The repository root (README.md beside IOHFuse.MLNet.sln) was not found above the test's folder.");
    }
}
