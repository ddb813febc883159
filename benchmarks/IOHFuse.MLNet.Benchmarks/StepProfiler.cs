using System.Diagnostics;
using IOHFuse.MLNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Where the time goes: medians of the phases of a full-model stage-2 step (batch building, forward, backward,
/// AdamW) and of a batch-1 forward under no_grad and inference_mode. Run with <c>sidebyside --config profile-small</c>.
/// </summary>
public static class StepProfiler
{
    /// <summary>Prints phase medians for <paramref name="size"/>.</summary>
    public static Dictionary<string, object> Run(ModelSize size, int steps)
    {
        var result = new Dictionary<string, object> { ["config"] = $"profile-{size.Name}" };
        using var generator = new torch.Generator(1);
        using var network = new FusedNetwork(size.Config(), generator);
        network.train();
        var rows = SyntheticWindows.Make(32, seed: 1);
        using var history = torch.tensor(rows.SelectMany(r => r.History).ToArray(), new long[] { 32, BenchmarkWindow.HistoryLength });
        using var ids = torch.tensor(rows.SelectMany(r => r.TokenIds).ToArray(), new long[] { 32, BenchmarkWindow.TextLength });
        using var mask = torch.tensor(rows.SelectMany(r => r.TokenMask).ToArray(), new long[] { 32, BenchmarkWindow.TextLength });
        using var future = torch.tensor(rows.SelectMany(r => r.Future).ToArray(), new long[] { 32, BenchmarkWindow.FutureLength });
        using var optimizer = torch.optim.AdamW(network.parameters(), lr: 1e-3, weight_decay: 0.01);
        var fwd = new List<double>();
        var bwd = new List<double>();
        var opt = new List<double>();
        var totalZeroed = new List<double>();
        var totalDropped = new List<double>();
        for (int i = 0; i < 2 * steps + 2; i++)
        {
            using var scope = torch.NewDisposeScope();
            long t0 = Stopwatch.GetTimestamp();
            // Alternate TorchSharp's zero_grad (writes zeros) with dropping the gradients (what the trainer does).
            bool zeroed = i % 2 == 0;
            if (zeroed)
                optimizer.zero_grad();
            else
                foreach (var p in network.parameters()) p.grad = null;
            var output = network.Forward(history, ids, mask);
            var loss = (output.Forecast - future / 100f).pow(2).mean() + output.Logit.pow(2).mean();
            long t1 = Stopwatch.GetTimestamp();
            loss.backward();
            long t2 = Stopwatch.GetTimestamp();
            optimizer.step();
            long t3 = Stopwatch.GetTimestamp();
            if (i < 2)
                continue;
            (zeroed ? totalZeroed : totalDropped).Add(Ms(t0, t3));
            if (zeroed)
                continue;
            fwd.Add(Ms(t0, t1));
            bwd.Add(Ms(t1, t2));
            opt.Add(Ms(t2, t3));
        }
        result["train_fwd_ms_median"] = Median(fwd);
        result["train_bwd_ms_median"] = Median(bwd);
        result["train_adamw_ms_median"] = Median(opt);
        result["train_step_zero_grad_ms"] = Median(totalZeroed);
        result["train_step_grad_none_ms"] = Median(totalDropped);
        Console.Error.WriteLine($"train step: optimizer.zero_grad {Median(totalZeroed):F1} ms, gradients dropped {Median(totalDropped):F1} ms");
        Console.Error.WriteLine($"train phases: fwd {Median(fwd):F1}, bwd {Median(bwd):F1}, adamw {Median(opt):F1} ms");

        // The trainer's own stage-2 step (what the side-by-side table times) on the same sizes, for comparison with the
        // hand-written step above: the gap is overhead of the library's step (batch building, loss, optimizer).
        using (var runner = new TrainingStepRunner(size, TrainingStage.FineTuneUnfrozen))
        {
            var library = new List<double>();
            for (int i = 0; i < steps + 2; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                runner.Step();
                if (i >= 2)
                    library.Add(Ms(t0, Stopwatch.GetTimestamp()));
            }
            result["trainer_fine_tune_step_ms"] = Median(library);
            Console.Error.WriteLine($"trainer FineTuneStep (full model, AdamW): {Median(library):F1} ms");
        }

        network.eval();
        using var one = history.narrow(0, 0, 1).clone();
        using var oneIds = ids.narrow(0, 0, 1).clone();
        using var oneMask = mask.narrow(0, 0, 1).clone();
        using var fullMask = torch.ones_like(oneMask);
        result["batch1_tokens"] = oneMask.sum().item<float>();
        foreach (var mode in new[] { "no_grad", "inference_mode", "no_grad_80_tokens" })
        {
            var lat = new List<double>();
            for (int i = 0; i < 205; i++)
            {
                using IDisposable guard = mode == "inference_mode" ? torch.inference_mode() : torch.no_grad();
                using var scope = torch.NewDisposeScope();
                long t0 = Stopwatch.GetTimestamp();
                network.Forward(one, oneIds, mode == "no_grad_80_tokens" ? fullMask : oneMask);
                if (i >= 5)
                    lat.Add(Ms(t0, Stopwatch.GetTimestamp()));
            }
            result[$"batch1_{mode}_ms"] = Median(lat);
            Console.Error.WriteLine($"batch-1 forward under {mode}: {Median(lat):F3} ms");
        }
        return result;
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static double Median(List<double> v)
    {
        var s = v.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
