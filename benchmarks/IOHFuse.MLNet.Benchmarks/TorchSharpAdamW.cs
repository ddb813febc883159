using IOHFuse.MLNet.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>TorchSharp's own <c>torch.optim.AdamW</c> behind the trainer's optimizer interface, so the benchmarks can
/// run the trainer's exact step with it in place of <see cref="InPlaceAdamW"/>.</summary>
internal sealed class TorchSharpAdamW : IStepOptimizer, IDisposable
{
    private readonly AdamW _optimizer;

    public TorchSharpAdamW(IEnumerable<Parameter> parameters, double learningRate, double weightDecay) =>
        _optimizer = torch.optim.AdamW(parameters, lr: learningRate, weight_decay: weightDecay);

    public double LearningRate
    {
        get => _optimizer.ParamGroups.First().LearningRate;
        set
        {
            foreach (var group in _optimizer.ParamGroups)
                group.LearningRate = value;
        }
    }

    public void Step() => _optimizer.step();

    public void Dispose() => _optimizer.Dispose();
}
