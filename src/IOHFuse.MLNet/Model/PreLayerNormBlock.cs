using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

#pragma warning disable IDE1006 // snake_case field names are the state_dict keys.

/// <summary>
/// A GPT-2-style pre-LayerNorm transformer block: x + Attn(LN x), then x + W2·GELU(W1·LN x).
/// </summary>
internal sealed class PreLayerNormBlock : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly LayerNorm ln_1;
    private readonly MultiHeadAttention attn;
    private readonly LayerNorm ln_2;
    private readonly Linear fc;
    private readonly Linear proj;
    private readonly Dropout dropout;

    public PreLayerNormBlock(string name, int dimension, int heads, int feedForwardMultiplier, double dropoutRate, Generator? initialWeights) : base(name)
    {
        ln_1 = nn.LayerNorm(dimension);
        attn = new MultiHeadAttention("attn", dimension, heads, dropoutRate, initialWeights);
        ln_2 = nn.LayerNorm(dimension);
        fc = InitialWeights.Linear(dimension, (long)dimension * feedForwardMultiplier, initialWeights);
        proj = InitialWeights.Linear((long)dimension * feedForwardMultiplier, dimension, initialWeights);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <param name="x">[B, S, d]</param>
    /// <param name="allowed">Boolean [B, 1, S, S] attention mask (causal and padding), true = may attend.</param>
    public override Tensor forward(Tensor x, Tensor? allowed)
    {
        using var scope = NewDisposeScope();
        var normed = ln_1.call(x);
        var h = x.Plus(dropout.call(attn.call(normed, normed, allowed)));
        var ff = proj.call(nn.functional.gelu(fc.call(ln_2.call(h))));
        return h.Plus(dropout.call(ff)).MoveToOuterDisposeScope();
    }
}
