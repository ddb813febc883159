using System.Globalization;
using System.Text.Json;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// <c>--name value</c> pairs of one harness mode, checked against the names the mode knows, so a misspelt option fails
/// instead of silently running the default measurement.
/// </summary>
public sealed class HarnessOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="args"/>; every name must be one of <paramref name="known"/> (without the dashes).</summary>
    public HarnessOptions(string[] args, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(known);
        for (int i = 0; i < args.Length; i += 2)
        {
            string name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : throw new ArgumentException($"Expected an option name, got '{args[i]}'.", nameof(args));
            if (!known.Contains(name, StringComparer.Ordinal))
                throw new ArgumentException($"Unknown option '--{name}'; this mode takes {string.Join(", ", known.Select(k => "--" + k))}.", nameof(args));
            _values[name] = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option '--{name}' needs a value.", nameof(args));
        }
    }

    /// <summary>The text value, or <paramref name="fallback"/> when the option was not given.</summary>
    public string? Text(string name, string? fallback = null) => _values.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>The integer value, or <paramref name="fallback"/> when the option was not given.</summary>
    public int Integer(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Prints <paramref name="result"/> as one indented JSON object and writes it to <c>--json PATH</c> when given.</summary>
    public void Report(Dictionary<string, object> result)
    {
        string json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        if (Text("json") is { } path)
            File.WriteAllText(path, json + Environment.NewLine);
    }
}
