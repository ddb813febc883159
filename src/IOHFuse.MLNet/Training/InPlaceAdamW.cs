using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// AdamW (decoupled weight decay) with the update rule of TorchSharp's <c>torch.optim.AdamW</c> (results agree to
/// float rounding; see InPlaceAdamWTests), but with the denominator built in place: <c>sqrt(v)</c> is the only temporary per
/// parameter instead of <c>sqrt(v)</c> and <c>sqrt(v) / c</c>. At the small size the token embedding alone is 6.4 M
/// weights, so each temporary is a 25 MB allocation and one more pass over memory on every step; the optimizer
/// step is memory-bound. Gradients that are null are skipped, as in TorchSharp and PyTorch.
/// </summary>
internal sealed class InPlaceAdamW : IStepOptimizer, IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private double _learningRate;
    private readonly double _weightDecay;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private long _step;

    /// <summary>Creates zeroed moment buffers for <paramref name="parameters"/>.</summary>
    public InPlaceAdamW(IEnumerable<Parameter> parameters, double learningRate, double weightDecay,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _parameters = parameters.ToArray();
        _learningRate = learningRate;
        _weightDecay = weightDecay;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        using var noGrad = torch.no_grad();
        _firstMoments = _parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoments = _parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Learning rate of the next steps (a schedule sets it between steps); positive.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be positive.");
    }

    /// <summary>Applies one update from the current gradients.</summary>
    public void Step()
    {
        using var noGrad = torch.no_grad();
        _step++;
        double biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        double biasCorrection2 = 1 - Math.Pow(_beta2, _step);
        double stepSize = _learningRate / biasCorrection1;
        double denominatorScale = Math.Sqrt(biasCorrection2);
        // One native Scalar per constant, created once per step and alive until every parameter is updated (see
        // KeptScalars for why implicit number-to-Scalar conversions are avoided).
        using var decay = (1 - _learningRate * _weightDecay).ToScalar();
        using var beta1 = _beta1.ToScalar();
        using var oneMinusBeta1 = (1 - _beta1).ToScalar();
        using var beta2 = _beta2.ToScalar();
        using var oneMinusBeta2 = (1 - _beta2).ToScalar();
        using var scale = denominatorScale.ToScalar();
        using var epsilon = _epsilon.ToScalar();
        using var negativeStep = (-stepSize).ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            using var scope = torch.NewDisposeScope();
            var param = _parameters[i];
            var grad = param.grad;
            if (grad is null)
                continue;
            param.mul_(decay);
            _firstMoments[i].mul_(beta1).add_(grad, alpha: oneMinusBeta1);
            _secondMoments[i].mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt();
            denominator.div_(scale).add_(epsilon);
            param.addcdiv_(_firstMoments[i], denominator, value: negativeStep);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _firstMoments) t.Dispose();
        foreach (var t in _secondMoments) t.Dispose();
    }
}
