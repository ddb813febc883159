using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>Which optimisation step to time.</summary>
public enum TrainingStage
{
    /// <summary>Stage 1: masked-patch pretraining, all parameters but the task heads.</summary>
    Pretrain,

    /// <summary>Stage 2 with the whole model trainable (what the PyTorch reference implementation's train step does).</summary>
    FineTuneUnfrozen,

    /// <summary>Stage 2 as shipped: backbone blocks and token embedding frozen.</summary>
    FineTuneFrozen,
}

/// <summary>
/// Holds a network, its optimizer and a few batches, and runs the trainer's own step method
/// (<see cref="IohFuseLMTrainer.PretrainStep"/> / <see cref="IohFuseLMTrainer.FineTuneStep"/>) on them, so the
/// benchmarks time exactly the code <c>Fit</c> runs, without data loading, calibration or model lowering.
/// </summary>
public sealed class TrainingStepRunner : IDisposable
{
    private const int BatchCount = 8;
    private readonly FusedNetwork _network;
    private readonly AdamWOptimizer _optimizer;
    private readonly List<Parameter> _parameters;
    private readonly TrainingRows _rows;
    private readonly IohFuseLMOptions _options;
    private readonly TrainingStage _stage;
    private readonly Tensor _posWeight;
    private readonly int[][] _batches;
    private readonly int _maskedPerRow;
    private readonly torch.Generator _generator;
    private int _next;

    /// <summary>Builds the network at <paramref name="size"/> for <paramref name="stage"/>, updated by the trainer's
    /// <see cref="AdamWOptimizer"/>. <paramref name="compactVocabularyIds"/> folds the token ids onto that many distinct ids and gives the
    /// embedding one row per id used, as Fit does (the clinical-text featurizer emits a few hundred); null keeps the
    /// reference implementation's 50,283-row embedding.</summary>
    public TrainingStepRunner(ModelSize size, TrainingStage stage, bool libraryDefaults = false, int? compactVocabularyIds = null)
    {
        _stage = stage;
        _options = size.Options(unfreezeBackbone: stage != TrainingStage.FineTuneFrozen, libraryDefaults);
        TorchRuntime.ApplyThreads(_options.Threads);
        _generator = new torch.Generator((ulong)(_options.Seed ?? 0));
        var mlContext = new MLContext(seed: 1);
        var windows = SyntheticWindows.Make(BatchCount * _options.BatchSize, seed: 1234);
        if (compactVocabularyIds is int ids)
            foreach (var w in windows)
                for (int t = 0; t < w.TokenIds.Length; t++)
                    w.TokenIds[t] = w.TokenMask[t] > 0 ? 1 + w.TokenIds[t] % ids : 0;
        _rows = TrainingRows.Read(mlContext.Data.LoadFromEnumerable(windows), _options, "benchmark", CancellationToken.None);
        var config = size.Config();
        if (compactVocabularyIds is not null)
        {
            var vocabulary = TokenVocabulary.FromIds(_rows.TokenIds);
            vocabulary.ToRows(_rows.TokenIds, _rows.TokenIds);
            config = config with { VocabularySize = vocabulary.RowCount };
        }
        _network = new FusedNetwork(config, _generator);
        _network.train();
        _parameters = stage == TrainingStage.Pretrain
            ? IohFuseLMTrainer.PretrainParameters(_network)
            : IohFuseLMTrainer.FineTuneParameters(_network, _options.UnfreezeBackbone ?? true);
        double lr = stage == TrainingStage.Pretrain ? _options.PretrainLearningRate : _options.FineTuneLearningRate;
        _optimizer = new AdamWOptimizer(_parameters, lr, _options.WeightDecay);
        _maskedPerRow = IohFuseLMTrainer.MaskedPatchesPerRow(config, _options);
        _posWeight = torch.tensor(new[] { 9f }).DetachFromDisposeScope();
        _batches = Enumerable.Range(0, _rows.Count).Chunk(_options.BatchSize).ToArray();
        ParameterCount = _network.parameters().Sum(p => p.numel());
    }

    /// <summary>All parameters of the network.</summary>
    public long ParameterCount { get; }

    /// <summary>Rows per step.</summary>
    public int BatchSize => _options.BatchSize;

    /// <summary>Runs one forward + backward + AdamW step on the next batch and returns its loss.</summary>
    public float Step()
    {
        var batch = _batches[_next++ % _batches.Length];
        return _stage == TrainingStage.Pretrain
            ? IohFuseLMTrainer.PretrainStep(_network, _optimizer, _parameters, _rows, batch, _maskedPerRow, _generator, torch.CPU, _options.GradientClipNorm)
            : IohFuseLMTrainer.FineTuneStep(_network, _optimizer, _parameters, _rows, batch, torch.CPU, _posWeight, _options);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _posWeight.Dispose();
        _generator.Dispose();
        _optimizer.Dispose();
        _network.Dispose();
    }
}
