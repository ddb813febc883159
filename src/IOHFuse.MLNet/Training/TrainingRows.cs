using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Model;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// The trainer's rows read once from an <see cref="IDataView"/> into flat arrays, so batches are slices copied into
/// tensors instead of per-row allocations.
/// </summary>
internal sealed class TrainingRows
{
    public int Count { get; private init; }
    public int HistoryLength { get; private init; }
    public int FutureLength { get; private init; }
    public int TextLength { get; private init; }
    public float[] History { get; private init; } = Array.Empty<float>();
    public float[] Future { get; private init; } = Array.Empty<float>();
    public long[] TokenIds { get; private init; } = Array.Empty<long>();
    public float[] TokenMask { get; private init; } = Array.Empty<float>();
    public bool[] Labels { get; private init; } = Array.Empty<bool>();
    public bool[] Synthetic { get; private init; } = Array.Empty<bool>();

    /// <summary>Auxiliary label columns per row (<see cref="IohFuseLMOptions.AuxiliaryLabelColumnNames"/>), row-major.</summary>
    public int AuxiliaryCount { get; private init; }

    /// <summary>[Count × AuxiliaryCount] auxiliary labels, row-major.</summary>
    public bool[] AuxiliaryLabels { get; private init; } = Array.Empty<bool>();

    /// <summary>Case id per row, or empty when the data has no case column.</summary>
    public string[] CaseIds { get; private init; } = Array.Empty<string>();

    /// <summary>The rows at <paramref name="index"/>, in that order.</summary>
    public TrainingRows Subset(IReadOnlyList<int> index)
    {
        ArgumentNullException.ThrowIfNull(index);
        T[] Pick<T>(T[] source, int width)
        {
            if (source.Length == 0)
                return source;
            var result = new T[index.Count * width];
            for (int j = 0; j < index.Count; j++)
                Array.Copy(source, (long)index[j] * width, result, (long)j * width, width);
            return result;
        }
        return new TrainingRows
        {
            Count = index.Count,
            HistoryLength = HistoryLength,
            FutureLength = FutureLength,
            TextLength = TextLength,
            History = Pick(History, HistoryLength),
            Future = Pick(Future, FutureLength),
            TokenIds = Pick(TokenIds, TextLength),
            TokenMask = Pick(TokenMask, TextLength),
            Labels = Pick(Labels, 1),
            Synthetic = Pick(Synthetic, 1),
            CaseIds = Pick(CaseIds, 1),
            AuxiliaryCount = AuxiliaryCount,
            AuxiliaryLabels = Pick(AuxiliaryLabels, AuxiliaryCount),
        };
    }

    /// <summary>These rows followed by synthetic copies of rows <paramref name="sources"/>: each copy keeps its source's
    /// tokens, case id and auxiliary labels (synthetic rows never reach stage 2) and takes its MAP ([history | future] per entry of <paramref name="windows"/>) and label from
    /// the arguments.</summary>
    public TrainingRows WithSyntheticCopies(IReadOnlyList<int> sources, IReadOnlyList<float[]> windows, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(labels);
        var copies = Subset(sources);
        int h = HistoryLength, f = FutureLength;
        for (int j = 0; j < sources.Count; j++)
        {
            if (windows[j].Length != h + f)
                throw new ArgumentException($"Synthetic window {j} has {windows[j].Length} values, not {h} + {f}.", nameof(windows));
            windows[j].AsSpan(0, h).CopyTo(copies.History.AsSpan(j * h, h));
            windows[j].AsSpan(h).CopyTo(copies.Future.AsSpan(j * f, f));
            copies.Labels[j] = labels[j];
            copies.Synthetic[j] = true;
        }
        return new TrainingRows
        {
            Count = Count + copies.Count,
            HistoryLength = h,
            FutureLength = f,
            TextLength = TextLength,
            History = [.. History, .. copies.History],
            Future = [.. Future, .. copies.Future],
            TokenIds = [.. TokenIds, .. copies.TokenIds],
            TokenMask = [.. TokenMask, .. copies.TokenMask],
            Labels = [.. Labels, .. copies.Labels],
            Synthetic = [.. Synthetic, .. copies.Synthetic],
            CaseIds = [.. CaseIds, .. copies.CaseIds],
            AuxiliaryCount = AuxiliaryCount,
            AuxiliaryLabels = [.. AuxiliaryLabels, .. copies.AuxiliaryLabels],
        };
    }

    public int PositiveCount => Labels.Count(l => l);

    /// <summary>These rows followed by a copy of each moved forward by the future's length: its history is the last
    /// <see cref="HistoryLength"/> samples of history followed by future (stage-1 rows only: the copies carry no
    /// future and the labels of the rows they came from). Unchanged when there is no future column.</summary>
    public TrainingRows WithForwardShiftedCopies()
    {
        if (FutureLength == 0)
            return this;
        int h = HistoryLength, f = Math.Min(FutureLength, HistoryLength);
        var history = new float[History.Length * 2L];
        Array.Copy(History, history, History.Length);
        for (int r = 0; r < Count; r++)
        {
            long target = (long)(Count + r) * h;
            Array.Copy(History, (long)r * h + f, history, target, h - f);
            Array.Copy(Future, (long)r * FutureLength + FutureLength - f, history, target + h - f, f);
        }
        T[] Twice<T>(T[] source) => source.Length == 0 ? source : [.. source, .. source];
        return new TrainingRows
        {
            Count = Count * 2,
            HistoryLength = h,
            FutureLength = 0,
            TextLength = TextLength,
            History = history,
            TokenIds = Twice(TokenIds),
            TokenMask = Twice(TokenMask),
            Labels = Twice(Labels),
            Synthetic = Twice(Synthetic),
            CaseIds = Twice(CaseIds),
        };
    }

    /// <summary>Reads and validates the columns the trainer needs; errors name the column and row. With
    /// <paramref name="ch"/>, warns when the data has no column of the configured synthetic-flag name but another
    /// Boolean column that flags rows as synthetic (see <see cref="StrayFlagColumn"/>).</summary>
    public static TrainingRows Read(IDataView data, IohFuseLMOptions options, string role, CancellationToken cancellation, IChannel? ch = null)
    {
        var schema = data.Schema;
        var history = RequireVector(schema, options.HistoryColumnName, NumberDataViewType.Single, role);
        var label = RequireScalar(schema, options.LabelColumnName, BooleanDataViewType.Instance, role);
        DataViewSchema.Column? future = options.FutureColumnName is null ? null : RequireVector(schema, options.FutureColumnName, NumberDataViewType.Single, role);
        DataViewSchema.Column? ids = null, mask = null;
        if (options.UseText)
        {
            ids = RequireVector(schema, options.TokenIdsColumnName, NumberDataViewType.Int64, role);
            mask = RequireVector(schema, options.TokenMaskColumnName, NumberDataViewType.Single, role);
        }
        var flagColumn = schema.GetColumnOrNull(options.SyntheticFlagColumnName);
        if (flagColumn is { } fc && fc.Type != BooleanDataViewType.Instance)
            throw new ArgumentException($"Column '{fc.Name}' ({role} data) must be Boolean to mark synthetic rows, but it is {fc.Type}.", nameof(data));
        var strayFlag = flagColumn is null ? StrayFlagColumn(schema, options) : null;

        var caseColumn = string.IsNullOrEmpty(options.CaseIdColumnName) ? null : schema.GetColumnOrNull(options.CaseIdColumnName);
        if (caseColumn is { } cc && cc.Type is not TextDataViewType)
            throw new ArgumentException($"Column '{cc.Name}' ({role} data) must be Text to identify cases, but it is {cc.Type}; convert it or set {nameof(IohFuseLMOptions.CaseIdColumnName)}.", nameof(data));

        var auxiliary = options.AuxiliaryLabelColumnNames.Select(n => RequireScalar(schema, n, BooleanDataViewType.Instance, role)).ToArray();
        var columns = new List<DataViewSchema.Column> { history, label };
        columns.AddRange(auxiliary);
        if (caseColumn is { } caseCol) columns.Add(caseCol);
        if (future is { } f) columns.Add(f);
        if (ids is { } i) columns.Add(i);
        if (mask is { } m) columns.Add(m);
        if (flagColumn is { } flag) columns.Add(flag);
        if (strayFlag is { } stray) columns.Add(stray);

        var hist = new List<float>();
        var fut = new List<float>();
        var tok = new List<long>();
        var msk = new List<float>();
        var labels = new List<bool>();
        var synth = new List<bool>();
        var caseIds = new List<string>();
        int historyLength = -1, futureLength = 0, textLength = 0;

        using var cursor = data.GetRowCursor(columns);
        var getHistory = cursor.GetGetter<VBuffer<float>>(history);
        var getLabel = cursor.GetGetter<bool>(label);
        var getFuture = future is { } fcol ? cursor.GetGetter<VBuffer<float>>(fcol) : null;
        var getIds = ids is { } icol ? cursor.GetGetter<VBuffer<long>>(icol) : null;
        var getMask = mask is { } mcol ? cursor.GetGetter<VBuffer<float>>(mcol) : null;
        var getFlag = flagColumn is { } flcol ? cursor.GetGetter<bool>(flcol) : null;
        var getCase = caseColumn is { } ccol ? cursor.GetGetter<ReadOnlyMemory<char>>(ccol) : null;
        var getAuxiliary = auxiliary.Select(c => cursor.GetGetter<bool>(c)).ToArray();
        var auxiliaryLabels = new List<bool>();
        var getStray = strayFlag is { } scol ? cursor.GetGetter<bool>(scol) : null;
        long strayTrue = 0;
        ReadOnlyMemory<char> caseId = default;
        VBuffer<float> hb = default, fb = default, mb = default;
        VBuffer<long> ib = default;
        long row = 0;
        while (cursor.MoveNext())
        {
            if ((row & 1023) == 0)
                cancellation.ThrowIfCancellationRequested();
            getHistory(ref hb);
            if (historyLength < 0) historyLength = hb.Length;
            CheckLength(hb.Length, historyLength, options.HistoryColumnName, row, role);
            foreach (var v in hb.DenseValues())
            {
                if (!float.IsFinite(v))
                    throw new InvalidDataException($"Column '{options.HistoryColumnName}' ({role} data) has a non-finite MAP value at row {row}. Clean or drop such windows before training.");
                // The same physiological range the scorer enforces at Predict: a model must not learn from values it would refuse.
                if (v < FusedModelConfig.MinimumMap || v > FusedModelConfig.MaximumMap)
                    throw new InvalidDataException($"Column '{options.HistoryColumnName}' ({role} data) has MAP value {v} at row {row}, outside the physiological range ({FusedModelConfig.MinimumMap}–{FusedModelConfig.MaximumMap} mmHg). Clean artifacts before training.");
                hist.Add(v);
            }
            bool lab = false;
            getLabel(ref lab);
            labels.Add(lab);
            foreach (var get in getAuxiliary)
            {
                bool a = false;
                get(ref a);
                auxiliaryLabels.Add(a);
            }
            if (getFuture is not null)
            {
                getFuture(ref fb);
                if (row == 0) futureLength = fb.Length;
                CheckLength(fb.Length, futureLength, options.FutureColumnName!, row, role);
                foreach (var v in fb.DenseValues())
                {
                    if (!float.IsFinite(v))
                        throw new InvalidDataException($"Column '{options.FutureColumnName}' ({role} data) has a non-finite value at row {row}.");
                    if (v < FusedModelConfig.MinimumMap || v > FusedModelConfig.MaximumMap)
                        throw new InvalidDataException($"Column '{options.FutureColumnName}' ({role} data) has MAP value {v} at row {row}, outside the physiological range ({FusedModelConfig.MinimumMap}–{FusedModelConfig.MaximumMap} mmHg).");
                    fut.Add(v);
                }
            }
            if (getIds is not null)
            {
                getIds(ref ib);
                getMask!(ref mb);
                if (row == 0) textLength = ib.Length;
                CheckLength(ib.Length, textLength, options.TokenIdsColumnName, row, role);
                CheckLength(mb.Length, textLength, options.TokenMaskColumnName, row, role);
                foreach (var v in ib.DenseValues())
                {
                    if (v < 0)
                        throw new InvalidDataException($"Column '{options.TokenIdsColumnName}' ({role} data) has a negative token id at row {row}.");
                    tok.Add(v);
                }
                foreach (var v in mb.DenseValues())
                    msk.Add(v);
            }
            bool s = false;
            getFlag?.Invoke(ref s);
            synth.Add(s);
            if (getStray is not null)
            {
                bool marked = false;
                getStray(ref marked);
                strayTrue += marked ? 1 : 0;
            }
            if (getCase is not null)
            {
                getCase(ref caseId);
                caseIds.Add(caseId.ToString());
            }
            row++;
        }

        if (row == 0)
            throw new ArgumentException($"The {role} data has no rows.", nameof(data));
        if (options.UseText && textLength == 0)
            throw new ArgumentException($"Column '{options.TokenIdsColumnName}' ({role} data) has zero-length token vectors.", nameof(data));
        if (strayTrue > 0)
            ch?.Warning(MessageSensitivity.None,
                $"The {role} data has no column '{options.SyntheticFlagColumnName}' ({nameof(IohFuseLMOptions.SyntheticFlagColumnName)}), but column '{strayFlag!.Value.Name}' marks {strayTrue} of its {row} rows as synthetic: " +
                $"they are treated as original rows, so stage 2, validation and calibration see them. Set {nameof(IohFuseLMOptions.SyntheticFlagColumnName)} = \"{strayFlag.Value.Name}\" if they are synthetic.");
        return new TrainingRows
        {
            Count = (int)row,
            HistoryLength = historyLength,
            FutureLength = futureLength,
            TextLength = textLength,
            History = hist.ToArray(),
            Future = fut.ToArray(),
            TokenIds = tok.ToArray(),
            TokenMask = msk.ToArray(),
            Labels = labels.ToArray(),
            Synthetic = synth.ToArray(),
            CaseIds = caseIds.ToArray(),
            AuxiliaryCount = auxiliary.Length,
            AuxiliaryLabels = auxiliaryLabels.ToArray(),
        };
    }

    /// <summary>When the configured flag column is absent: a Boolean column that looks like a synthetic-row flag under
    /// another name, one the diffusion augmenter annotated (<see cref="IohFuseAnnotations.SyntheticFlag"/>) or one whose
    /// name says "synthetic". Null when there is none.</summary>
    private static DataViewSchema.Column? StrayFlagColumn(DataViewSchema schema, IohFuseLMOptions options) =>
        schema.Where(c => !c.IsHidden && c.Type == BooleanDataViewType.Instance && c.Name != options.LabelColumnName)
            .Where(c => IohFuseAnnotations.IsSyntheticFlag(c) || c.Name.Contains("synthetic", StringComparison.OrdinalIgnoreCase))
            .Select(c => (DataViewSchema.Column?)c)
            .FirstOrDefault();

    private static void CheckLength(int actual, int expected, string column, long row, string role)
    {
        if (actual != expected)
            throw new InvalidDataException($"Column '{column}' ({role} data) has {actual} values at row {row}, but earlier rows have {expected}.");
    }

    internal static DataViewSchema.Column RequireVector(DataViewSchema schema, string name, PrimitiveDataViewType itemType, string role)
    {
        var col = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(name, $"Column '{name}' is missing from the {role} data.");
        if (col.Type is not VectorDataViewType vt || !vt.ItemType.Equals(itemType))
            throw new ArgumentOutOfRangeException(name, $"Column '{name}' ({role} data) must be a vector of {itemType}, but it is {col.Type}.");
        return col;
    }

    internal static DataViewSchema.Column RequireScalar(DataViewSchema schema, string name, DataViewType type, string role)
    {
        var col = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(name, $"Column '{name}' is missing from the {role} data.");
        if (!col.Type.Equals(type))
            throw new ArgumentOutOfRangeException(name, $"Column '{name}' ({role} data) must be {type}, but it is {col.Type}.");
        return col;
    }
}
