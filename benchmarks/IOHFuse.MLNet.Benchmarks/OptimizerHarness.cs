using System.Diagnostics;
using TorchSharp;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// <c>adamw [--config small|paper] [--stage finetune|pretrain] [--vocabulary compact|reference] [--steps N] [--warmup N]
/// [--json PATH]</c>: the trainer's own step (<c>IohFuseLMTrainer.FineTuneStep</c> / <c>PretrainStep</c>, full model)
/// with its <c>InPlaceAdamW</c> and with TorchSharp's <c>torch.optim.AdamW</c>, on the same sizes, starting weights and
/// batches. <c>compact</c> (default): an embedding of 500 token rows, what Fit builds for the featurizer's few hundred
/// ids; <c>reference</c>: the side-by-side's 50,283 rows, where the optimizer's memory traffic matters most. The two runs alternate step by step (and which goes first alternates too), so a change in machine load
/// hits both alike; prints the median step time of each, their ratio, and how far their losses drifted apart (the
/// updates agree to float rounding, so the two runs take the same steps). The question it answers: is TorchSharp's
/// AdamW as fast, so that InPlaceAdamW can go? Run it on an idle machine.
/// </summary>
public static class OptimizerHarness
{
    /// <summary>Runs the measurement and prints one JSON object.</summary>
    public static int Run(string[] args)
    {
        var o = new HarnessOptions(args, "config", "stage", "vocabulary", "steps", "warmup", "json");
        var size = ModelSize.Parse(o.Text("config", "small")!);
        string stageName = o.Text("stage", "finetune")!;
        var stage = stageName switch
        {
            "finetune" => TrainingStage.FineTuneUnfrozen,
            "pretrain" => TrainingStage.Pretrain,
            _ => throw new ArgumentException($"--stage must be finetune or pretrain (got '{stageName}')."),
        };
        string vocabulary = o.Text("vocabulary", "compact")!;
        int? compactIds = vocabulary switch
        {
            "compact" => 500,
            "reference" => null,
            _ => throw new ArgumentException($"--vocabulary must be compact or reference (got '{vocabulary}')."),
        };
        int steps = o.Integer("steps", 20), warmup = o.Integer("warmup", 3);
        var meter = new ForeignCpuMeter();
        torch.set_num_threads(2);

        using var inPlace = new TrainingStepRunner(size, stage, compactVocabularyIds: compactIds);
        using var library = new TrainingStepRunner(size, stage, torchSharpAdamW: true, compactVocabularyIds: compactIds);
        var inPlaceMs = new List<double>();
        var libraryMs = new List<double>();
        double largestLossGap = 0;
        for (int i = 0; i < warmup + steps; i++)
        {
            bool inPlaceFirst = i % 2 == 0;
            var (first, firstMs) = Timed(inPlaceFirst ? inPlace : library);
            var (second, secondMs) = Timed(inPlaceFirst ? library : inPlace);
            largestLossGap = Math.Max(largestLossGap, Math.Abs(first - second) / Math.Max(1e-12, Math.Abs(first)));
            if (i < warmup)
                continue;
            (inPlaceFirst ? inPlaceMs : libraryMs).Add(firstMs);
            (inPlaceFirst ? libraryMs : inPlaceMs).Add(secondMs);
            Console.Error.WriteLine($"step {i - warmup + 1}/{steps}: InPlaceAdamW {(inPlaceFirst ? firstMs : secondMs):F1} ms, torch.optim.AdamW {(inPlaceFirst ? secondMs : firstMs):F1} ms");
        }

        var result = new Dictionary<string, object>
        {
            ["config"] = size.Name,
            ["stage"] = stageName,
            ["vocabulary"] = vocabulary,
            ["steps"] = steps,
            ["warmup"] = warmup,
            ["params"] = inPlace.ParameterCount,
            ["in_place_adamw_step_ms_median"] = SideBySideHarness.Median(inPlaceMs),
            ["torchsharp_adamw_step_ms_median"] = SideBySideHarness.Median(libraryMs),
            ["torchsharp_over_in_place"] = SideBySideHarness.Median(libraryMs) / SideBySideHarness.Median(inPlaceMs),
            ["largest_relative_loss_gap"] = largestLossGap,
            ["threads"] = torch.get_num_threads(),
            ["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
            ["nproc"] = Environment.ProcessorCount,
            ["other_processes_cpu_frac"] = meter.OtherProcessesShare(),
        };
        o.Report(result);
        return 0;
    }

    private static (float Loss, double Milliseconds) Timed(TrainingStepRunner runner)
    {
        long start = Stopwatch.GetTimestamp();
        float loss = runner.Step();
        return (loss, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
