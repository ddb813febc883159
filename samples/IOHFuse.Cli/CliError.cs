namespace IOHFuse.Cli;

/// <summary>A user-facing error: printed as one line, exit code 2.</summary>
internal sealed class CliError(string message) : Exception(message);
