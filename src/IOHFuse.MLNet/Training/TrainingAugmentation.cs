using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// Diffusion augmentation as a step of the trainer's Fit (<see cref="IohFuseLMOptions.Augmentation"/>): a generator
/// trained on the positive original training rows, whose SDEdit variants join the rows as synthetic (stage 1 only).
/// Because it happens inside Fit, on the rows left after the validation cases were held out, it needs no pipeline step
/// and leaves the saved chain as it is.
/// </summary>
internal static class TrainingAugmentation
{
    /// <summary>Returns <paramref name="rows"/> followed by the synthetic variants of their positive original rows.</summary>
    /// <param name="rows">Training rows (validation cases already removed).</param>
    /// <param name="options">The augmentation options (copied, then resolved for this data).</param>
    /// <param name="trainer">The trainer's options: cancellation, and the horizon of the labels given to synthetic rows.</param>
    /// <param name="periodSeconds">The model's sample period.</param>
    /// <param name="horizonMinutes">The model's horizon (NaN when unknown: the augmentation options' horizon labels the copies).</param>
    /// <param name="fitSeed">The Fit's seed, from which a null augmentation seed is derived.</param>
    /// <param name="device">The trainer's device.</param>
    /// <param name="ch">The trainer's channel.</param>
    public static TrainingRows Append(TrainingRows rows, DiffusionAugmentationOptions options, IohFuseLMOptions trainer, double periodSeconds,
        double horizonMinutes, int fitSeed, Device device, IChannel ch)
    {
        if (rows.FutureLength == 0)
            throw new ArgumentException($"{nameof(IohFuseLMOptions.Augmentation)} learns [history | future] windows, but the training data has no future values ('{trainer.FutureColumnName}').", "trainData");
        var o = options.Clone();
        if (o.SamplePeriodSeconds == 0)
            o.SamplePeriodSeconds = periodSeconds;
        if (o.CancellationToken == default)
            o.CancellationToken = trainer.CancellationToken;
        int windowLength = rows.HistoryLength + rows.FutureLength;
        o = o.Resolve(o.SamplePeriodSeconds, windowLength);
        if (windowLength % o.PatchLength != 0)
            throw new ArgumentOutOfRangeException(nameof(DiffusionAugmentationOptions.PatchLength), o.PatchLength,
                $"{nameof(IohFuseLMOptions.Augmentation)}.{nameof(DiffusionAugmentationOptions.PatchLength)} must divide the window length {rows.HistoryLength} + {rows.FutureLength} = {windowLength} samples.");
        // Its own seed stream, so the trainer's own draws are the same with and without augmentation.
        int seed = o.Seed ?? unchecked(fitSeed * 7919 + 101);

        var positives = Enumerable.Range(0, rows.Count).Where(i => !rows.Synthetic[i] && rows.Labels[i]).ToArray();
        var windows = positives.Select(i => Window(rows, i)).ToList();
        ch.Info(MessageSensitivity.None, $"Augmentation: training the diffusion generator on {windows.Count} positive training windows ({o.Epochs} epochs, seed {seed}).");
        using var generator = DiffusionGenerator.Train(o, windows, rows.HistoryLength, rows.FutureLength, seed, device, ch, out _);
        var (variants, sources, dropped) = generator.SampleVariants(windows, o.CopiesPerWindow, seed);
        if (dropped > 0)
            ch.Warning(MessageSensitivity.None, $"Augmentation: {dropped} synthetic windows still had an IOH event in progress at the prediction time after {o.MaxResampleAttempts} draws and were dropped.");

        double labelMinutes = double.IsFinite(horizonMinutes) ? horizonMinutes : o.LabelHorizonMinutes;
        int horizon = Math.Clamp((int)Math.Round(labelMinutes * 60 / o.SamplePeriodSeconds), 1, rows.FutureLength);
        var detector = new IohEventDetector(o.SamplePeriodSeconds);
        var labels = variants.Select(w => detector.LabelWindow(w.AsSpan(0, rows.HistoryLength), w.AsSpan(rows.HistoryLength), horizon, out _)).ToArray();
        ch.Info(MessageSensitivity.None, $"Augmentation: {variants.Length} synthetic rows for stage 1 ({labels.Count(l => l)} still positive by the label rule).");
        return rows.WithSyntheticCopies(sources.Select(k => positives[k]).ToArray(), variants, labels);
    }

    private static float[] Window(TrainingRows rows, int row)
    {
        int h = rows.HistoryLength, f = rows.FutureLength;
        var window = new float[h + f];
        rows.History.AsSpan(row * h, h).CopyTo(window);
        rows.Future.AsSpan(row * f, f).CopyTo(window.AsSpan(h));
        return window;
    }
}
