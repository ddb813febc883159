using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

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
