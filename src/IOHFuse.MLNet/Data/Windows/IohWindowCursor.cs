using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Data;

/// <summary>Cursor of <see cref="IohWindowDataView"/>: walks the cases in order and their windows lazily.</summary>
internal sealed class IohWindowCursor : DataViewRowCursor
{
    private readonly IohWindowDataView _view;
    private readonly bool[] _active;
    private readonly Delegate?[] _getters;
    private int _caseIndex = -1;
    private int _windowIndex;
    private CaseWindows? _current;
    private long _position = -1;

    public IohWindowCursor(IohWindowDataView view, bool[] active)
    {
        _view = view;
        _active = active;
        _getters = new Delegate?[view.Schema.Count];
        for (int i = 0; i < _getters.Length; i++)
            if (active[i])
                _getters[i] = MakeGetter(view.Schema[i].Name, i);
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<DataViewRowId> GetIdGetter()
        => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= _getters.Length || !_active[column.Index])
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
        if (_getters[column.Index] is not ValueGetter<TValue> getter)
            throw new InvalidOperationException(
                $"Column '{column.Name}' is of type {column.Type}, not {typeof(TValue).Name}.");
        return getter;
    }

    public override bool MoveNext()
    {
        var cases = _view.Cases;
        while (true)
        {
            if (_current is not null && _windowIndex + 1 < _current.TimeIndices.Count)
            {
                _windowIndex++;
                _position++;
                return true;
            }
            if (_caseIndex + 1 >= cases.Count)
            {
                _current = null;
                return false;
            }
            _caseIndex++;
            _current = _view.Windower.Compute(cases[_caseIndex]);
            _windowIndex = -1;
        }
    }

    private CaseWindows Current
        => _current ?? throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");

    private int T => Current.TimeIndices[_windowIndex];

    private PatientAttributes Attr => Current.Case.Attributes;

    private Delegate MakeGetter(string name, int index)
    {
        var w = _view.Windower;
        int labelOffset = _view.Schema[IohFuseColumns.Label].Index + 1;
        if (index >= labelOffset && index < labelOffset + w.LabelColumns.Length)
        {
            int h = index - labelOffset;
            return (ValueGetter<bool>)((ref bool v) => v = Current.Labels[_windowIndex][h]);
        }
        return name switch
        {
            IohFuseColumns.CaseId => Text(() => Current.Case.CaseId),
            IohFuseColumns.PatientId => Text(() => Current.Case.PatientId),
            IohFuseColumns.Time => (ValueGetter<float>)((ref float v) => v = (float)Current.Map.TimeAt(T)),
            IohFuseColumns.History => Vector(w.HistoryLength, (_, span) => Current.CopyHistory(_windowIndex, span)),
            IohFuseColumns.Future => Vector(w.FutureLength, (_, span) => Current.CopyFuture(_windowIndex, span)),
            IohFuseColumns.Label => (ValueGetter<bool>)((ref bool v) => v = Current.Labels[_windowIndex][w.PrimaryIndex]),
            IohFuseColumns.Age => Number(() => Attr.Age),
            IohFuseColumns.Sex => Text(() => Attr.Sex),
            IohFuseColumns.Height => Number(() => Attr.Height),
            IohFuseColumns.Weight => Number(() => Attr.Weight),
            IohFuseColumns.Bmi => Number(() => Attr.Bmi),
            IohFuseColumns.Asa => Number(() => Attr.Asa),
            IohFuseColumns.Emergency => Number(() => Attr.Emergency switch { true => 1f, false => 0f, null => float.NaN }),
            IohFuseColumns.Department => Text(() => Attr.Department),
            IohFuseColumns.SurgeryType => Text(() => Attr.SurgeryType),
            IohFuseColumns.SurgeryName => Text(() => Attr.SurgeryName),
            IohFuseColumns.Approach => Text(() => Attr.Approach),
            IohFuseColumns.Anesthesia => Text(() => Attr.Anesthesia),
            _ => throw new InvalidOperationException($"Unknown column '{name}'."),
        };
    }

    private static ValueGetter<ReadOnlyMemory<char>> Text(Func<string> read)
        => (ref ReadOnlyMemory<char> v) => v = read().AsMemory();

    private static ValueGetter<float> Number(Func<float> read)
        => (ref float v) => v = read();

    private ValueGetter<VBuffer<float>> Vector(int length, SpanAction copy)
        => (ref VBuffer<float> v) =>
        {
            var editor = VBufferEditor.Create(ref v, length);
            copy(T, editor.Values);
            v = editor.Commit();
        };

    private delegate void SpanAction(int t, Span<float> destination);
}
