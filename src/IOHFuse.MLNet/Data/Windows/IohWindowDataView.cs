using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// A streaming <see cref="IDataView"/> of IOH prediction windows over a list of cases. Windows are computed one case
/// at a time while a cursor moves, so the cohort is never materialised as rows. Columns (default names from
/// <see cref="IohFuseColumns"/>): CaseId and PatientId (text), Time (Single, seconds on the case clock), History and Future
/// (fixed-size Single vectors), Label plus one Boolean label per horizon (e.g. Label5, Label10, Label15), and the
/// static attributes Age, Sex, Height, Weight, Bmi, Asa, Emergency, Department, SurgeryType, SurgeryName, Approach,
/// Anesthesia.
/// </summary>
/// <remarks>
/// Label rule (<see cref="IohEventDetector"/>): an event is MAP below the threshold for at least the minimum
/// duration on the cleaned grid; a prediction time t is used only when no event is in progress at t; the label for
/// horizon h is true when an event begins in (t, t + h]. Samples still invalid inside a kept window are carried
/// forward (History: from the previous sample, leading ones from the first valid sample; Future: from the value at
/// t) so that every vector is finite; windows with more than <see cref="WindowOptions.MaximumInvalidFraction"/>
/// invalid samples are dropped and counted in <see cref="Statistics"/>.
/// </remarks>
public sealed class IohWindowDataView : IDataView
{
    private readonly IReadOnlyList<SurgicalCase> _cases;
    private readonly Lazy<WindowingStatistics> _statistics;

    internal IohWindowDataView(IReadOnlyList<SurgicalCase> cases, WindowOptions options)
    {
        _cases = cases;
        Windower = new CaseWindower(options);
        Schema = BuildSchema(Windower);
        _statistics = new Lazy<WindowingStatistics>(ComputeStatistics);
    }

    internal CaseWindower Windower { get; }

    internal IReadOnlyList<SurgicalCase> Cases => _cases;

    /// <summary>Counts of kept and dropped windows, events and positives; computed on first access by one pass
    /// over the cases (without building the vectors).</summary>
    public WindowingStatistics Statistics => _statistics.Value;

    /// <summary>Seconds between consecutive samples of History and Future (also annotated on those columns).</summary>
    public double SamplePeriodSeconds => Windower.Options.SamplePeriodSeconds;

    /// <summary>Number of history samples (the History vector size).</summary>
    public int HistoryLength => Windower.HistoryLength;

    /// <summary>Number of future samples (the Future vector size).</summary>
    public int FutureLength => Windower.FutureLength;

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => _statistics.IsValueCreated ? _statistics.Value.Windows : null;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var c in columnsNeeded)
            active[c.Index] = true;
        return new IohWindowCursor(this, active);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    private WindowingStatistics ComputeStatistics()
    {
        var stats = new WindowingStatistics();
        foreach (var c in Windower.LabelColumns)
            stats._positives[c] = 0;
        foreach (var c in _cases)
            Windower.Compute(c, stats);
        return stats;
    }

    private static DataViewSchema BuildSchema(CaseWindower w)
    {
        var b = new DataViewSchema.Builder();
        double period = w.Options.SamplePeriodSeconds;
        b.AddColumn(IohFuseColumns.CaseId, TextDataViewType.Instance);
        b.AddColumn(IohFuseColumns.PatientId, TextDataViewType.Instance);
        b.AddColumn(IohFuseColumns.Time, NumberDataViewType.Single);
        b.AddColumn(IohFuseColumns.History, new VectorDataViewType(NumberDataViewType.Single, w.HistoryLength),
            IohFuseAnnotations.Of(IohFuseAnnotations.SamplePeriodSeconds, period));
        b.AddColumn(IohFuseColumns.Future, new VectorDataViewType(NumberDataViewType.Single, w.FutureLength),
            IohFuseAnnotations.Of(IohFuseAnnotations.SamplePeriodSeconds, period));
        b.AddColumn(IohFuseColumns.Label, BooleanDataViewType.Instance,
            IohFuseAnnotations.Of(IohFuseAnnotations.HorizonMinutes, w.Options.PrimaryHorizonMinutes));
        for (int h = 0; h < w.LabelColumns.Length; h++)
            b.AddColumn(w.LabelColumns[h], BooleanDataViewType.Instance,
                IohFuseAnnotations.Of(IohFuseAnnotations.HorizonMinutes, w.Options.HorizonsMinutes[h]));
        b.AddColumn(IohFuseColumns.Age, NumberDataViewType.Single);
        b.AddColumn(IohFuseColumns.Sex, TextDataViewType.Instance);
        b.AddColumn(IohFuseColumns.Height, NumberDataViewType.Single);
        b.AddColumn(IohFuseColumns.Weight, NumberDataViewType.Single);
        b.AddColumn(IohFuseColumns.Bmi, NumberDataViewType.Single);
        b.AddColumn(IohFuseColumns.Asa, NumberDataViewType.Single);
        b.AddColumn(IohFuseColumns.Emergency, NumberDataViewType.Single);
        b.AddColumn(IohFuseColumns.Department, TextDataViewType.Instance);
        b.AddColumn(IohFuseColumns.SurgeryType, TextDataViewType.Instance);
        b.AddColumn(IohFuseColumns.SurgeryName, TextDataViewType.Instance);
        b.AddColumn(IohFuseColumns.Approach, TextDataViewType.Instance);
        b.AddColumn(IohFuseColumns.Anesthesia, TextDataViewType.Instance);
        return b.ToSchema();
    }
}
