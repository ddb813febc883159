using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

/// <summary>
/// Builds layers whose starting weights come from a caller's <see cref="Generator"/> instead of TorchSharp's
/// process-wide default generator. With no generator the weights are left uninitialised (<c>torch.empty</c>): that is
/// the loading path, where every value is then overwritten by the saved state, so drawing random numbers first would
/// be wasted work and would advance the application's own default generator.
/// </summary>
internal static class InitialWeights
{
    /// <summary>A linear layer with PyTorch's default initialisation: weight and bias uniform in ±1/√in
    /// (kaiming-uniform with a = √5 reduces to that bound).</summary>
    public static Linear Linear(long inputSize, long outputSize, Generator? generator)
    {
        double bound = 1.0 / Math.Sqrt(inputSize);
        return nn.Linear(Uniform([outputSize, inputSize], bound, generator), Uniform([outputSize], bound, generator));
    }

    /// <summary>A token embedding with rows N(0, std²).</summary>
    public static TokenEmbedding Embedding(string name, long rows, long dimension, double std, Generator? generator) =>
        new(name, NormalParameter([rows, dimension], std, generator));

    /// <summary>A parameter with entries N(0, std²).</summary>
    public static Parameter NormalParameter(long[] shape, double std, Generator? generator)
    {
        using var values = Normal(shape, std, generator);
        return nn.Parameter(values);
    }

    private static Parameter Uniform(long[] shape, double bound, Generator? generator)
    {
        var values = torch.empty(shape);
        if (generator is not null)
        {
            using (torch.no_grad())
                values.uniform_(-bound, bound, generator);
        }
        return nn.Parameter(values);
    }

    private static Tensor Normal(long[] shape, double std, Generator? generator)
    {
        var values = torch.empty(shape);
        if (generator is not null)
        {
            using (torch.no_grad())
                values.normal_(0, std, generator);
        }
        return values;
    }
}
