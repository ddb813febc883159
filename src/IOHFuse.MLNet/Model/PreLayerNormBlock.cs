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
    public override Tensor forward(Tensor x, Tensor? allowed) => Forward(x, allowed, 0);

    /// <summary>The block's output at the positions from <paramref name="queryStart"/> on: [B, S − queryStart, d]. Each
    /// position's output depends on the others only through attention, whose keys and values still come from all S
    /// positions, so these rows equal the same rows of <see cref="forward"/>; the rows before it are not computed.</summary>
    /// <param name="x">[B, S, d]</param>
    /// <param name="allowed">Boolean [B, 1, S, S] attention mask (causal and padding), true = may attend.</param>
    /// <param name="queryStart">The first position to compute (0 for all).</param>
    public Tensor Forward(Tensor x, Tensor? allowed, int queryStart)
    {
        using var scope = NewDisposeScope();
        var normed = ln_1.call(x);
        Tensor query = normed, residual = x;
        if (queryStart > 0)
        {
            long queries = x.shape[1] - queryStart;
            query = normed.narrow(1, queryStart, queries);
            residual = x.narrow(1, queryStart, queries);
            allowed = allowed?.narrow(2, queryStart, queries);
        }
        var h = residual.Plus(dropout.call(attn.call(query, normed, allowed)));
        return FeedForwardResidual(h).MoveToOuterDisposeScope();
    }

    /// <summary>The block on the kept positions of a padded batch only (<see cref="PackedRows"/>): [N, d] → [N, d], the
    /// rows <see cref="forward"/> gives at those positions. Everything but attention is row by row, so it runs on the
    /// N rows; attention sees the [B, S] layout, where <paramref name="allowed"/> masks the other positions as keys.</summary>
    /// <param name="packed">[N, d]</param>
    /// <param name="rows">Which positions of the [B, S] batch the rows are.</param>
    /// <param name="allowed">Boolean [B, 1, S, S] attention mask (causal and padding), true = may attend.</param>
    public Tensor ForwardPacked(Tensor packed, PackedRows rows, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        var h = packed.Plus(dropout.call(attn.ForwardPacked(ln_1.call(packed), rows, allowed)));
        return FeedForwardResidual(h).MoveToOuterDisposeScope();
    }

    /// <summary>h + W2·GELU(W1·LN h): row by row, so it serves the padded and the packed layout alike.</summary>
    private Tensor FeedForwardResidual(Tensor h) => h.Plus(dropout.call(proj.call(nn.functional.gelu(fc.call(ln_2.call(h))))));
}
