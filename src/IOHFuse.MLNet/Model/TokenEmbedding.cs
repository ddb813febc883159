using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

#pragma warning disable IDE1006 // the field name is the state_dict key ("wte.weight", as in GPT-2).

/// <summary>
/// A token embedding table: one row per compact-vocabulary row. TorchSharp's <c>nn.Embedding</c> (also its
/// <c>from_pretrained</c>) draws a random table from the process-wide generator in native code before any weights can
/// be given, so the table is a plain parameter here, filled by <see cref="InitialWeights"/> or by a saved state.
/// </summary>
internal sealed class TokenEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    /// <param name="name">Module name (the state_dict prefix).</param>
    /// <param name="table">[rows, d] starting values; the module takes ownership.</param>
    public TokenEmbedding(string name, Parameter table) : base(name)
    {
        weight = table;
        RegisterComponents();
    }

    /// <summary>The [rows, d] table.</summary>
    public Parameter Weight => weight;

    /// <param name="ids">[B, T] Int64 rows of the table.</param>
    /// <returns>[B, T, d]</returns>
    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        long b = ids.shape[0], t = ids.shape[1];
        return weight.index_select(0, ids.reshape(b * t)).view(b, t, weight.shape[1]).MoveToOuterDisposeScope();
    }
}
