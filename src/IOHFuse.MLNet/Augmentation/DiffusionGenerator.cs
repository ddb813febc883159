using System.Diagnostics;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// The TorchSharp side of the augmenter: a <see cref="DiffusionDenoiser"/> trained with x0-prediction on a cosine
/// schedule, and DDIM sampling from pure noise or from a partly noised real window (SDEdit, Meng et al. 2022).
/// Windows are handled in mmHg outside and in normalized units ((x − 80) / 20) inside.
/// </summary>
internal sealed class DiffusionGenerator : IDisposable
{
    /// <summary>Normalization centre (mmHg): roughly the middle of intraoperative MAP, so inputs are near 0.</summary>
    internal const float Center = 80f;

    /// <summary>Normalization scale (mmHg): a typical MAP excursion, so inputs are of order 1.</summary>
    internal const float Scale = 20f;

    private const int SampleBatch = 256;

    private readonly DiffusionDenoiser _model;
    private readonly CosineNoiseSchedule _schedule;
    private readonly Device _device;

    private DiffusionGenerator(DiffusionAugmentationOptions options, int historyLength, int futureLength, Device device, torch.Generator? initialWeights)
    {
        Options = options;
        HistoryLength = historyLength;
        FutureLength = futureLength;
        _device = device;
        _schedule = new CosineNoiseSchedule(options.DiffusionSteps);
        // Created on the CPU (weights drawn from the caller's generator, or left for a saved state), then moved.
        _model = new DiffusionDenoiser(WindowLength, options.PatchLength, options.HiddenSize, options.NumberOfLayers, options.NumberOfHeads, initialWeights);
        _model.to(device);
    }

    public DiffusionAugmentationOptions Options { get; }

    public int HistoryLength { get; }

    public int FutureLength { get; }

    public int WindowLength => HistoryLength + FutureLength;

    /// <summary>Trains a generator on windows given in mmHg ([history | future], finite).</summary>
    public static DiffusionGenerator Train(DiffusionAugmentationOptions options, IReadOnlyList<float[]> windows, int historyLength,
        int futureLength, int seed, Device device, IChannel ch, out float[] epochLosses)
    {
        // Its own stream for the starting weights (the noise of Fit has another), never the process-wide generator.
        using var initialWeights = new torch.Generator(unchecked((ulong)seed + 0x5EED));
        var generator = new DiffusionGenerator(options, historyLength, futureLength, device, initialWeights);
        try
        {
            epochLosses = generator.Fit(windows, seed, ch);
            return generator;
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    private float[] Fit(IReadOnlyList<float[]> windows, int seed, IChannel ch)
    {
        var o = Options;
        int n = windows.Count, length = WindowLength;
        var flat = new float[n * length];
        var trendFlat = new float[n * length];
        for (int i = 0; i < n; i++)
        {
            var normalized = Normalize(windows[i]);
            normalized.CopyTo(flat, i * length);
            MovingAverage(normalized, o.TrendKernel).CopyTo(trendFlat, i * length);
        }

        var losses = new float[o.Epochs];
        using var rng = new torch.Generator((ulong)seed);
        using var alphaBar = torch.tensor(_schedule.AlphaBar.Select(a => (float)a).ToArray(), device: _device);
        using var data = torch.tensor(flat, [n, length], device: _device);
        using var trendTargets = torch.tensor(trendFlat, [n, length], device: _device);
        using var optimizer = torch.optim.AdamW(_model.parameters(), lr: o.LearningRate, weight_decay: 1e-4);
        var watch = Stopwatch.StartNew();
        _model.train();
        try
        {
            for (int epoch = 0; epoch < o.Epochs; epoch++)
            {
                double sum = 0;
                int batches = 0;
                using var order = torch.randperm(n, generator: rng);
                for (int start = 0; start < n; start += o.BatchSize)
                {
                    o.CancellationToken.ThrowIfCancellationRequested();
                    using var scope = torch.NewDisposeScope();
                    int b = Math.Min(o.BatchSize, n - start);
                    var idx = order.narrow(0, start, b).to(_device);
                    var x0 = data.index_select(0, idx);                                             // [B, L]
                    var trendTarget = trendTargets.index_select(0, idx);                            // [B, L]
                    var t = torch.randint(0, _schedule.Steps, [b], generator: rng).to(_device);     // [B]
                    var noise = torch.randn([b, length], generator: rng).to(_device);              // [B, L]
                    var ab = alphaBar.index_select(0, t).unsqueeze(1);                              // [B, 1]
                    var xt = (ab.sqrt() * x0).Plus(ab.OneMinus().sqrt() * noise);

                    optimizer.zero_grad();
                    var (trend, seasonal) = _model.call(xt, t);
                    var predicted = trend.Plus(seasonal);
                    // x0-prediction loss, plus the decomposition target for the trend head, plus Diffusion-TS's
                    // Fourier loss, which penalises wrong spectra (oscillation amplitude) that MSE alone tolerates.
                    var loss = nn.functional.mse_loss(predicted, x0).Plus(nn.functional.mse_loss(trend, trendTarget).Times(0.5));
                    if (o.FourierLossWeight > 0)
                    {
                        var diff = torch.fft.rfft(predicted, dim: 1, norm: FFTNormType.Ortho) - torch.fft.rfft(x0, dim: 1, norm: FFTNormType.Ortho);
                        loss = loss.Plus(diff.real.square().mean().Plus(diff.imag.square().mean()).Times(o.FourierLossWeight));
                    }
                    loss.backward();
                    nn.utils.clip_grad_norm_(_model.parameters(), 1.0);
                    optimizer.step();
                    sum += loss.item<float>();
                    batches++;
                }
                losses[epoch] = (float)(sum / Math.Max(1, batches));
                NativeHeap.ReleaseFreedPages();
                ch.Info(MessageSensitivity.None, $"Diffusion epoch {epoch + 1}/{o.Epochs}: loss {losses[epoch]:F4} ({watch.Elapsed.TotalSeconds:F1} s)");
                o.Progress?.Report(new DiffusionProgress(epoch + 1, o.Epochs, losses[epoch], watch.Elapsed));
            }
        }
        finally
        {
            _model.eval();
        }
        return losses;
    }

    /// <summary>
    /// Generates windows in mmHg, clamped to the physiological range. With <paramref name="starts"/> each output is a
    /// variant of the matching real window (noised to <see cref="DiffusionAugmentationOptions.ConditioningStrength"/>
    /// of the chain, then denoised); without it, <paramref name="count"/> unconditional samples from pure noise.
    /// </summary>
    public float[][] Sample(IReadOnlyList<float[]>? starts, int count, ulong seed)
    {
        if (starts is not null)
            count = starts.Count;
        var result = new float[count][];
        if (count == 0)
            return result;
        var o = Options;
        double strength = starts is null ? 1.0 : o.ConditioningStrength;
        int startStep = Math.Clamp((int)Math.Round(strength * (_schedule.Steps - 1)), 0, _schedule.Steps - 1);
        int steps = Math.Max(1, (int)Math.Ceiling(o.SamplingSteps * (double)(startStep + 1) / _schedule.Steps));
        int[] timesteps = CosineNoiseSchedule.SamplingTimesteps(startStep, steps);
        float lo = (o.MinimumMap - Center) / Scale, hi = (o.MaximumMap - Center) / Scale;

        using var rng = new torch.Generator(seed);
        using var noGrad = torch.no_grad();
        _model.eval();
        for (int first = 0; first < count; first += SampleBatch)
        {
            using var scope = torch.NewDisposeScope();
            int b = Math.Min(SampleBatch, count - first);
            // Noise is always drawn on the CPU from our own generator, so a seed gives the same windows on any device.
            var noise = torch.randn([b, WindowLength], generator: rng).to(_device);
            Tensor x;
            if (starts is null)
            {
                x = noise;
            }
            else
            {
                var flat = new float[b * WindowLength];
                for (int i = 0; i < b; i++)
                    Normalize(starts[first + i]).CopyTo(flat, i * WindowLength);
                double ab0 = _schedule.AlphaBar[startStep];
                x = torch.tensor(flat, [b, WindowLength], device: _device).Times(Math.Sqrt(ab0)).Plus(noise.Times(Math.Sqrt(1 - ab0)));
            }

            Tensor x0 = x;
            for (int k = 0; k < timesteps.Length; k++)
            {
                int step = timesteps[k];
                var t = KeptScalars.Filled(b, step, _device);
                var (trend, seasonal) = _model.call(x, t);
                x0 = trend.Plus(seasonal).ClampTo(lo, hi);
                if (k == timesteps.Length - 1)
                    break;
                // DDIM update (Song et al. 2021, eq. 12) written for an x0-predicting network.
                double ab = _schedule.AlphaBar[step], abPrev = _schedule.AlphaBar[timesteps[k + 1]];
                var eps = (x - x0.Times(Math.Sqrt(ab))).Over(Math.Sqrt(1 - ab));
                double sigma = o.Eta * Math.Sqrt((1 - abPrev) / (1 - ab)) * Math.Sqrt(Math.Max(0, 1 - ab / abPrev));
                x = x0.Times(Math.Sqrt(abPrev)).Plus(eps.Times(Math.Sqrt(Math.Max(0, 1 - abPrev - sigma * sigma))));
                if (sigma > 0)
                    x = x.Plus(torch.randn([b, WindowLength], generator: rng).to(_device).Times(sigma));
            }

            var values = x0.Affine(Scale, Center).ClampTo(o.MinimumMap, o.MaximumMap).to(torch.CPU).data<float>().ToArray();
            for (int i = 0; i < b; i++)
                result[first + i] = values.AsSpan(i * WindowLength, WindowLength).ToArray();
        }
        return result;
    }

    /// <summary>
    /// <paramref name="copies"/> SDEdit variants of each window in <paramref name="sources"/> (mmHg, [history | future]).
    /// A variant with an IOH event in progress at the prediction time is not a valid sample under the label rule: it is
    /// redrawn with fresh noise up to <see cref="DiffusionAugmentationOptions.MaxResampleAttempts"/> times, then dropped.
    /// Draw k (0-based) uses the noise stream <see cref="SamplingSeed"/>(<paramref name="seed"/>, k + 1).
    /// </summary>
    /// <returns>The kept variants in source order, the index of each one's source, and how many were dropped.</returns>
    public (float[][] Windows, int[] Sources, int Dropped) SampleVariants(IReadOnlyList<float[]> sources, int copies, int seed)
    {
        var o = Options;
        var detector = new IohEventDetector(o.SamplePeriodSeconds);
        var accepted = new float[sources.Count * copies][];
        var pending = Enumerable.Range(0, accepted.Length).ToList();
        for (int attempt = 0; attempt < o.MaxResampleAttempts && pending.Count > 0; attempt++)
        {
            o.CancellationToken.ThrowIfCancellationRequested();
            var starts = pending.Select(k => sources[k / copies]).ToList();
            var drawn = Sample(starts, 0, SamplingSeed(seed, attempt + 1));
            var rejected = new List<int>();
            for (int i = 0; i < pending.Count; i++)
            {
                var w = drawn[i];
                // Whether an event is in progress at t does not depend on the horizon; the whole future is passed.
                detector.LabelWindow(w.AsSpan(0, HistoryLength), w.AsSpan(HistoryLength), FutureLength, out bool inProgress);
                if (inProgress)
                    rejected.Add(pending[i]);
                else
                    accepted[pending[i]] = w;
            }
            pending = rejected;
        }
        var keep = Enumerable.Range(0, accepted.Length).Where(k => accepted[k] is not null).ToArray();
        return (keep.Select(k => accepted[k]).ToArray(), keep.Select(k => k / copies).ToArray(), pending.Count);
    }

    /// <summary>The noise stream of one sampling pass: a function of the seed and the pass number only.</summary>
    internal static ulong SamplingSeed(int seed, int stream) => unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)stream);

    /// <summary>Writes the denoiser's state_dict.</summary>
    public void SaveWeights(Stream stream) => _model.save(stream);

    /// <summary>Rebuilds a generator from its options and state_dict (strict: every key must match).</summary>
    public static DiffusionGenerator LoadWeights(DiffusionAugmentationOptions options, int historyLength, int futureLength, Stream stream, Device device)
    {
        var generator = new DiffusionGenerator(options, historyLength, futureLength, torch.CPU, initialWeights: null);
        try
        {
            generator._model.load(stream, strict: true);
            generator._model.to(device);
            generator._model.eval();
            return generator;
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    public void Dispose() => _model.Dispose();

    internal static float[] Normalize(ReadOnlySpan<float> mmHg)
    {
        var x = new float[mmHg.Length];
        for (int i = 0; i < x.Length; i++)
            x[i] = (mmHg[i] - Center) / Scale;
        return x;
    }

    /// <summary>Centred moving average with the ends padded by repetition, so the trend keeps the window's length.</summary>
    internal static float[] MovingAverage(ReadOnlySpan<float> x, int kernel)
    {
        int half = kernel / 2, n = x.Length;
        var result = new float[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = i - half; j <= i + half; j++)
                sum += x[Math.Clamp(j, 0, n - 1)];
            result[i] = (float)(sum / kernel);
        }
        return result;
    }
}
