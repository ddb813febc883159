using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Training;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>A benchmarked network width: the library's small default or the paper width (GPT-2 small's d and heads, 3 blocks).</summary>
/// <param name="Name">"small" or "paper", as in the PyTorch reference implementation.</param>
/// <param name="Dimension">Model width d.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="Layers">Transformer blocks.</param>
public sealed record ModelSize(string Name, int Dimension, int Heads, int Layers)
{
    /// <summary>d = 128, 4 heads, 3 layers (the library default).</summary>
    public static ModelSize Small { get; } = new("small", 128, 4, 3);

    /// <summary>d = 768, 12 heads, 3 layers.</summary>
    public static ModelSize Paper { get; } = new("paper", 768, 12, 3);

    /// <summary>Looks a size up by name.</summary>
    public static ModelSize Parse(string name) => name switch
    {
        "small" => Small,
        "paper" => Paper,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "expected 'small' or 'paper'."),
    };

    /// <summary>Trainer options at this size and the reference's shapes (vocabulary 50,283, 2 threads, dropout 0, batch 32).
    /// Gradient clipping is off, because the reference's step has none; <paramref name="libraryDefaults"/> keeps the library's
    /// clipping for the "as shipped" figures.</summary>
    public IohFuseLMOptions Options(bool unfreezeBackbone, bool libraryDefaults = false)
    {
        var options = new IohFuseLMOptions
        {
            SamplePeriodSeconds = 3,
            ModelDimension = Dimension,
            NumberOfHeads = Heads,
            NumberOfLayers = Layers,
            BatchSize = 32,
            Threads = 2,
            Seed = 1234,
            Device = ComputeDevice.Cpu,
            UnfreezeBackbone = unfreezeBackbone,
            // The benchmark windows have no case column, and a benchmark times steps, not validation.
            ValidationFraction = 0,
        };
        if (!libraryDefaults)
            options.GradientClipNorm = 0;
        return options;
    }

    /// <summary>Ids 0 … V−2 as the stored vocabulary, so the embedding has the reference's V rows (the trainer would
    /// size it to the ids its rows use; the side-by-side keeps the reference's shape).</summary>
    internal long[] ReferenceVocabulary() => Enumerable.Range(0, SyntheticWindows.VocabularySize - 1).Select(i => (long)i).ToArray();

    /// <summary>The network shapes for this size.</summary>
    internal FusedModelConfig Config() => new(BenchmarkWindow.HistoryLength, 10, BenchmarkWindow.FutureLength, BenchmarkWindow.TextLength,
        SyntheticWindows.VocabularySize, Dimension, Heads, Layers, 4, 0.0);
}
