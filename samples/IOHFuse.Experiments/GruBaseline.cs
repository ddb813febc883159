using System.Diagnostics;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.Experiments;

/// <summary>
/// The recurrent baseline of the real-data report: a 2-layer GRU (64 units) over the MAP history, one value per
/// sample period, whose last hidden state gives the IOH logit. Trained with Adam (1e-3, batch 256) on binary cross
/// entropy; the epoch with the best validation AUROC is kept. A plain, well-known model: the bar IOHFuseLM must clear.
/// </summary>
public sealed class GruBaseline : IDisposable
{
    private readonly GruNet _net;

    private GruBaseline(GruNet net) => _net = net;

    /// <summary>Validation AUROC after each epoch.</summary>
    public IReadOnlyList<double> ValidationAurocs { get; private init; } = [];

    /// <summary>Training time.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>Trains on <paramref name="train"/>, selecting the epoch on <paramref name="validation"/>.</summary>
    /// <param name="ml">The ML.NET context (its binary-classification evaluator scores validation AUROC).</param>
    /// <param name="train">Histories (equal length, mmHg) and labels.</param>
    /// <param name="validation">Validation histories and labels (cases disjoint from train).</param>
    /// <param name="epochs">Epochs; positive.</param>
    /// <param name="seed">Seed of initialisation and shuffling.</param>
    /// <param name="log">Receives one line per epoch.</param>
    public static GruBaseline Fit(MLContext ml, (float[][] X, bool[] Y) train, (float[][] X, bool[] Y) validation, int epochs, int seed, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(train.X);
        ArgumentNullException.ThrowIfNull(validation.X);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (train.X.Length == 0 || validation.X.Length == 0)
            throw new ArgumentException("Training and validation need at least one window each.");
        var clock = Stopwatch.StartNew();
        // TorchSharp initialises modules from its global generator; this harness owns its process, so seeding it is fine here.
        torch.random.manual_seed(seed);
        var net = new GruNet();
        using var optimizer = torch.optim.Adam(net.parameters(), lr: 1e-3);
        var rng = new Random(seed);
        int n = train.X.Length, length = train.X[0].Length;
        var order = Enumerable.Range(0, n).ToArray();
        var aurocs = new List<double>();
        double best = double.NegativeInfinity;
        Dictionary<string, Tensor>? bestState = null;
        double positives = train.Y.Count(y => y);
        using var positiveWeight = torch.tensor(new[] { (float)Math.Max(1, (n - positives) / Math.Max(1, positives)) });
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            net.train();
            rng.Shuffle(order);
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start < n; start += 256)
            {
                using var scope = torch.NewDisposeScope();
                int b = Math.Min(256, n - start);
                var x = new float[b * length];
                var y = new float[b];
                for (int i = 0; i < b; i++)
                {
                    train.X[order[start + i]].CopyTo(x, i * length);
                    y[i] = train.Y[order[start + i]] ? 1 : 0;
                }
                var logits = net.call(Normalize(torch.tensor(x, [b, length])));
                var loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor(y), pos_weights: positiveWeight);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
                batches++;
            }
            var model = new GruBaseline(net);
            double auroc = Auroc(ml, model.Score(validation.X), validation.Y);
            aurocs.Add(auroc);
            log?.Invoke($"GRU epoch {epoch}/{epochs}: loss {lossSum / batches:F4}, validation AUROC {auroc:F3} ({clock.Elapsed.TotalSeconds:F0} s)");
            if (auroc > best)
            {
                best = auroc;
                if (bestState is not null)
                    foreach (var t in bestState.Values) t.Dispose();
                bestState = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
        }
        net.load_state_dict(bestState!);
        foreach (var t in bestState!.Values) t.Dispose();
        return new GruBaseline(net) { ValidationAurocs = aurocs, Duration = clock.Elapsed };
    }

    /// <summary>IOH logits of the windows.</summary>
    public float[] Score(float[][] histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        _net.eval();
        var scores = new float[histories.Length];
        if (histories.Length == 0)
            return scores;
        int length = histories[0].Length;
        using var noGrad = torch.no_grad();
        for (int start = 0; start < histories.Length; start += 1024)
        {
            using var scope = torch.NewDisposeScope();
            int b = Math.Min(1024, histories.Length - start);
            var x = new float[b * length];
            for (int i = 0; i < b; i++)
                histories[start + i].CopyTo(x, i * length);
            _net.call(Normalize(torch.tensor(x, [b, length]))).data<float>().CopyTo(scores, start);
        }
        return scores;
    }

    /// <summary>(MAP − 80) / 20 as a [batch, length, 1] sequence; scalars as tensors so no temporary is left unrooted.</summary>
    private static Tensor Normalize(Tensor map)
    {
        using var centre = torch.tensor(80f);
        using var scale = torch.tensor(20f);
        return map.sub(centre).div(scale).unsqueeze(-1);
    }

    private static double Auroc(MLContext ml, float[] scores, bool[] labels) =>
        ml.BinaryClassification.EvaluateNonCalibrated(ml.Data.LoadFromEnumerable(scores.Select((s, i) => new ScoredRow { Label = labels[i], Score = s, PredictedLabel = s >= 0 })))
            .AreaUnderRocCurve;

    private sealed class ScoredRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    /// <inheritdoc/>
    public void Dispose() => _net.Dispose();

    private sealed class GruNet : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.GRU _gru;
        private readonly TorchSharp.Modules.Linear _head;

        public GruNet() : base(nameof(GruNet))
        {
            _gru = nn.GRU(1, 64, numLayers: 2, batchFirst: true);
            _head = nn.Linear(64, 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var (output, hidden) = _gru.call(x);
            hidden.Dispose();
            using var last = output.select(1, -1);
            return _head.call(last).squeeze(-1);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gru.Dispose();
                _head.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
