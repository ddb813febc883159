using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

#pragma warning disable IDE1006 // snake_case field names are the state_dict keys (and match GPT-2/PyTorch naming).

/// <summary>
/// Multi-head attention on TorchSharp's fused scaled-dot-product kernel. Queries come from one sequence and
/// keys/values from another (the same one for self-attention), so the module serves both the text–patch
/// alignment and the backbone blocks.
/// </summary>
internal sealed class MultiHeadAttention : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear out_proj;
    private readonly int _heads;
    private readonly double _dropout;

    public MultiHeadAttention(string name, int dimension, int heads, double dropout, Generator? initialWeights) : base(name)
    {
        _heads = heads;
        _dropout = dropout;
        q_proj = InitialWeights.Linear(dimension, dimension, initialWeights);
        k_proj = InitialWeights.Linear(dimension, dimension, initialWeights);
        v_proj = InitialWeights.Linear(dimension, dimension, initialWeights);
        out_proj = InitialWeights.Linear(dimension, dimension, initialWeights);
        RegisterComponents();
    }

    /// <param name="query">[B, Tq, d]</param>
    /// <param name="keyValue">[B, Tk, d]</param>
    /// <param name="allowed">Boolean [B, 1, Tq, Tk] (true = may attend) or null.</param>
    public override Tensor forward(Tensor query, Tensor keyValue, Tensor? allowed)
    {
        using var scope = NewDisposeScope();
        long b = query.shape[0], tq = query.shape[1], tk = keyValue.shape[1], d = query.shape[2];
        long hd = d / _heads;
        var q = q_proj.call(query).view(b, tq, _heads, hd).transpose(1, 2);      // [B, h, Tq, hd]
        var k = k_proj.call(keyValue).view(b, tk, _heads, hd).transpose(1, 2);   // [B, h, Tk, hd]
        var v = v_proj.call(keyValue).view(b, tk, _heads, hd).transpose(1, 2);   // [B, h, Tk, hd]
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, allowed, training ? _dropout : 0.0);
        var merged = attended.transpose(1, 2).reshape(b, tq, d);                 // [B, Tq, d]
        return out_proj.call(merged).MoveToOuterDisposeScope();
    }

    /// <summary>Self-attention over the kept positions of a padded batch: the projections run on those rows alone and
    /// only the attention kernel sees the [B, S] layout (zeros at the other positions, which <paramref name="allowed"/>
    /// must mask as keys). Returns the same rows as <see cref="forward"/> on the padded batch would at those positions.</summary>
    /// <param name="packed">[N, d] normalised inputs at the kept positions (<see cref="PackedRows.Pack"/>).</param>
    /// <param name="rows">Which positions of the [B, S] batch the rows of <paramref name="packed"/> are.</param>
    /// <param name="allowed">Boolean [B, 1, S, S] (true = may attend).</param>
    public Tensor ForwardPacked(Tensor packed, PackedRows rows, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        long b = rows.Batch, s = rows.Length, d = packed.shape[1];
        long hd = d / _heads;
        Tensor Heads(Linear projection) => rows.Unpack(projection.call(packed)).view(b, s, _heads, hd).transpose(1, 2); // [B, h, S, hd]
        var attended = nn.functional.scaled_dot_product_attention(Heads(q_proj), Heads(k_proj), Heads(v_proj), allowed, training ? _dropout : 0.0);
        var merged = rows.Pack(attended.transpose(1, 2).reshape(b, s, d));                            // [N, d]
        return out_proj.call(merged).MoveToOuterDisposeScope();
    }
}
