using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// The appended rows, held in memory: for each synthetic row, the source row it copies and the values that replace
/// the source's (MAP vectors and recomputed labels). Columns not overridden are served from <see cref="ColumnStore"/>s.
/// </summary>
internal sealed class SyntheticRows
{
    private readonly ColumnStore[] _stores;
    private readonly int[] _sourceIndex;
    private readonly Dictionary<int, float[][]> _vectors;
    private readonly Dictionary<int, bool[]> _booleans;

    public SyntheticRows(ColumnStore[] stores, int[] sourceIndex, Dictionary<int, float[][]> vectors, Dictionary<int, bool[]> booleans)
    {
        _stores = stores;
        _sourceIndex = sourceIndex;
        _vectors = vectors;
        _booleans = booleans;
    }

    public int Count => _sourceIndex.Length;

    /// <summary>A getter for input column <paramref name="columnIndex"/> at the synthetic row given by <paramref name="row"/>.</summary>
    public ValueGetter<TValue> GetGetter<TValue>(int columnIndex, Func<int> row)
    {
        if (_vectors.TryGetValue(columnIndex, out var vectors))
        {
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
            {
                var values = vectors[row()];
                var editor = VBufferEditor.Create(ref dst, values.Length);
                values.CopyTo(editor.Values);
                dst = editor.Commit();
            };
            return Cast<TValue, VBuffer<float>>(getter, columnIndex);
        }
        if (_booleans.TryGetValue(columnIndex, out var flags))
        {
            ValueGetter<bool> getter = (ref bool dst) => dst = flags[row()];
            return Cast<TValue, bool>(getter, columnIndex);
        }
        var stored = _stores[columnIndex].CreateGetter(() => _sourceIndex[row()]);
        return stored as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column {columnIndex} does not hold values of type {typeof(TValue)}.");
    }

    private static ValueGetter<TValue> Cast<TValue, TActual>(ValueGetter<TActual> getter, int columnIndex) =>
        getter as ValueGetter<TValue>
        ?? throw new InvalidOperationException($"Column {columnIndex} holds {typeof(TActual)}, not {typeof(TValue)}.");
}
