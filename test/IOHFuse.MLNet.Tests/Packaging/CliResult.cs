namespace IOHFuse.MLNet.Tests.Packaging;

/// <summary>What a <c>dotnet</c> command returned: its exit code, its stdout and stderr interleaved, and how long it took.</summary>
internal sealed record CliResult(int ExitCode, string Output, TimeSpan Elapsed);
