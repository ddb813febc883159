using System.Diagnostics;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// Learns a denoising diffusion model of IOH-positive MAP windows ([history | future]) in the spirit of Diffusion-TS
/// (trend + seasonal decomposition, x0-prediction, cosine schedule, DDIM sampling) and returns a
/// <see cref="DiffusionAugmentationTransformer"/> that appends flagged synthetic windows to training data.
/// </summary>
/// <remarks>
/// <para>A data operation, like ML.NET's own row-count-changing operations (<c>mlContext.Data.ShuffleRows</c>,
/// <c>FilterRowsByColumn</c>): created with <c>mlContext.IOHFuse().Data.DiffusionAugmentation(...)</c>, fitted on the
/// training split, applied to the training view only. It is deliberately not an ML.NET <c>IEstimator</c>: an operation
/// that adds rows cannot score one row at a time or be saved in model.zip, so it must not be appendable to a pipeline
/// that is later saved or evaluated (appending it used to make the whole chain unsavable). To augment inside an
/// ordinary pipeline, set <see cref="Training.IohFuseLMOptions.Augmentation"/>: the trainer then fits the generator on
/// its own training cases during Fit, and the saved chain is untouched.</para>
/// </remarks>
public sealed class DiffusionAugmentationEstimator
{
    internal const string ComponentName = "DiffusionAugmentation";

    private readonly MLContext _context;
    private readonly IHost _host;
    private readonly DiffusionAugmentationOptions _options;

    internal DiffusionAugmentationEstimator(MLContext context, DiffusionAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
        _context = context;
        _host = ((IHostEnvironment)context).Register(ComponentName);
    }

    /// <summary>A copy of the options this estimator fits with.</summary>
    public DiffusionAugmentationOptions Options => _options.Clone();

    /// <summary>Trains the generator on the rows where the source-label column is true.</summary>
    /// <param name="input">Training windows.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type or size (the message names it).</exception>
    /// <exception cref="InvalidOperationException">No row has the source label set.</exception>
    public DiffusionAugmentationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = ResolveFor(input.Schema);
        var columns = AugmentationColumns.Resolve(input.Schema, o);
        TorchRuntime.ApplyThreads(o.Threads);
        var device = TorchRuntime.ResolveDevice(o.Device, _context, o.GpuDeviceId);
        int seed = o.Seed ?? _host.Rand.Next();

        using var ch = _host.Start("Fit");
        var windows = new List<float[]>();
        int skipped = 0;
        using (var cursor = input.GetRowCursor([columns.Source, columns.History, columns.Future]))
        {
            var reader = new WindowReader(cursor, columns);
            while (cursor.MoveNext())
            {
                o.CancellationToken.ThrowIfCancellationRequested();
                if (!reader.IsSource())
                    continue;
                if (reader.ReadWindow() is { } window)
                    windows.Add(window);
                else
                    skipped++;
            }
        }
        if (skipped > 0)
            ch.Warning(MessageSensitivity.None, $"{skipped} positive rows with missing or non-finite MAP were left out of training.");
        if (windows.Count == 0)
            throw new InvalidOperationException(
                $"There are no rows where {o.SourceLabelColumnName} is true to learn from (rows whose '{o.HistoryColumnName}' or '{o.FutureColumnName}' has missing or non-finite values do not count).");

        ch.Info(MessageSensitivity.None,
            $"Training the diffusion generator on {windows.Count} windows of {columns.HistoryLength}+{columns.FutureLength} samples: " +
            $"{o.Epochs} epochs, width {o.HiddenSize}, {o.NumberOfLayers} layers, {o.DiffusionSteps} steps, device {device.type}, seed {seed}.");
        var watch = Stopwatch.StartNew();
        var generator = DiffusionGenerator.Train(o, windows, columns.HistoryLength, columns.FutureLength, seed, device, ch, out var losses);
        ch.Info(MessageSensitivity.None, $"Diffusion generator trained in {watch.Elapsed.TotalSeconds:F1} s; final loss {losses[^1]:F4}.");
        return new DiffusionAugmentationTransformer(_host, generator, seed, losses, windows.Count);
    }

    /// <summary>The options with the period taken from the data and the automatic sizes chosen.</summary>
    private DiffusionAugmentationOptions ResolveFor(DataViewSchema schema)
    {
        var o = _options;
        var history = schema.GetColumnOrNull(o.HistoryColumnName);
        // A missing history column is reported by the column checks that follow, naming it.
        double period = o.SamplePeriodSeconds > 0 ? o.SamplePeriodSeconds
            : history is null ? 1
            : IohFuseAnnotations.GetSamplePeriodSeconds(history.Value) is double p ? p
            : throw new ArgumentException($"Column '{o.HistoryColumnName}' does not say its sample period (no {IohFuseAnnotations.SamplePeriodSeconds} annotation): set {nameof(DiffusionAugmentationOptions)}.{nameof(DiffusionAugmentationOptions.SamplePeriodSeconds)}.", "input");
        int length = (history?.Type is Microsoft.ML.Data.VectorDataViewType hv ? hv.Size : 0)
            + (schema.GetColumnOrNull(o.FutureColumnName)?.Type is Microsoft.ML.Data.VectorDataViewType fv ? fv.Size : 0);
        return o.Resolve(period, Math.Max(1, length));
    }
}
