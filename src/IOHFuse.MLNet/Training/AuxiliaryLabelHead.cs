using IOHFuse.MLNet.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// Stage 2's training-only head for <see cref="IohFuseLMOptions.AuxiliaryLabelColumnNames"/>: one logit per auxiliary
/// label from the same final state the IOH head reads. It shapes the shared representation (e.g. the 10- and 15-minute
/// labels teach a 5-minute model about slower declines) and is dropped after Fit, so the saved model is unchanged.
/// </summary>
internal sealed class AuxiliaryLabelHead : IDisposable
{
    private readonly Linear _head;
    private readonly Tensor _positiveWeights;
    private readonly double _lossWeight;

    /// <param name="rows">Training rows with their auxiliary labels.</param>
    /// <param name="original">Indices of the original (non-synthetic) rows stage 2 trains on.</param>
    /// <param name="dimension">Width of the final state.</param>
    /// <param name="lossWeight">Weight of the auxiliary loss.</param>
    /// <param name="generator">The Fit's generator (starting weights).</param>
    /// <param name="device">Training device.</param>
    public AuxiliaryLabelHead(TrainingRows rows, int[] original, int dimension, double lossWeight, Generator generator, Device device)
    {
        int k = rows.AuxiliaryCount;
        _head = InitialWeights.Linear(dimension, k, generator);
        _head.to(device);
        // Each label gets the class weight the primary label would get (negatives/positives, capped at 20).
        var weights = new float[k];
        for (int j = 0; j < k; j++)
        {
            long positives = original.LongCount(i => rows.AuxiliaryLabels[(long)i * k + j]);
            weights[j] = (float)ClassWeight.Balanced(original.Length - positives, positives);
        }
        _positiveWeights = torch.tensor(weights, device: device);
        _lossWeight = lossWeight;
    }

    /// <summary>The head's parameters (optimised with the network's).</summary>
    public IEnumerable<Parameter> Parameters => _head.parameters();

    /// <summary>The weighted auxiliary loss of one batch (a 0-d tensor in the caller's dispose scope).</summary>
    /// <param name="lastState">[B, d] final state of the last token.</param>
    /// <param name="rows">Training rows.</param>
    /// <param name="batch">Row indices of the batch.</param>
    public Tensor Loss(Tensor lastState, TrainingRows rows, int[] batch)
    {
        int k = rows.AuxiliaryCount;
        var labels = new float[batch.Length * k];
        for (int j = 0; j < batch.Length; j++)
            for (int c = 0; c < k; c++)
                labels[j * k + c] = rows.AuxiliaryLabels[(long)batch[j] * k + c] ? 1f : 0f;
        var target = torch.tensor(labels, new long[] { batch.Length, k }, device: lastState.device);
        var loss = nn.functional.binary_cross_entropy_with_logits(_head.call(lastState), target, pos_weights: _positiveWeights);
        return loss.Times(_lossWeight);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _head.Dispose();
        _positiveWeights.Dispose();
    }
}
