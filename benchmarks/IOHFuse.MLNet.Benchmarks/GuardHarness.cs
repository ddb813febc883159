using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IOHFuse.MLNet.Data;
using Microsoft.ML;
using TorchSharp;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// <c>guard [--out DIR] [--predictions N] [--transform-rows N] [--steps N] [--reps N] [--steady-seconds S] [--keep-models DIR]</c>: the regression guard. In a few minutes it
/// trains the two models users score (<see cref="ScoringModel.CliDefault"/>, <see cref="ScoringModel.PerMinute"/>), saves
/// them, and measures what users wait for: LoadModel + PredictionEngine + first Predict, PredictionEngine p50/p99 (from the 100th call, and again after S seconds
/// of calls, default 3),
/// Transform windows/s, model.zip size, bytes allocated per prediction, and the small-size training step. Writes
/// <c>guard-latest.json</c> and <c>guard-latest.md</c> to DIR. No figure is asserted: a change that doubles one shows
/// up in review when the files are compared.
/// </summary>
public static class GuardHarness
{
    /// <summary>Runs the guard.</summary>
    public static int Run(string[] args)
    {
        string outDir = ".";
        string? keep = null;
        int predictions = 2000, transformRows = 4000, steps = 5, reps = 5;
        double steadySeconds = 3;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--out": outDir = args[i + 1]; break;
                case "--predictions": predictions = Int(args[i + 1]); break;
                case "--transform-rows": transformRows = Int(args[i + 1]); break;
                case "--steps": steps = Int(args[i + 1]); break;
                case "--reps": reps = Int(args[i + 1]); break;
                case "--steady-seconds": steadySeconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--keep-models": keep = args[i + 1]; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.", nameof(args));
            }
        }
        Directory.CreateDirectory(outDir);
        var meter = new ForeignCpuMeter();
        var clock = Stopwatch.StartNew();
        var result = new Dictionary<string, object>
        {
            ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["commit"] = Commit(),
            ["nproc"] = Environment.ProcessorCount,
            ["torch_threads"] = torch.get_num_threads(),
            ["load_average_at_start"] = LoadAverage(),
        };
        string work = keep ?? Path.Combine(Path.GetTempPath(), $"iohfuse-guard-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            foreach (var spec in new[] { ScoringModel.CliDefault, ScoringModel.PerMinute })
            {
                Log($"{spec.Name}: training and saving...");
                string path = Path.Combine(work, spec.Name + ".zip");
                var rows = spec.TrainAndSave(path, Math.Max(transformRows, 200));
                result[spec.Name] = MeasureScoring(path, rows, predictions, transformRows, reps, steadySeconds);
            }
            Log("training step (small, stage 2, full model)...");
            using (var runner = new TrainingStepRunner(ModelSize.Small, TrainingStage.FineTuneUnfrozen))
            {
                var ms = SideBySideHarness.Time(2, steps, () => runner.Step());
                result["train_step_small_ms_median"] = Percentile(ms, 0.5);
                result["train_step_small_ms_min"] = ms.Min();
            }
        }
        finally
        {
            if (keep is null)
                Directory.Delete(work, recursive: true);
        }
        result["other_processes_cpu_frac"] = meter.OtherProcessesShare();
        result["load_average_at_end"] = LoadAverage();
        result["wall_s"] = clock.Elapsed.TotalSeconds;

        string json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(outDir, "guard-latest.json"), json + Environment.NewLine);
        File.WriteAllText(Path.Combine(outDir, "guard-latest.md"), Markdown(result));
        Console.WriteLine(json);
        return 0;
    }

    /// <summary>Load, latency, allocation and throughput figures of one saved model.</summary>
    private static Dictionary<string, object> MeasureScoring(string path, List<IohWindow> rows, int predictions, int transformRows, int reps, double steadySeconds)
    {
        var r = new Dictionary<string, object> { ["model_bytes"] = new FileInfo(path).Length };
        var firsts = new List<double>();
        for (int i = 0; i < reps + 1; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var ml = new MLContext(seed: 1);
            var loaded = ml.IOHFuse().LoadModel(path, out _);
            using (var engine = ml.Model.CreatePredictionEngine<IohWindow, ScoringOutput>(loaded))
                engine.Predict(rows[0]);
            if (i > 0) // the first rep warms the JIT and the native libraries
                firsts.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            (loaded as IDisposable)?.Dispose();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        r["load_first_predict_ms_median"] = Percentile(firsts, 0.5);

        var app = new MLContext(seed: 1);
        var model = app.IOHFuse().LoadModel(path, out _);
        using (var engine = app.Model.CreatePredictionEngine<IohWindow, ScoringOutput>(model))
        {
            var output = new ScoringOutput();
            for (int i = 0; i < 100; i++)
                engine.Predict(rows[i % rows.Count], ref output);
            var latency = new List<double>(predictions);
            // Times `predictions` calls into the latency list (allocated once, outside the allocation count).
            void TimeCalls()
            {
                latency.Clear();
                for (int i = 0; i < predictions; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    engine.Predict(rows[i % rows.Count], ref output);
                    latency.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            TimeCalls();
            r["predict_bytes_allocated_per_call"] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)predictions;
            r["predict_ms_p50"] = Percentile(latency, 0.5);
            r["predict_ms_p99"] = Percentile(latency, 0.99);

            // The figures above start 100 calls after the engine is made, while .NET is still replacing its first,
            // quickly compiled code with optimised code (tiered compilation). An app that scores a bedside stream for
            // hours runs the optimised code: keep predicting for a few seconds, then time the same number of calls.
            var warm = Stopwatch.StartNew();
            for (int i = 0; warm.Elapsed.TotalSeconds < steadySeconds; i++)
                engine.Predict(rows[i % rows.Count], ref output);
            TimeCalls();
            r["predict_steady_after_s"] = steadySeconds;
            r["predict_ms_p50_steady"] = Percentile(latency, 0.5);
            r["predict_ms_p99_steady"] = Percentile(latency, 0.99);
        }

        var input = app.Data.LoadFromEnumerable(rows.Take(transformRows));
        long t0 = Stopwatch.GetTimestamp();
        double checksum = 0;
        foreach (var row in app.Data.CreateEnumerable<ScoringOutput>(model.Transform(input), reuseRowObject: true))
            checksum += row.Score + row.Forecast[^1];
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        r["transform_windows_per_s"] = transformRows / seconds;
        r["transform_checksum"] = checksum;
        (model as IDisposable)?.Dispose();
        Log($"  load+first {r["load_first_predict_ms_median"]:F1} ms, predict p50 {r["predict_ms_p50"]:F3} / p99 {r["predict_ms_p99"]:F3} ms " +
            $"(after {steadySeconds:F0} s of calls: {r["predict_ms_p50_steady"]:F3} / {r["predict_ms_p99_steady"]:F3} ms), " +
            $"{r["predict_bytes_allocated_per_call"]:F0} B/call, Transform {r["transform_windows_per_s"]:F0} windows/s");
        return r;
    }

    private static string Markdown(Dictionary<string, object> r)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"# Regression guard ({r["date_utc"]} UTC, commit {r["commit"]})");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"{r["nproc"]} cores, load average {r["load_average_at_start"]} at start and {r["load_average_at_end"]} at end, other processes {(double)r["other_processes_cpu_frac"]:P0} of the CPU. Timings from a busy machine are not comparable with an idle one.");
        s.AppendLine();
        s.AppendLine("| figure | cli-default | per-minute |");
        s.AppendLine("|---|---:|---:|");
        var a = (Dictionary<string, object>)r[ScoringModel.CliDefault.Name];
        var b = (Dictionary<string, object>)r[ScoringModel.PerMinute.Name];
        void Row(string label, string key, string format) =>
            s.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {Convert.ToDouble(a[key], CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture)} | {Convert.ToDouble(b[key], CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture)} |");
        Row("PredictionEngine p50 (ms)", "predict_ms_p50", "F3");
        Row("PredictionEngine p99 (ms)", "predict_ms_p99", "F3");
        Row(string.Create(CultureInfo.InvariantCulture, $"PredictionEngine p50 after {a["predict_steady_after_s"]} s of calls (ms)"), "predict_ms_p50_steady", "F3");
        Row("PredictionEngine p99 after those calls (ms)", "predict_ms_p99_steady", "F3");
        Row("bytes allocated per Predict", "predict_bytes_allocated_per_call", "F0");
        Row("Transform (windows/s)", "transform_windows_per_s", "F0");
        Row("LoadModel + first Predict (ms)", "load_first_predict_ms_median", "F1");
        Row("model.zip (bytes)", "model_bytes", "F0");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Training step, small size (d=128, 3 layers, batch 32, full model): median {(double)r["train_step_small_ms_median"]:F1} ms, best {(double)r["train_step_small_ms_min"]:F1} ms.");
        return s.ToString();
    }

    /// <summary>Nearest-rank percentile.</summary>
    internal static double Percentile(List<double> values, double q)
    {
        var s = values.Order().ToList();
        return s[Math.Clamp((int)Math.Ceiling(q * s.Count) - 1, 0, s.Count - 1)];
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true });
            string sha = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? sha : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static void Log(string message) => Console.Error.WriteLine(message);
}
