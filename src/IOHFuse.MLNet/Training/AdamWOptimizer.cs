using TorchSharp;
using TorchSharp.Modules;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// TorchSharp's own <c>torch.optim.AdamW</c> with one learning rate for all its parameter groups, which the trainer's
/// schedule sets between steps.
/// </summary>
/// <remarks>
/// The trainer once used a hand-written AdamW that built its denominator in place. Measured side by side on the
/// trainer's own step on an idle 2-core machine, TorchSharp's AdamW took 1.04× its time at the small size (compact
/// vocabulary), 1.03× with the 50,283-row reference vocabulary and 1.00× at paper width, with identical losses, so the
/// library's optimizer replaced it (docs/benchmarks.md).
/// </remarks>
internal sealed class AdamWOptimizer : IDisposable
{
    private readonly AdamW _optimizer;

    /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
    public AdamWOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        _optimizer = torch.optim.AdamW(parameters, lr: learningRate, weight_decay: weightDecay);
    }

    /// <summary>Learning rate of the next steps; positive.</summary>
    public double LearningRate
    {
        get => _optimizer.ParamGroups.First().LearningRate;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            foreach (var group in _optimizer.ParamGroups)
                group.LearningRate = value;
        }
    }

    /// <summary>Applies one update from the current gradients.</summary>
    public void Step() => _optimizer.step();

    /// <summary>Releases the optimizer's moment buffers.</summary>
    public void Dispose() => _optimizer.Dispose();
}
