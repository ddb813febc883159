using System.Text.Json.Serialization;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// Options of <see cref="DiffusionAugmentationEstimator"/>. Plain properties so that they serialize with
/// System.Text.Json into the generator file; runtime-only members are marked <see cref="JsonIgnoreAttribute"/>.
/// </summary>
public sealed class DiffusionAugmentationOptions
{
    /// <summary>MAP history column: a known-size Single vector (mmHg, oldest first, ending at the prediction time).</summary>
    public string HistoryColumnName { get; set; } = IohFuseColumns.History;

    /// <summary>MAP future column: a known-size Single vector (mmHg after the prediction time).</summary>
    public string FutureColumnName { get; set; } = IohFuseColumns.Future;

    /// <summary>
    /// The primary Boolean label column. It is recomputed on synthetic rows for a horizon of
    /// <see cref="LabelHorizonMinutes"/>.
    /// </summary>
    public string LabelColumnName { get; set; } = IohFuseColumns.Label;

    /// <summary>
    /// Further Boolean label columns recomputed on synthetic rows, with their horizon in minutes. Columns absent from
    /// the input are ignored. Default: Label5 → 5, Label10 → 10, Label15 → 15.
    /// </summary>
    public Dictionary<string, double> HorizonLabelColumns { get; set; } = new()
    {
        [IohFuseColumns.Label5] = 5,
        [IohFuseColumns.Label10] = 10,
        [IohFuseColumns.Label15] = 15,
    };

    /// <summary>
    /// Horizon of <see cref="LabelColumnName"/> in minutes; positive and no longer than the future window. Default 5. When
    /// <see cref="LabelColumnName"/> is also listed in <see cref="HorizonLabelColumns"/>, the two horizons must agree.
    /// </summary>
    public double LabelHorizonMinutes { get; set; } = 5;

    /// <summary>
    /// Boolean column selecting the rows to learn from and to augment: rows where it is true (the IOH-positive
    /// windows). Default <c>Label</c>.
    /// </summary>
    public string SourceLabelColumnName { get; set; } = IohFuseColumns.Label;

    /// <summary>Boolean column added by the transformer: false on every input row, true on appended synthetic rows.</summary>
    public string SyntheticFlagColumnName { get; set; } = IohFuseColumns.IsSynthetic;

    /// <summary>Sampling period of the MAP vectors in seconds. 0 (default) reads the history column's
    /// <see cref="IohFuseAnnotations.SamplePeriodSeconds"/> annotation at Fit (windows from
    /// <c>mlContext.IOHFuse().Data.CreateWindows</c> carry it); without one, Fit asks for this option.</summary>
    public double SamplePeriodSeconds { get; set; }

    /// <summary>Synthetic rows appended per positive source row; zero or more. Default 2.</summary>
    public int CopiesPerWindow { get; set; } = 2;

    /// <summary>Number of diffusion (noising) steps T of the cosine schedule; 2 to 1000. Default 50.</summary>
    public int DiffusionSteps { get; set; } = 50;

    /// <summary>
    /// DDIM sampling steps over the full chain; 1 to <see cref="DiffusionSteps"/>. Fewer is faster and coarser.
    /// Default 50 (one per diffusion step).
    /// </summary>
    public int SamplingSteps { get; set; } = 50;

    /// <summary>DDIM eta: 0 (default) is deterministic DDIM, 1 is DDPM-like ancestral noise; between 0 and 1.</summary>
    public double Eta { get; set; }

    /// <summary>
    /// How far a real window is pushed into the noise chain before it is denoised into a synthetic copy (SDEdit):
    /// greater than 0 and at most 1. Small values give close variants of the real window, 1 ignores it entirely
    /// (unconditional samples). Default 0.5.
    /// </summary>
    public double ConditioningStrength { get; set; } = 0.5;

    /// <summary>Width of the denoiser's token embeddings; a positive multiple of <see cref="NumberOfHeads"/>. Default 64.</summary>
    public int HiddenSize { get; set; } = 64;

    /// <summary>Transformer encoder layers of the denoiser; 1 to 12. Default 2.</summary>
    public int NumberOfLayers { get; set; } = 2;

    /// <summary>Attention heads per layer; positive and dividing <see cref="HiddenSize"/>. Default 4.</summary>
    public int NumberOfHeads { get; set; } = 4;

    /// <summary>
    /// Samples per patch token; positive and dividing history + future length. 0 (default) chooses about 60 s per patch,
    /// at least 3 samples (20 at 3 s: 600 samples → 30 tokens; 3 at 60 s: 75 samples → 25 tokens), the nearest
    /// such length that divides the window.
    /// </summary>
    public int PatchLength { get; set; }

    /// <summary>
    /// Moving-average window (samples, odd, at least 1) of the trend/seasonal decomposition the trend head is taught
    /// to reproduce; the seasonal head models the remainder. 0 (default) chooses about 75 s (25 samples at 3 s, 1 at
    /// 60 s, where a per-minute series has no faster component to separate).
    /// </summary>
    public int TrendKernel { get; set; }

    /// <summary>Weight of the Fourier-domain reconstruction loss (Diffusion-TS); zero or more. Default 0.1.</summary>
    public double FourierLossWeight { get; set; } = 0.1;

    /// <summary>Training epochs over the positive windows; positive. Default 60.</summary>
    public int Epochs { get; set; } = 60;

    /// <summary>Mini-batch size; positive. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>AdamW learning rate; positive, typically 1e-4 to 3e-3. Default 1e-3.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Lowest MAP (mmHg) a synthetic sample may take; synthetic values are clamped to [min, max]. Default 20.</summary>
    public float MinimumMap { get; set; } = 20f;

    /// <summary>Highest MAP (mmHg) a synthetic sample may take; greater than <see cref="MinimumMap"/>. Default 200.</summary>
    public float MaximumMap { get; set; } = 200f;

    /// <summary>
    /// Attempts per synthetic row to draw a window in which no IOH event is in progress at the prediction time
    /// (such a window is not a valid sample under the label rule). After this many attempts the row is dropped.
    /// At least 1. Default 4.
    /// </summary>
    public int MaxResampleAttempts { get; set; } = 4;

    /// <summary>Random seed for weight initialization, training noise and sampling; null draws one from the MLContext.</summary>
    public int? Seed { get; set; }

    /// <summary>Where TorchSharp runs. Default <see cref="ComputeDevice.Auto"/>: the GPU only when one is asked for (this
    /// option's <see cref="GpuDeviceId"/> or the MLContext's), with the MLContext's <c>FallbackToCpu</c> deciding what
    /// happens when none is available.</summary>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>CUDA ordinal to use; null takes <c>MLContext.GpuDeviceId</c> (and with both null, Auto means the CPU).</summary>
    public int? GpuDeviceId { get; set; }

    /// <summary>TorchSharp intra-op CPU threads for Fit (the setting is process-wide, so Transform and Generate leave it
    /// to the app); 0 (default) keeps TorchSharp's setting.</summary>
    public int Threads { get; set; }

    /// <summary>Cancels training (checked once per mini-batch).</summary>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Receives one <see cref="DiffusionProgress"/> per epoch; optional.</summary>
    [JsonIgnore]
    public IProgress<DiffusionProgress>? Progress { get; set; }

    /// <summary>A shallow copy, so an estimator is not affected by later changes to the caller's instance.</summary>
    internal DiffusionAugmentationOptions Clone()
    {
        var copy = (DiffusionAugmentationOptions)MemberwiseClone();
        copy.HorizonLabelColumns = new Dictionary<string, double>(HorizonLabelColumns ?? []);
        return copy;
    }

    /// <summary>A copy with every automatic choice made for data at <paramref name="periodSeconds"/> whose windows hold
    /// <paramref name="windowLength"/> samples.</summary>
    internal DiffusionAugmentationOptions Resolve(double periodSeconds, int windowLength)
    {
        var r = Clone();
        r.SamplePeriodSeconds = periodSeconds;
        if (r.PatchLength == 0)
        {
            int target = Math.Max(3, (int)Math.Round(60 / periodSeconds));
            r.PatchLength = Enumerable.Range(1, windowLength).Where(d => windowLength % d == 0).MinBy(d => (Math.Abs(d - target), -d));
        }
        if (r.TrendKernel == 0)
        {
            int k = Math.Max(1, (int)Math.Round(75 / periodSeconds));
            r.TrendKernel = k % 2 == 1 ? k : k - 1;
        }
        return r;
    }

    /// <summary>Checks every option, naming the offending one.</summary>
    internal void Validate()
    {
        CheckName(HistoryColumnName, nameof(HistoryColumnName));
        CheckName(FutureColumnName, nameof(FutureColumnName));
        CheckName(LabelColumnName, nameof(LabelColumnName));
        CheckName(SourceLabelColumnName, nameof(SourceLabelColumnName));
        CheckName(SyntheticFlagColumnName, nameof(SyntheticFlagColumnName));
        ArgumentNullException.ThrowIfNull(HorizonLabelColumns, nameof(HorizonLabelColumns));
        foreach (var (name, minutes) in HorizonLabelColumns)
        {
            CheckName(name, nameof(HorizonLabelColumns));
            if (!(minutes > 0))
                throw new ArgumentOutOfRangeException(nameof(HorizonLabelColumns), minutes, $"horizon of '{name}' must be positive minutes.");
        }
        Positive(LabelHorizonMinutes, nameof(LabelHorizonMinutes));
        if (!(SamplePeriodSeconds >= 0) || !double.IsFinite(SamplePeriodSeconds))
            throw new ArgumentOutOfRangeException(nameof(SamplePeriodSeconds), SamplePeriodSeconds, "must be 0 (from the data) or positive.");
        if (CopiesPerWindow < 0)
            throw new ArgumentOutOfRangeException(nameof(CopiesPerWindow), CopiesPerWindow, "must be zero or more.");
        if (DiffusionSteps is < 2 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(DiffusionSteps), DiffusionSteps, "must be in [2, 1000].");
        if (SamplingSteps < 1 || SamplingSteps > DiffusionSteps)
            throw new ArgumentOutOfRangeException(nameof(SamplingSteps), SamplingSteps, $"must be in [1, DiffusionSteps = {DiffusionSteps}].");
        if (!(Eta >= 0 && Eta <= 1))
            throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "must be in [0, 1].");
        if (!(ConditioningStrength > 0 && ConditioningStrength <= 1))
            throw new ArgumentOutOfRangeException(nameof(ConditioningStrength), ConditioningStrength, "must be in (0, 1].");
        if (NumberOfHeads <= 0)
            throw new ArgumentOutOfRangeException(nameof(NumberOfHeads), NumberOfHeads, "must be positive.");
        if (HiddenSize <= 0 || HiddenSize % NumberOfHeads != 0)
            throw new ArgumentOutOfRangeException(nameof(HiddenSize), HiddenSize, $"must be a positive multiple of NumberOfHeads = {NumberOfHeads}.");
        if (NumberOfLayers is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(NumberOfLayers), NumberOfLayers, "must be in [1, 12].");
        if (PatchLength < 0)
            throw new ArgumentOutOfRangeException(nameof(PatchLength), PatchLength, "must be 0 (automatic) or positive.");
        if (TrendKernel < 0 || TrendKernel > 0 && TrendKernel % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(TrendKernel), TrendKernel, "must be 0 (automatic) or an odd number of samples.");
        if (!(FourierLossWeight >= 0))
            throw new ArgumentOutOfRangeException(nameof(FourierLossWeight), FourierLossWeight, "must be zero or more.");
        if (Epochs <= 0)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "must be positive.");
        if (BatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be positive.");
        Positive(LearningRate, nameof(LearningRate));
        if (!(MinimumMap > 0) || !(MaximumMap > MinimumMap) || float.IsInfinity(MaximumMap))
            throw new ArgumentOutOfRangeException(nameof(MaximumMap), MaximumMap, $"need 0 < MinimumMap ({MinimumMap}) < MaximumMap < infinity.");
        if (MaxResampleAttempts < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxResampleAttempts), MaxResampleAttempts, "must be at least 1.");
        if (Threads < 0)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be 0 (default) or positive.");
        if (GpuDeviceId is < 0)
            throw new ArgumentOutOfRangeException(nameof(GpuDeviceId), GpuDeviceId, "must be a non-negative CUDA ordinal.");
    }

    private static void CheckName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A column name must not be empty.", option);
    }

    private static void Positive(double value, string option)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(option, value, "must be positive and finite.");
    }
}
