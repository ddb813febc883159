using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// Stage 2's training-only head for <see cref="IohFuseLMOptions.EarlierPredictionTimesLossWeight"/>: the label of the
/// end of every earlier patch, read from that patch's final state. The backbone is causal, so patch p's state has seen
/// the history up to the end of patch p only, exactly as if the window had been cut there; a window's own history and
/// future tell whether an event starts within the horizon after that earlier time. One forward pass then carries a
/// label per patch instead of one per window, as a language model learns from every next token of a sentence, not only
/// the last. The head is dropped after Fit; the saved model and what it scores are unchanged.
/// </summary>
/// <remarks>Series-only models: with text, the aligned text tokens attend to every patch (they come first in the
/// sequence), so an earlier patch would see later pressure through them.</remarks>
internal sealed class EarlierPredictionTimesHead : IDisposable
{
    private const sbyte Ineligible = -1;

    private readonly Linear _head;
    private readonly sbyte[] _labels;
    private readonly int _positions;
    private readonly Tensor _positiveWeight;
    private readonly double _lossWeight;

    /// <param name="rows">Training rows (history and future in mmHg).</param>
    /// <param name="original">Indices of the original (non-synthetic) rows stage 2 trains on.</param>
    /// <param name="config">The network's architecture (patching, width).</param>
    /// <param name="detector">The event rule at the rows' sample period: the one the windows were labelled with.</param>
    /// <param name="horizonSamples">The label's horizon in samples.</param>
    /// <param name="lossWeight">Weight of this loss in the stage-2 loss.</param>
    /// <param name="generator">The Fit's generator (starting weights).</param>
    /// <param name="device">Training device.</param>
    public EarlierPredictionTimesHead(TrainingRows rows, int[] original, FusedModelConfig config, IohEventDetector detector, int horizonSamples,
        double lossWeight, Generator generator, Device device)
    {
        _positions = config.PatchCount - 1; // the last patch ends at the window's own prediction time: the main loss
        _labels = Label(rows, config.PatchLength, _positions, detector, horizonSamples);
        long positives = 0, eligible = 0;
        foreach (int r in original)
            for (int p = 0; p < _positions; p++)
            {
                sbyte l = _labels[(long)r * _positions + p];
                if (l != Ineligible) { eligible++; positives += l; }
            }
        EligibleCount = eligible;
        PositiveCount = positives;
        // The main label's class weighting (negatives/positives, capped at 20), for this label's own balance.
        float weight = (float)ClassWeight.Balanced(eligible - positives, positives);
        _positiveWeight = torch.tensor(new[] { weight }, device: device);
        _head = InitialWeights.Linear(config.ModelDimension, 1, generator);
        _head.to(device);
        _lossWeight = lossWeight;
    }

    /// <summary>Earlier prediction times of the original rows that have a label (no event in progress, window long enough).</summary>
    public long EligibleCount { get; }

    /// <summary>How many of those have an event starting within the horizon.</summary>
    public long PositiveCount { get; }

    /// <summary>The labels of one row's earlier patch ends (1, 0, or -1 for none), oldest first.</summary>
    /// <param name="row">Row index.</param>
    internal sbyte[] LabelsOf(int row) => _labels.AsSpan(row * _positions, _positions).ToArray();

    /// <summary>The head's parameters (optimised with the network's).</summary>
    public IEnumerable<Parameter> Parameters => _head.parameters();

    /// <summary>The weighted loss of one batch (a 0-d tensor in the caller's dispose scope).</summary>
    /// <param name="patchStates">[B, P, d] final states of the patches.</param>
    /// <param name="batch">Row indices of the batch.</param>
    public Tensor Loss(Tensor patchStates, int[] batch)
    {
        int k = _positions;
        var target = new float[batch.Length * k];
        var weight = new float[batch.Length * k];
        int labelled = 0;
        for (int j = 0; j < batch.Length; j++)
            for (int p = 0; p < k; p++)
            {
                sbyte l = _labels[(long)batch[j] * k + p];
                target[j * k + p] = l == 1 ? 1f : 0f;
                weight[j * k + p] = l == Ineligible ? 0f : 1f;
                labelled += l == Ineligible ? 0 : 1;
            }
        var device = patchStates.device;
        var targets = torch.tensor(target, new long[] { batch.Length, k }, device: device);
        var weights = torch.tensor(weight, new long[] { batch.Length, k }, device: device);
        var logits = _head.call(patchStates.narrow(1, 0, k)).squeeze(-1);                         // [B, P−1]
        var perTime = nn.functional.binary_cross_entropy_with_logits(logits, targets, weights, pos_weights: _positiveWeight,
            reduction: nn.Reduction.None);
        // Mean over the labelled times only; a batch without any adds nothing (every term is weighted 0).
        return perTime.sum().Times(_lossWeight / Math.Max(1, labelled));
    }

    /// <summary>Per row and earlier patch end: 1 when an event starts within the horizon after it, 0 when none does,
    /// <see cref="Ineligible"/> when an event is in progress (no prediction is made then) or the window ends too soon
    /// after it to tell. Histories are finite (<see cref="TrainingRows.Read"/> refuses others), so every earlier time has a MAP.</summary>
    private static sbyte[] Label(TrainingRows rows, int patchLength, int positions, IohEventDetector detector, int horizonSamples)
    {
        int h = rows.HistoryLength, f = rows.FutureLength;
        var labels = new sbyte[(long)rows.Count * positions];
        var series = new float[h + f];
        for (int r = 0; r < rows.Count; r++)
        {
            rows.History.AsSpan(r * h, h).CopyTo(series);
            rows.Future.AsSpan(r * f, f).CopyTo(series.AsSpan(h));
            var events = detector.FindEvents(series);
            var inProgress = IohEventDetector.InProgressMask(series.Length, events);
            for (int p = 0; p < positions; p++)
            {
                int t = (p + 1) * patchLength - 1;
                // The window must reach far enough to see an event that starts at the horizon's end through its minimum run.
                bool seen = t + horizonSamples + detector.MinimumSamples <= series.Length;
                labels[(long)r * positions + p] = !seen || inProgress[t] ? Ineligible
                    : IohEventDetector.EventStartsWithin(t, horizonSamples, events) ? (sbyte)1 : (sbyte)0;
            }
        }
        return labels;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _head.Dispose();
        _positiveWeight.Dispose();
    }
}
