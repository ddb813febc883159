using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// Values of one column captured from selected source rows, whatever the column's type, so synthetic rows can copy
/// the static attributes, text and ids of the real window they were generated from. Values are deep-copied because
/// cursors reuse their buffers.
/// </summary>
internal abstract class ColumnStore
{
    public abstract int Count { get; }

    /// <summary>Appends a copy of the row's current value of <paramref name="column"/>.</summary>
    public abstract void Capture(DataViewRow row, DataViewSchema.Column column);

    /// <summary>A <c>ValueGetter&lt;T&gt;</c> returning the stored value at the index given by <paramref name="index"/>.</summary>
    public abstract Delegate CreateGetter(Func<int> index);

    public static ColumnStore Create(DataViewType type)
    {
        Type raw = type.RawType;
        if (raw.IsGenericType && raw.GetGenericTypeDefinition() == typeof(VBuffer<>))
            return (ColumnStore)Activator.CreateInstance(typeof(VectorColumnStore<>).MakeGenericType(raw.GetGenericArguments()[0]))!;
        if (raw == typeof(ReadOnlyMemory<char>))
            return new TextColumnStore();
        return (ColumnStore)Activator.CreateInstance(typeof(ValueColumnStore<>).MakeGenericType(raw))!;
    }
}
