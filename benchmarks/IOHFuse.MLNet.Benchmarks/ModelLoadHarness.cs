using System.Diagnostics;
using System.Text.Json;
using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// <c>load --model PATH [--reps N] [--predictions N] [--json PATH]</c>: a saved model.zip as a scoring app meets it. Each
/// rep loads the file in a fresh MLContext through <c>LoadModel</c>, creates a PredictionEngine and makes the first
/// prediction (cold: every rep decodes the state again, because each rep's model is distinct and the previous one was
/// released); then PredictionEngine latency over many calls on one loaded model. Stopwatch medians, one process.
/// </summary>
public static class ModelLoadHarness
{
    /// <summary>Runs the measurement and prints one JSON object.</summary>
    public static int Run(string[] args)
    {
        string? model = null, json = null;
        int reps = 7, predictions = 2000;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--model": model = args[i + 1]; break;
                case "--reps": reps = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--predictions": predictions = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--json": json = args[i + 1]; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.", nameof(args));
            }
        }
        if (model is null || !File.Exists(model))
            throw new ArgumentException("--model must name an existing model.zip.", nameof(args));

        var loads = new List<double>();
        var firsts = new List<double>();
        IohModelRow? row = null;
        for (int r = 0; r < reps + 1; r++)
        {
            long start = Stopwatch.GetTimestamp();
            var ml = new MLContext(seed: 1);
            var loaded = ml.IOHFuse().LoadModel(model, out _);
            double load = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            row ??= IohModelRow.For(ml.IOHFuse().GetModelInfo(loaded));
            using var engine = ml.Model.CreatePredictionEngine<IohWindow, ScoringOutput>(loaded);
            engine.Predict(row.Window);
            double first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (r > 0) // rep 0 warms the JIT and the native libraries
            {
                loads.Add(load);
                firsts.Add(first);
            }
            (loaded as IDisposable)?.Dispose();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var app = new MLContext(seed: 1);
        var kept = app.IOHFuse().LoadModel(model, out _);
        using var hot = app.Model.CreatePredictionEngine<IohWindow, ScoringOutput>(kept);
        var latency = new List<double>(predictions);
        for (int i = 0; i < predictions + 50; i++)
        {
            row!.Window.History[^1] = 60 + i % 40;   // vary the input a little
            long start = Stopwatch.GetTimestamp();
            hot.Predict(row.Window);
            if (i >= 50)
                latency.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latency.Sort();
        var result = new Dictionary<string, object>
        {
            ["model_bytes"] = new FileInfo(model).Length,
            ["load_ms_median"] = Median(loads),
            ["load_first_predict_ms_median"] = Median(firsts),
            ["load_first_predict_ms_min"] = firsts.Min(),
            ["load_first_predict_ms_max"] = firsts.Max(),
            ["predict_ms_p50"] = latency[latency.Count / 2],
            ["predict_ms_p99"] = latency[(int)(latency.Count * 0.99)],
            ["reps"] = reps,
            ["predictions"] = predictions,
            ["nproc"] = Environment.ProcessorCount,
        };
        string text = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(text);
        if (json is not null)
            File.WriteAllText(json, text + Environment.NewLine);
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    /// <summary>A plausible input for the loaded model: its history length at 80 mmHg, a 65-year-old ASA 3 patient.</summary>
    private sealed class IohModelRow
    {
        public required IohWindow Window { get; init; }

        public static IohModelRow For(IohFuseModelInfo info) => new()
        {
            Window = new IohWindow { History = Enumerable.Repeat(80f, info.HistoryLength).ToArray(), Age = 65, Sex = "F", Asa = 3 },
        };
    }
}
