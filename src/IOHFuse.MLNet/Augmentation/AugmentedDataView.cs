using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// The augmented view: every source row (flag false), in source order, then the synthetic rows (flag true). The
/// schema is the source schema plus the Boolean flag column at the end. Not shuffleable and single-cursor: it is a
/// training-set builder; shuffle downstream with <c>mlContext.Data.ShuffleRows</c> if needed.
/// </summary>
internal sealed class AugmentedDataView : IDataView
{
    private readonly IDataView _source;
    private readonly SyntheticRows _synthetic;
    private readonly long? _sourceRowCount;

    public AugmentedDataView(IDataView source, SyntheticRows synthetic, string flagColumnName, long? sourceRowCount)
    {
        _source = source;
        _synthetic = synthetic;
        _sourceRowCount = sourceRowCount;
        Schema = BuildSchema(source.Schema, flagColumnName);
        FlagIndex = source.Schema.Count;
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    internal int FlagIndex { get; }

    internal int SyntheticCount => _synthetic.Count;

    /// <summary>The input schema followed by the flag column (annotated as the synthetic-row flag, so a trainer told
    /// another flag name can still notice it); annotations of input columns are kept.</summary>
    public static DataViewSchema BuildSchema(DataViewSchema input, string flagColumnName)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(flagColumnName, BooleanDataViewType.Instance, IohFuseAnnotations.SyntheticFlagAnnotations());
        return builder.ToSchema();
    }

    public long? GetRowCount() => _sourceRowCount is long n ? n + _synthetic.Count : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var c in columnsNeeded)
            active[c.Index] = true;
        return new Cursor(this, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly AugmentedDataView _parent;
        private readonly bool[] _active;
        private readonly DataViewRowCursor _sourceCursor;
        private bool _inSource = true;
        private int _syntheticRow = -1;
        private long _position = -1;
        private bool _disposed;

        public Cursor(AugmentedDataView parent, bool[] active)
        {
            _parent = parent;
            _active = active;
            var sourceSchema = parent._source.Schema;
            _sourceCursor = parent._source.GetRowCursor(sourceSchema.Where(c => active[c.Index]));
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _parent.Schema;

        public override bool MoveNext()
        {
            if (_disposed)
                return false;
            if (_inSource)
            {
                if (_sourceCursor.MoveNext())
                {
                    _position++;
                    return true;
                }
                _inSource = false;
            }
            if (_syntheticRow + 1 < _parent._synthetic.Count)
            {
                _syntheticRow++;
                _position++;
                return true;
            }
            _syntheticRow = _parent._synthetic.Count;
            return false;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => column.Index < _active.Length && _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            if (column.Index == _parent.FlagIndex)
            {
                ValueGetter<bool> flag = (ref bool dst) => dst = !_inSource;
                return flag as ValueGetter<TValue>
                    ?? throw new InvalidOperationException($"Column '{column.Name}' is Boolean, not {typeof(TValue)}.");
            }
            var fromSource = _sourceCursor.GetGetter<TValue>(_sourceCursor.Schema[column.Index]);
            var fromSynthetic = _parent._synthetic.GetGetter<TValue>(column.Index, () => _syntheticRow);
            return (ref TValue dst) =>
            {
                if (_inSource)
                    fromSource(ref dst);
                else
                    fromSynthetic(ref dst);
            };
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId dst) => dst = new DataViewRowId((ulong)_position, 0);

        protected override void Dispose(bool disposing)
        {
            if (_disposed)
                return;
            if (disposing)
                _sourceCursor.Dispose();
            _disposed = true;
            base.Dispose(disposing);
        }
    }
}
