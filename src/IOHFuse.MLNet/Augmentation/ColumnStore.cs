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

/// <summary>Stores values of type <typeparamref name="T"/>.</summary>
internal abstract class ColumnStore<T> : ColumnStore
{
    private readonly List<T> _values = [];

    public override int Count => _values.Count;

    public override void Capture(DataViewRow row, DataViewSchema.Column column)
    {
        T value = default!;
        row.GetGetter<T>(column)(ref value);
        _values.Add(Copy(value));
    }

    public override Delegate CreateGetter(Func<int> index)
    {
        ValueGetter<T> getter = (ref T dst) => Assign(_values[index()], ref dst);
        return getter;
    }

    protected abstract T Copy(T value);

    protected abstract void Assign(T stored, ref T dst);
}

/// <summary>Immutable values (numbers, Boolean, DateTime, row ids, keys): copied by assignment.</summary>
internal sealed class ValueColumnStore<T> : ColumnStore<T>
{
    protected override T Copy(T value) => value;

    protected override void Assign(T stored, ref T dst) => dst = stored;
}

/// <summary>Text: the memory may point into a cursor's reused buffer, so it is copied into a string of its own.</summary>
internal sealed class TextColumnStore : ColumnStore<ReadOnlyMemory<char>>
{
    protected override ReadOnlyMemory<char> Copy(ReadOnlyMemory<char> value) => value.ToString().AsMemory();

    protected override void Assign(ReadOnlyMemory<char> stored, ref ReadOnlyMemory<char> dst) => dst = stored;
}

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
