using System.Text;
using System.Text.Json;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// A fitted diffusion augmenter. <see cref="Transform"/> returns every input row (flag false) followed by
/// <see cref="DiffusionAugmentationOptions.CopiesPerWindow"/> synthetic rows per positive source row (flag true).
/// </summary>
/// <remarks>
/// <para>Each synthetic row is a variant of one real positive window: the real [history | future] MAP is noised to
/// <see cref="DiffusionAugmentationOptions.ConditioningStrength"/> of the diffusion chain and denoised with DDIM
/// (SDEdit), so the row can keep that window's static attributes, text, case id and time, which are copied from it
/// whatever their type. Its MAP is clamped to [<see cref="DiffusionAugmentationOptions.MinimumMap"/>,
/// <see cref="DiffusionAugmentationOptions.MaximumMap"/>], and its label columns are recomputed from the synthetic
/// trace with <see cref="IohEventDetector.LabelWindow"/>, so a synthetic copy of a positive window may be negative.
/// A synthetic window with an IOH event in progress at the prediction time is not a valid sample under the label rule:
/// it is redrawn with fresh noise up to <see cref="DiffusionAugmentationOptions.MaxResampleAttempts"/> times and then
/// dropped (the number dropped is logged).</para>
/// <para>This is a training-time data operation: it changes the row count, so it is not a row-to-row mapper, and it is
/// deliberately not an ML.NET <c>ITransformer</c> (see <see cref="DiffusionAugmentationEstimator"/>): it cannot be put
/// in a PredictionEngine or a saved chain. Apply it to the training view only (never to evaluation data), and save
/// the generator with <see cref="SaveGenerator(Stream)"/>.</para>
/// </remarks>
public sealed class DiffusionAugmentationTransformer : IDisposable
{
    private const string Magic = "IOHFuse.DiffusionGenerator";

    /// <summary>Version of the file written by <see cref="SaveGenerator(Stream)"/>; <see cref="Load(MLContext, Stream)"/> reads only this one.</summary>
    public const int GeneratorFormatVersion = 1;

    private readonly IHost _host;
    private readonly DiffusionGenerator _generator;
    private readonly float[] _trainingLoss;
    private bool _disposed;

    internal DiffusionAugmentationTransformer(IHost host, DiffusionGenerator generator, int seed, float[] trainingLoss, int trainingWindowCount)
    {
        _host = host;
        _generator = generator;
        Seed = seed;
        _trainingLoss = trainingLoss;
        TrainingWindowCount = trainingWindowCount;
    }

    /// <summary>A copy of the options the generator was fitted with.</summary>
    public DiffusionAugmentationOptions Options => _generator.Options.Clone();

    /// <summary>The seed used for training and, by default, for sampling (from the options or drawn from the MLContext).</summary>
    public int Seed { get; }

    /// <summary>Mean training loss per epoch (normalized units), first to last.</summary>
    public IReadOnlyList<float> TrainingLoss => _trainingLoss;

    /// <summary>Number of positive windows the generator learned from.</summary>
    public int TrainingWindowCount { get; }

    /// <summary>History samples per window (the length of the history vector it was fitted on).</summary>
    public int HistoryLength => _generator.HistoryLength;

    /// <summary>Future samples per window.</summary>
    public int FutureLength => _generator.FutureLength;

    /// <summary>The input schema plus the Boolean synthetic-flag column at the end.</summary>
    /// <param name="inputSchema">Schema of the data to augment.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ThrowIfDisposed();
        CheckShape(AugmentationColumns.Resolve(inputSchema, _generator.Options));
        return AugmentedDataView.BuildSchema(inputSchema, _generator.Options.SyntheticFlagColumnName);
    }

    /// <summary>
    /// Returns all rows of <paramref name="input"/> (flag false) followed by the synthetic rows (flag true). The source
    /// is read once here to generate the synthetic rows, which are kept in memory; the same transformer and input always
    /// give the same rows.
    /// </summary>
    /// <param name="input">Training data with the history, future, label and source-label columns.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ThrowIfDisposed();
        var o = _generator.Options;
        var columns = AugmentationColumns.Resolve(input.Schema, o);
        CheckShape(columns);
        // No set_num_threads here: the thread count is process-wide, and an app that augments or samples while it
        // scores must keep the setting it chose. Options.Threads applies to Fit only.
        using var ch = _host.Start("Transform");

        // One pass: count the rows and capture every column of the positive rows (the synthetic rows copy them).
        var stores = input.Schema.Select(c => ColumnStore.Create(c.Type)).ToArray();
        var windows = new List<float[]>();
        long rowCount = 0;
        int skipped = 0;
        using (var cursor = input.GetRowCursor(input.Schema))
        {
            var reader = new WindowReader(cursor, columns);
            while (cursor.MoveNext())
            {
                rowCount++;
                if (!reader.IsSource())
                    continue;
                var window = reader.ReadWindow();
                if (window is null)
                {
                    skipped++;
                    continue;
                }
                windows.Add(window);
                foreach (var column in input.Schema)
                    stores[column.Index].Capture(cursor, column);
            }
        }
        if (skipped > 0)
            ch.Warning(MessageSensitivity.None, $"{skipped} positive rows with missing or non-finite MAP were not augmented.");

        var synthetic = Synthesize(windows, stores, columns, ch);
        ch.Info(MessageSensitivity.None,
            $"Appended {synthetic.Count} synthetic rows to {rowCount} rows ({windows.Count} positive source windows × {o.CopiesPerWindow}).");
        return new AugmentedDataView(input, synthetic, o.SyntheticFlagColumnName, rowCount);
    }

    /// <summary>
    /// Draws <paramref name="count"/> unconditional windows ([history | future], mmHg, clamped to the physiological
    /// range) from pure noise, for inspection. No label rule is applied.
    /// </summary>
    /// <param name="count">Number of windows; zero or more.</param>
    /// <param name="seed">Sampling seed; null uses <see cref="Seed"/>. The same seed gives the same windows.</param>
    public float[][] Generate(int count, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ThrowIfDisposed();
        return _generator.Sample(null, count, DiffusionGenerator.SamplingSeed(seed ?? Seed, 0));
    }

    /// <summary>
    /// Writes the fitted generator to a stream: a header (format version, options as JSON, window sizes, seed,
    /// training loss) and the denoiser's TorchSharp state_dict.
    /// </summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void SaveGenerator(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ThrowIfDisposed();
        using var weights = new MemoryStream();
        _generator.SaveWeights(weights);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(GeneratorFormatVersion);
        writer.Write(JsonSerializer.Serialize(_generator.Options));
        writer.Write(HistoryLength);
        writer.Write(FutureLength);
        writer.Write(Seed);
        writer.Write(TrainingWindowCount);
        writer.Write(_trainingLoss.Length);
        foreach (float loss in _trainingLoss)
            writer.Write(loss);
        // TorchSharp's save closes the stream it writes to; ToArray still works on a closed MemoryStream.
        byte[] state = weights.ToArray();
        writer.Write((long)state.Length);
        writer.Write(state);
    }

    /// <summary>Writes the fitted generator to a file (see <see cref="SaveGenerator(Stream)"/>).</summary>
    /// <param name="path">File path; overwritten.</param>
    public void SaveGenerator(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.Create(path);
        SaveGenerator(stream);
    }

    /// <summary>Loads a generator written by <see cref="SaveGenerator(Stream)"/>.</summary>
    /// <param name="mlContext">Context for logging and the GPU settings (<c>GpuDeviceId</c>, <c>FallbackToCpu</c>).</param>
    /// <param name="stream">A readable stream positioned at the start of the generator; left open.</param>
    /// <exception cref="InvalidDataException">Not a generator file, or written with another format version.</exception>
    public static DiffusionAugmentationTransformer Load(MLContext mlContext, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        string magic;
        try
        {
            magic = reader.ReadString();
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException)
        {
            throw new InvalidDataException("The stream is not a diffusion generator file written by DiffusionAugmentationTransformer.SaveGenerator.", ex);
        }
        if (magic != Magic)
            throw new InvalidDataException("The stream is not a diffusion generator file written by DiffusionAugmentationTransformer.SaveGenerator.");
        int version = reader.ReadInt32();
        if (version != GeneratorFormatVersion)
            throw new InvalidDataException(
                $"The diffusion generator file has format version {version}; this version of IOHFuse.MLNet reads only version {GeneratorFormatVersion}. Refit the augmenter or use the library version that wrote it.");
        var options = JsonSerializer.Deserialize<DiffusionAugmentationOptions>(reader.ReadString())
            ?? throw new InvalidDataException("The diffusion generator file has no options.");
        options.Validate();
        int history = reader.ReadInt32(), future = reader.ReadInt32(), seed = reader.ReadInt32(), windowCount = reader.ReadInt32();
        var losses = new float[reader.ReadInt32()];
        for (int i = 0; i < losses.Length; i++)
            losses[i] = reader.ReadSingle();
        long weightLength = reader.ReadInt64();
        using var weights = new MemoryStream(reader.ReadBytes(checked((int)weightLength)));
        var device = TorchRuntime.ResolveDevice(options.Device, mlContext, options.GpuDeviceId);
        var host = ((IHostEnvironment)mlContext).Register(DiffusionAugmentationEstimator.ComponentName);
        var generator = DiffusionGenerator.LoadWeights(options, history, future, weights, device);
        return new DiffusionAugmentationTransformer(host, generator, seed, losses, windowCount);
    }

    /// <summary>Loads a generator file (see <see cref="Load(MLContext, Stream)"/>).</summary>
    /// <param name="mlContext">Context for logging and the GPU settings (<c>GpuDeviceId</c>, <c>FallbackToCpu</c>).</param>
    /// <param name="path">File written by <see cref="SaveGenerator(string)"/>.</param>
    public static DiffusionAugmentationTransformer Load(MLContext mlContext, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return Load(mlContext, stream);
    }

    /// <summary>Releases the TorchSharp module.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _generator.Dispose();
        _disposed = true;
    }

    private SyntheticRows Synthesize(List<float[]> windows, ColumnStore[] stores, AugmentationColumns columns, IChannel ch)
    {
        var o = _generator.Options;
        int h = HistoryLength;
        var (accepted, sources, dropped) = _generator.SampleVariants(windows, o.CopiesPerWindow, Seed);
        if (dropped > 0)
            ch.Warning(MessageSensitivity.None, $"{dropped} synthetic windows still had an IOH event in progress at the prediction time after {o.MaxResampleAttempts} draws and were dropped.");

        var detector = new IohEventDetector(o.SamplePeriodSeconds);
        var historyValues = accepted.Select(w => w.AsSpan(0, h).ToArray()).ToArray();
        var futureValues = accepted.Select(w => w.AsSpan(h).ToArray()).ToArray();
        var vectors = new Dictionary<int, float[][]> { [columns.History.Index] = historyValues, [columns.Future.Index] = futureValues };
        var booleans = new Dictionary<int, bool[]>();
        foreach (var (column, horizon) in columns.Labels)
            booleans[column.Index] = historyValues.Select((history, i) => detector.LabelWindow(history, futureValues[i], horizon, out bool _)).ToArray();
        return new SyntheticRows(stores, sources, vectors, booleans);
    }

    private void CheckShape(AugmentationColumns columns)
    {
        if (columns.HistoryLength != HistoryLength || columns.FutureLength != FutureLength)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"The generator was fitted on '{_generator.Options.HistoryColumnName}' of {HistoryLength} and '{_generator.Options.FutureColumnName}' of {FutureLength} samples, but the input has {columns.HistoryLength} ('{columns.History.Name}') and {columns.FutureLength} ('{columns.Future.Name}').");
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
