using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>Vectors (dense or sparse): deep-copied with <see cref="VBuffer{T}.CopyTo(ref VBuffer{T})"/>.</summary>
internal sealed class VectorColumnStore<TItem> : ColumnStore<VBuffer<TItem>>
{
    protected override VBuffer<TItem> Copy(VBuffer<TItem> value)
    {
        var copy = default(VBuffer<TItem>);
        value.CopyTo(ref copy);
        return copy;
    }

    protected override void Assign(VBuffer<TItem> stored, ref VBuffer<TItem> dst) => stored.CopyTo(ref dst);
}
