using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

#pragma warning disable IDE1006 // snake_case field names are the state_dict keys.

/// <summary>
/// Token-level alignment: text tokens (queries) attend to MAP patches (keys/values); the result is added to the text
/// residually and normalised, so each word carries the physiology it describes.
/// </summary>
internal sealed class TextPatchAlignment : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly MultiHeadAttention cross_attn;
    private readonly LayerNorm norm;

    public TextPatchAlignment(string name, int dimension, int heads, double dropout, Generator? initialWeights) : base(name)
    {
        cross_attn = new MultiHeadAttention("cross_attn", dimension, heads, dropout, initialWeights);
        norm = nn.LayerNorm(dimension);
        RegisterComponents();
    }

    /// <param name="text">[B, T, d] token embeddings.</param>
    /// <param name="patches">[B, P, d] patch embeddings.</param>
    public override Tensor forward(Tensor text, Tensor patches)
    {
        using var scope = NewDisposeScope();
        return norm.call(text.Plus(cross_attn.call(text, patches, null))).MoveToOuterDisposeScope();
    }
}
