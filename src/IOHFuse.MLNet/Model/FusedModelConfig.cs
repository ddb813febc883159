using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

/// <summary>
/// Architecture of the fused network, stored with the weights so a loaded model rebuilds the same shapes.
/// </summary>
/// <param name="HistoryLength">MAP history samples (300 = 15 min at 3 s).</param>
/// <param name="PatchLength">Samples per patch; must divide <paramref name="HistoryLength"/>.</param>
/// <param name="ForecastLength">Forecast samples (the future MAP target length).</param>
/// <param name="TextLength">Token positions (0 = no text branch).</param>
/// <param name="VocabularySize">Token embedding rows.</param>
/// <param name="ModelDimension">Width of every token.</param>
/// <param name="NumberOfHeads">Attention heads; must divide <paramref name="ModelDimension"/>.</param>
/// <param name="NumberOfLayers">Transformer blocks.</param>
/// <param name="FeedForwardMultiplier">Feed-forward width as a multiple of <paramref name="ModelDimension"/>.</param>
/// <param name="Dropout">Dropout probability in [0, 1).</param>
internal sealed record FusedModelConfig(
    int HistoryLength,
    int PatchLength,
    int ForecastLength,
    int TextLength,
    int VocabularySize,
    int ModelDimension,
    int NumberOfHeads,
    int NumberOfLayers,
    int FeedForwardMultiplier,
    double Dropout)
{
    /// <summary>Number of patches.</summary>
    public int PatchCount => HistoryLength / PatchLength;

    /// <summary>Whether the text branch exists.</summary>
    public bool UsesText => TextLength > 0;

    /// <summary>Total sequence length [text | patches].</summary>
    public int SequenceLength => TextLength + PatchCount;

    /// <summary>Centre used to normalise MAP (mmHg). Fixed, not per window: absolute level matters for IOH.</summary>
    public const float MapCenter = 80f;

    /// <summary>Scale used to normalise MAP (mmHg).</summary>
    public const float MapScale = 20f;

    /// <summary>Lowest MAP (mmHg) the model trains on or scores; lower values are artifacts.</summary>
    public const float MinimumMap = 0f;

    /// <summary>Highest MAP (mmHg) the model trains on or scores; higher values are artifacts.</summary>
    public const float MaximumMap = 400f;

    /// <summary>MAP in mmHg → the network's units.</summary>
    public static Tensor Normalize(Tensor mmHg) => mmHg.Standardize(MapCenter, MapScale);

    /// <summary>The network's units → MAP in mmHg.</summary>
    public static Tensor ToMmHg(Tensor normalized) => normalized.Affine(MapScale, MapCenter);

    /// <summary>Throws when the shapes are inconsistent.</summary>
    public void Validate()
    {
        if (HistoryLength <= 0) throw new ArgumentOutOfRangeException(nameof(HistoryLength), HistoryLength, "must be positive.");
        if (PatchLength <= 0 || HistoryLength % PatchLength != 0)
            throw new ArgumentOutOfRangeException(nameof(PatchLength), PatchLength, $"must be positive and divide the history length {HistoryLength}.");
        if (ForecastLength <= 0) throw new ArgumentOutOfRangeException(nameof(ForecastLength), ForecastLength, "must be positive.");
        if (TextLength < 0) throw new ArgumentOutOfRangeException(nameof(TextLength), TextLength, "must be 0 (no text) or positive.");
        if (UsesText && VocabularySize <= 0) throw new ArgumentOutOfRangeException(nameof(VocabularySize), VocabularySize, "must be positive when text is used.");
        if (ModelDimension <= 0) throw new ArgumentOutOfRangeException(nameof(ModelDimension), ModelDimension, "must be positive.");
        if (NumberOfHeads <= 0 || ModelDimension % NumberOfHeads != 0)
            throw new ArgumentOutOfRangeException(nameof(NumberOfHeads), NumberOfHeads, $"must be positive and divide the model dimension {ModelDimension}.");
        if (NumberOfLayers <= 0) throw new ArgumentOutOfRangeException(nameof(NumberOfLayers), NumberOfLayers, "must be positive.");
        if (FeedForwardMultiplier <= 0) throw new ArgumentOutOfRangeException(nameof(FeedForwardMultiplier), FeedForwardMultiplier, "must be positive.");
        if (Dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1).");
    }
}
