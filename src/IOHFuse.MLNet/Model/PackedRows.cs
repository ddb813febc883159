using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

/// <summary>
/// The positions of a padded [B, S, ·] batch that hold a patch or a real token, so that the position-wise work of a
/// transformer block (LayerNorm, projections, feed-forward) runs on those rows alone.
/// </summary>
/// <remarks>
/// Sentences in a batch differ in length and are padded on the right to the longest one. A padded position is masked
/// as a key everywhere and its own output is never read, so everything computed for it is discarded; with the
/// clinical-text featurizer's sentences that is a few to a few dozen of every row's positions. Only attention needs
/// the [B, S] layout (its keys are per row), so a block scatters its queries, keys and values into that layout for the
/// attention kernel and gathers the result back (<see cref="Unpack"/>, <see cref="Pack"/>). Both are differentiable.
/// The index lives in the dispose scope that created this object.
/// </remarks>
internal sealed class PackedRows
{
    private readonly Tensor _index;

    /// <summary>Keeps the positions where <paramref name="keep"/> ([B, S] Boolean) is true.</summary>
    public PackedRows(Tensor keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        if (keep.dim() != 2 || keep.dtype != ScalarType.Bool)
            throw new ArgumentException($"Expected a [B, S] Boolean tensor, got {keep.dtype} [{string.Join(", ", keep.shape)}].", nameof(keep));
        Batch = keep.shape[0];
        Length = keep.shape[1];
        _index = keep.reshape(-1).nonzero().squeeze(1);                                             // [N], ascending b·S + s
        Count = _index.shape[0];
    }

    /// <summary>Rows of the batch (B).</summary>
    public long Batch { get; }

    /// <summary>Positions per row (S).</summary>
    public long Length { get; }

    /// <summary>Kept positions over the whole batch (N).</summary>
    public long Count { get; }

    /// <summary>True when every position is kept, so packing would only copy.</summary>
    public bool KeepsAll => Count == Batch * Length;

    /// <summary>[B, S, k] → [N, k]: the kept positions, row by row.</summary>
    public Tensor Pack(Tensor padded) => padded.reshape(Batch * Length, padded.shape[^1]).index_select(0, _index);

    /// <summary>[N, k] → [B, S, k], with zeros at the positions that were not kept.</summary>
    public Tensor Unpack(Tensor packed)
    {
        long width = packed.shape[1];
        return zeros(Batch * Length, width, dtype: packed.dtype, device: packed.device)
            .index_copy(0, _index, packed)
            .view(Batch, Length, width);
    }
}
