using System.Globalization;
using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// <c>predict-loop --model PATH [--predictions N] [--warmup N] [--transform-rows N]</c>: loads a saved model.zip, warms
/// a PredictionEngine up, then makes N predictions (or scores N windows through Transform), and prints the bytes
/// allocated per call. Nothing is timed: the loop is meant to run under <c>valgrind --tool=callgrind</c>, where the
/// instruction count of a run with N calls minus that of a run with fewer calls gives the instructions per call, a
/// figure that does not change with the load from other processes (see docs/benchmarks.md).
/// </summary>
public static class PredictLoop
{
    /// <summary>Runs the loop.</summary>
    public static int Run(string[] args)
    {
        string? model = null;
        int predictions = 100, warmup = 20, transformRows = 0;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--model": model = args[i + 1]; break;
                case "--predictions": predictions = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--transform-rows": transformRows = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.", nameof(args));
            }
        }
        if (model is null || !File.Exists(model))
            throw new ArgumentException("--model must name an existing model.zip.", nameof(args));
        var ml = new MLContext(seed: 1);
        var loaded = ml.IOHFuse().LoadModel(model, out _);
        var rows = ScoringModel.MakeWindows(ml.IOHFuse().GetModelInfo(loaded), 64);
        double checksum = 0;
        long allocated;
        int calls;
        if (transformRows > 0)
        {
            var input = ml.Data.LoadFromEnumerable(Enumerable.Range(0, transformRows).Select(i => rows[i % rows.Count]).ToList());
            foreach (var row in ml.Data.CreateEnumerable<ScoringOutput>(loaded.Transform(ml.Data.LoadFromEnumerable(rows.Take(warmup))), reuseRowObject: true))
                checksum += row.Score;
            allocated = GC.GetAllocatedBytesForCurrentThread();
            foreach (var row in ml.Data.CreateEnumerable<ScoringOutput>(loaded.Transform(input), reuseRowObject: true))
                checksum += row.Score;
            calls = transformRows;
        }
        else
        {
            using var engine = ml.Model.CreatePredictionEngine<IohWindow, ScoringOutput>(loaded);
            var output = new ScoringOutput();
            for (int i = 0; i < warmup; i++)
                engine.Predict(rows[i % rows.Count], ref output);
            allocated = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < predictions; i++)
            {
                engine.Predict(rows[i % rows.Count], ref output);
                checksum += output.Score;
            }
            calls = predictions;
        }
        double perCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Math.Max(1, calls);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls {calls}, bytes allocated per call {perCall:F0}, checksum {checksum:R}"));
        return 0;
    }
}
