using System.Diagnostics;
using System.Text.Json;
using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using TorchSharp;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Stopwatch timings in one process, by the method of the PyTorch reference implementation in ../shared/bench: medians
/// of N steps after warm-up, batch-1 latency as the median over calls on different rows, batch-256 throughput as the
/// median of a few calls. Writes one JSON object whose keys match the reference's where the figure is the same.
/// </summary>
public static class SideBySideHarness
{
    /// <summary>Runs the figures for one model size; <c>memory</c> runs the 20-epoch RSS measurement instead.</summary>
    /// <param name="args">--config small|paper|memory, --steps, --warmup, --infer-calls, --infer-reps, --infer-batch,
    /// --transform-rows, --epochs, --json PATH.</param>
    public static int Run(string[] args)
    {
        var a = new HarnessArguments(args);
        var meter = new ForeignCpuMeter();
        torch.set_num_threads(2);
        var result = a.Config switch
        {
            "memory" => MemoryRun(a),
            "profile-small" => StepProfiler.Run(ModelSize.Small, a.Steps),
            "profile-paper" => StepProfiler.Run(ModelSize.Paper, a.Steps),
            _ => SpeedRun(a, ModelSize.Parse(a.Config)),
        };
        result["threads"] = torch.get_num_threads();
        result["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";
        result["dotnet"] = Environment.Version.ToString();
        result["nproc"] = Environment.ProcessorCount;
        result["other_processes_cpu_frac"] = meter.OtherProcessesShare();
        string json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        if (a.Json is not null)
            File.WriteAllText(a.Json, json + Environment.NewLine);
        return 0;
    }

    /// <summary>Distinct token ids of the "as Fit runs it" steps: about what the clinical-text featurizer emits.</summary>
    private const int CompactVocabularyIds = 400;

    private static Dictionary<string, object> SpeedRun(HarnessArguments a, ModelSize size)
    {
        var r = new Dictionary<string, object> { ["config"] = size.Name, ["d_model"] = size.Dimension, ["heads"] = size.Heads, ["layers"] = size.Layers };
        Log($"TorchSharp {typeof(torch).Assembly.GetName().Version}, config {size.Name}");
        double peak1 = MatmulPeak.BestGflops(1), peak = MatmulPeak.BestGflops(2);
        r["peak_matmul_gflops"] = peak;
        r["peak_matmul_1thread_gflops"] = peak1;
        Log($"peak sgemm 2048^3: 2 threads {peak:F1} GFLOP/s, 1 thread {peak1:F1}");

        foreach (var (stage, key) in new[] { (TrainingStage.FineTuneUnfrozen, "train"), (TrainingStage.Pretrain, "pretrain"), (TrainingStage.FineTuneFrozen, "train_frozen") })
        {
            using var runner = new TrainingStepRunner(size, stage, libraryDefaults: stage == TrainingStage.FineTuneFrozen);
            if (stage == TrainingStage.FineTuneUnfrozen)
                r["params"] = runner.ParameterCount;
            var ms = Time(a.Warmup, a.Steps, () => runner.Step());
            double median = Median(ms);
            bool pretrain = stage == TrainingStage.Pretrain;
            r[$"{key}_ms_per_step"] = median;
            r[$"{key}_ms_per_step_stats"] = Stats(ms);
            // The reference's FLOP count (every position through every block) over this side's time: the last block
            // here skips the text positions, so this is an effective rate, comparable between the sides, not the
            // arithmetic actually done.
            r[$"{key}_gflops_achieved"] = Flops.Train(size, pretrain) * runner.BatchSize / (median / 1e3) / 1e9;
            Log($"{key}: median {median:F1} ms/step (min {ms.Min():F1}, max {ms.Max():F1})");
        }
        r["train_fraction_of_peak"] = (double)r["train_gflops_achieved"] / peak;

        // The same steps as Fit runs them: Fit gives the token embedding one row per id the training data uses (a few
        // hundred for the clinical-text featurizer) instead of the reference's 50,283 rows, so AdamW and the embedding's
        // gradient cover 400 rows. Everything else (network, batch shapes, text lengths, loss) is as above.
        foreach (var (stage, key) in new[] { (TrainingStage.FineTuneUnfrozen, "train_compact"), (TrainingStage.Pretrain, "pretrain_compact") })
        {
            using var runner = new TrainingStepRunner(size, stage, compactVocabularyIds: CompactVocabularyIds);
            var ms = Time(a.Warmup, a.Steps, () => runner.Step());
            r[$"{key}_ms_per_step"] = Median(ms);
            r[$"{key}_ms_per_step_stats"] = Stats(ms);
            Log($"{key}: median {Median(ms):F1} ms/step (min {ms.Min():F1}, max {ms.Max():F1}), {CompactVocabularyIds} token ids");
        }
        r["compact_vocabulary_ids"] = CompactVocabularyIds;

        // The network called directly (random weights), like the reference's model(map, ids) under inference mode.
        using (var initial = new torch.Generator(1))
        using (var scorer = new FusedScorer(new FusedNetwork(size.Config(), initial), new FusedModelMetadata(size.Config(), -1, 0, 0.5f, "benchmark", 3, 5, size.ReferenceVocabulary()), torch.CPU))
        {
            var rows = SyntheticWindows.Make(Math.Max(a.InferCalls, a.InferBatch), seed: 5);
            var one = new float[BenchmarkWindow.FutureLength];
            var logit = new float[Math.Max(a.InferBatch, 1)];
            var lat = new List<double>();
            for (int i = 0; i < 5 + a.InferCalls; i++)
            {
                var row = rows[i % rows.Count];
                long start = Stopwatch.GetTimestamp();
                scorer.ScoreBatch(row.History, row.TokenIds, row.TokenMask, 1, logit, one);
                if (i >= 5)
                    lat.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            r["infer_ms_per_row_batch1"] = Median(lat);
            r["infer_ms_per_row_batch1_stats"] = Stats(lat);
            var big = rows.Take(a.InferBatch).ToList();
            var history = big.SelectMany(w => w.History).ToArray();
            var ids = big.SelectMany(w => w.TokenIds).ToArray();
            var mask = big.SelectMany(w => w.TokenMask).ToArray();
            var forecast = new float[a.InferBatch * BenchmarkWindow.FutureLength];
            var bt = Time(1, a.InferReps, () => scorer.ScoreBatch(history, ids, mask, a.InferBatch, logit, forecast));
            r["infer_batch"] = a.InferBatch;
            r["infer_rows_per_s_batch256"] = a.InferBatch / (Median(bt) / 1e3);
            r["infer_batch256_gflops_achieved"] = Flops.Forward(size, false) * a.InferBatch / (Median(bt) / 1e3) / 1e9;
            Log($"scorer: batch1 median {Median(lat):F2} ms/row; batch{a.InferBatch} {r["infer_rows_per_s_batch256"]:F1} rows/s");
        }

        if (a.TransformRows > 0)
            MeasurePipeline(a, size, r);
        return r;
    }

    /// <summary>The ML.NET path: model.zip load, PredictionEngine latency, Transform throughput.</summary>
    private static void MeasurePipeline(HarnessArguments a, ModelSize size, Dictionary<string, object> r)
    {
        using var fixture = new ScoringFixture(size, Math.Max(a.TransformRows, a.InferCalls + 5));
        r["model_zip_mib"] = fixture.ModelBytes / 1048576.0;
        var loads = new List<double>();
        var firsts = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var loaded = fixture.Load(out _);
            loads.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            using var engine = fixture.MLContext.Model.CreatePredictionEngine<BenchmarkWindow, ScoringOutput>(loaded);
            engine.Predict(fixture.Rows[0]); // decodes the weights (once per loaded model)
            firsts.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            (loaded as IDisposable)?.Dispose();
        }
        r["model_load_ms"] = Median(loads);
        r["model_load_first_predict_ms"] = Median(firsts);
        Log($"model.zip {fixture.ModelBytes / 1048576.0:F1} MiB: Load {Median(loads):F0} ms, Load + first Predict {Median(firsts):F0} ms");

        var model = fixture.Load(out _);
        using (var engine = fixture.MLContext.Model.CreatePredictionEngine<BenchmarkWindow, ScoringOutput>(model))
        {
            var lat = new List<double>();
            for (int i = 0; i < 5 + a.InferCalls; i++)
            {
                var row = fixture.Rows[i];
                long start = Stopwatch.GetTimestamp();
                engine.Predict(row);
                if (i >= 5)
                    lat.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            r["predict_engine_p50_ms"] = Percentile(lat, 0.50);
            r["predict_engine_p99_ms"] = Percentile(lat, 0.99);
            r["predict_engine_stats"] = Stats(lat);
            Log($"PredictionEngine: p50 {Percentile(lat, 0.5):F2} ms, p99 {Percentile(lat, 0.99):F2} ms");
        }

        var input = fixture.MLContext.Data.LoadFromEnumerable(fixture.Rows.Take(a.TransformRows));
        long t0 = Stopwatch.GetTimestamp();
        double checksum = 0;
        foreach (var row in fixture.MLContext.Data.CreateEnumerable<ScoringOutput>(model.Transform(input), reuseRowObject: true))
            checksum += row.Score;
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        r["transform_rows"] = a.TransformRows;
        r["transform_rows_per_s"] = a.TransformRows / seconds;
        r["transform_score_checksum"] = checksum;
        Log($"Transform: {a.TransformRows} windows in {seconds:F1} s = {a.TransformRows / seconds:F0} windows/s");
        (model as IDisposable)?.Dispose();
    }

    /// <summary>A small stage-2 training run with one RSS sample per epoch: memory must stay flat across epochs.</summary>
    private static Dictionary<string, object> MemoryRun(HarnessArguments a)
    {
        var size = ModelSize.Small;
        var mlContext = new MLContext(seed: 1);
        var recorder = new EpochMemoryRecorder();
        var options = size.Options(unfreezeBackbone: true, libraryDefaults: true);
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = a.Epochs;
        options.Progress = recorder;
        var data = mlContext.Data.LoadFromEnumerable(SyntheticWindows.Make(a.Rows, seed: 3));
        double before = ProcessMemory.ResidentMiB();
        double managedMax = 0;
        using var sampler = new Timer(_ => managedMax = Math.Max(managedMax, ProcessMemory.ManagedMiB()), null, 0, 50);
        using (var model = mlContext.IOHFuse().Trainers.IohFuseLM(options).Fit(data))
        {
            sampler.Change(Timeout.Infinite, Timeout.Infinite);
        }
        var rss = recorder.Samples.Select(s => s.RssMiB).ToList();
        var result = new Dictionary<string, object>
        {
            ["config"] = "memory",
            ["epochs"] = a.Epochs,
            ["rows"] = a.Rows,
            ["rss_before_fit_mib"] = before,
            ["rss_epoch1_mib"] = rss[0],
            ["rss_last_epoch_mib"] = rss[^1],
            ["rss_max_epoch_mib"] = rss.Max(),
            ["rss_growth_epoch2_to_last_mib"] = rss[^1] - rss[Math.Min(1, rss.Count - 1)],
            ["rss_peak_process_mib"] = ProcessMemory.PeakResidentMiB(),
            ["managed_peak_mib"] = managedMax,
            ["rss_per_epoch_mib"] = rss,
            ["managed_per_epoch_mib"] = recorder.Samples.Select(s => s.ManagedMiB).ToList(),
            ["live_tensors_per_epoch"] = recorder.Samples.Select(s => s.LiveTensors).ToList(),
        };
        Log($"memory: RSS epoch 1 {rss[0]:F0} MiB, epoch {rss.Count} {rss[^1]:F0} MiB, max {rss.Max():F0} MiB; process peak {ProcessMemory.PeakResidentMiB():F0} MiB; managed peak {managedMax:F0} MiB; live tensors after each epoch {string.Join(' ', recorder.Samples.Select(s => s.LiveTensors))}");
        return result;
    }

    /// <summary>Times <paramref name="count"/> calls of <paramref name="action"/> after <paramref name="warmup"/> untimed ones, in ms.</summary>
    internal static List<double> Time(int warmup, int count, Action action)
    {
        var ms = new List<double>(count);
        for (int i = 0; i < warmup + count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            if (i >= warmup)
                ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return ms;
    }

    internal static double Median(List<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank percentile; the median of an even count is the mean of the middle two (as Python's statistics.median).</summary>
    private static double Percentile(List<double> values, double q)
    {
        var s = values.OrderBy(v => v).ToList();
        if (q == 0.5)
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        int rank = (int)Math.Ceiling(q * s.Count);
        return s[Math.Clamp(rank - 1, 0, s.Count - 1)];
    }

    private static Dictionary<string, double> Stats(List<double> ms) => new()
    {
        ["median"] = Median(ms), ["mean"] = ms.Average(), ["min"] = ms.Min(), ["max"] = ms.Max(), ["n"] = ms.Count,
    };

    private static void Log(string message) => Console.Error.WriteLine(message);
}
