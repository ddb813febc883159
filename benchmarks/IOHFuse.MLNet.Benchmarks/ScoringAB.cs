using System.Diagnostics;
using System.Globalization;
using IOHFuse.MLNet.Model;
using TorchSharp;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// <c>scoring-ab [--rounds N]</c>: one row scored by the network's own forward pass (what the scorer ran before
/// <see cref="FusedInference"/>: arrays copied into tensors, <see cref="FusedNetwork.Forward"/> under no_grad, the
/// forecast converted on tensors) and by <see cref="FusedScorer.ScoreBatch"/>, interleaved call by call in one process
/// (the order alternates each round), for the two architectures users score, with the process's default intra-op
/// thread count. The ratio of the two medians, and the median of the per-round ratios, hold on a busy machine far
/// better than either time alone.
/// </summary>
public static class ScoringAB
{
    /// <summary>Runs the comparison and prints one line per model.</summary>
    public static int Run(string[] args)
    {
        int rounds = args.Length >= 2 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        // The CLI default (300 samples in patches of 10, a 5-min forecast at 3 s, 80 token positions of which a clinical
        // sentence fills about 30) and the per-minute series-only model (60 samples in patches of 4, a 5-sample forecast).
        Compare("cli-default", new FusedModelConfig(300, 10, 100, 80, 400, 64, 4, 2, 4, 0.0), tokens: 30, rounds);
        Compare("per-minute", new FusedModelConfig(60, 4, 5, 0, 0, 64, 4, 2, 4, 0.0), tokens: 0, rounds);
        return 0;
    }

    private static void Compare(string name, FusedModelConfig config, int tokens, int rounds)
    {
        using var generator = new torch.Generator(1);
        var vocabulary = config.UsesText ? Enumerable.Range(1, config.VocabularySize - 1).Select(i => (long)i).ToArray() : null;
        using var scorer = new FusedScorer(new FusedNetwork(config, generator), new FusedModelMetadata(config, -1, 0, 0.5f, "benchmark", 3, 5, vocabulary), torch.CPU);
        var random = new Random(2);
        var history = Enumerable.Range(0, config.HistoryLength).Select(_ => 60f + (float)random.NextDouble() * 40f).ToArray();
        var ids = new long[config.TextLength];
        var mask = new float[config.TextLength];
        for (int t = 0; t < tokens; t++)
        {
            ids[t] = random.Next(1, config.VocabularySize - 1);
            mask[t] = 1;
        }
        var logit = new float[1];
        var forecast = new float[config.ForecastLength];
        var before = new List<double>(rounds);
        var after = new List<double>(rounds);
        var ratios = new List<double>(rounds);
        for (int i = 0; i < rounds + 20; i++)
        {
            double a, b;
            if (i % 2 == 0)
            {
                a = Time(() => NetworkForward(scorer, history, ids, mask, logit, forecast));
                b = Time(() => scorer.ScoreBatch(history, ids, mask, 1, logit, forecast));
            }
            else
            {
                b = Time(() => scorer.ScoreBatch(history, ids, mask, 1, logit, forecast));
                a = Time(() => NetworkForward(scorer, history, ids, mask, logit, forecast));
            }
            if (i < 20)
                continue;
            before.Add(a);
            after.Add(b);
            ratios.Add(b / a);
        }
        double medianBefore = GuardHarness.Percentile(before, 0.5), medianAfter = GuardHarness.Percentile(after, 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: network forward median {medianBefore:F3} / p99 {GuardHarness.Percentile(before, 0.99):F3} / mean {before.Average():F3} ms, " +
            $"FusedScorer median {medianAfter:F3} / p99 {GuardHarness.Percentile(after, 0.99):F3} / mean {after.Average():F3} ms, " +
            $"ratio of medians {medianAfter / medianBefore:F3}, median per-round ratio {GuardHarness.Percentile(ratios, 0.5):F3} ({rounds} rounds, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
    }

    /// <summary>The scorer's pass before FusedInference, kept here for comparison.</summary>
    private static void NetworkForward(FusedScorer scorer, float[] history, long[] ids, float[] mask, float[] logit, float[] forecast)
    {
        var cfg = scorer.Config;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var h = torch.tensor(history.ToArray(), new long[] { 1, cfg.HistoryLength }).to(torch.CPU);
        torch.Tensor? idsTensor = null, maskTensor = null;
        if (cfg.UsesText)
        {
            var rows = new long[ids.Length];
            scorer.Vocabulary!.ToRows(ids, rows);
            idsTensor = torch.tensor(rows, new long[] { 1, cfg.TextLength }).to(torch.CPU);
            maskTensor = torch.tensor(mask.ToArray(), new long[] { 1, cfg.TextLength }).to(torch.CPU);
        }
        var output = scorer.Network.Forward(h, idsTensor, maskTensor);
        output.Logit.cpu().data<float>().CopyTo(logit);
        FusedModelConfig.ToMmHg(output.Forecast).cpu().data<float>().CopyTo(forecast);
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
