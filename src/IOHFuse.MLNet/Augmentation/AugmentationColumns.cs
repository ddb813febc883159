using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// The input columns the augmenter reads and rewrites, resolved against a schema and checked for type and size.
/// Every error names the column and says what was expected.
/// </summary>
internal sealed class AugmentationColumns
{
    private AugmentationColumns(DataViewSchema.Column history, DataViewSchema.Column future, DataViewSchema.Column source,
        IReadOnlyList<(DataViewSchema.Column Column, int HorizonSamples)> labels)
    {
        History = history;
        Future = future;
        Source = source;
        Labels = labels;
    }

    public DataViewSchema.Column History { get; }

    public DataViewSchema.Column Future { get; }

    public DataViewSchema.Column Source { get; }

    /// <summary>Boolean label columns to recompute on synthetic rows, with their horizon in samples.</summary>
    public IReadOnlyList<(DataViewSchema.Column Column, int HorizonSamples)> Labels { get; }

    public int HistoryLength => History.Type.VectorSize();

    public int FutureLength => Future.Type.VectorSize();

    /// <summary>Horizon in samples for a horizon in minutes.</summary>
    public static int HorizonSamples(double minutes, double periodSeconds) => (int)Math.Round(minutes * 60 / periodSeconds);

    public static AugmentationColumns Resolve(DataViewSchema schema, DiffusionAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var history = Vector(schema, options.HistoryColumnName, nameof(options.HistoryColumnName));
        var future = Vector(schema, options.FutureColumnName, nameof(options.FutureColumnName));
        var source = Boolean(schema, options.SourceLabelColumnName, nameof(options.SourceLabelColumnName));
        if (schema.GetColumnOrNull(options.SyntheticFlagColumnName) is not null)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"The input already has a column '{options.SyntheticFlagColumnName}' (SyntheticFlagColumnName): augmentation seems to have been applied already. Drop that column or choose another SyntheticFlagColumnName.");

        int futureLength = future.Type.VectorSize();
        int length = history.Type.VectorSize() + futureLength;
        if (length % options.PatchLength != 0)
            throw new ArgumentOutOfRangeException(nameof(options.PatchLength), options.PatchLength,
                $"PatchLength must divide the window length: '{history.Name}' ({history.Type.VectorSize()}) + '{future.Name}' ({futureLength}) = {length} samples.");

        var labels = new List<(DataViewSchema.Column, int)>();
        void AddLabel(string name, double minutes, string option, bool required)
        {
            if (!required && schema.GetColumnOrNull(name) is null)
                return;
            var column = Boolean(schema, name, option);
            int samples = HorizonSamples(minutes, options.SamplePeriodSeconds);
            if (samples < 1 || samples > futureLength)
                throw new ArgumentOutOfRangeException(option, minutes,
                    $"The horizon of label column '{name}' ({minutes} min = {samples} samples at {options.SamplePeriodSeconds} s) must fit in '{future.Name}' ({futureLength} samples).");
            if (labels.All(l => l.Item1.Index != column.Index))
                labels.Add((column, samples));
        }
        if (options.HorizonLabelColumns.TryGetValue(options.LabelColumnName, out double listed) && listed != options.LabelHorizonMinutes)
            throw new ArgumentOutOfRangeException(nameof(options.LabelHorizonMinutes), options.LabelHorizonMinutes,
                $"LabelColumnName '{options.LabelColumnName}' is also in HorizonLabelColumns with {listed} min; set LabelHorizonMinutes to the same horizon.");
        AddLabel(options.LabelColumnName, options.LabelHorizonMinutes, nameof(options.LabelColumnName), required: true);
        foreach (var (name, minutes) in options.HorizonLabelColumns)
            AddLabel(name, minutes, nameof(options.HorizonLabelColumns), required: false);
        return new AugmentationColumns(history, future, source, labels);
    }

    private static DataViewSchema.Column Vector(DataViewSchema schema, string name, string option)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException("inputSchema", $"Input column '{name}' ({option}) was not found.");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType t, IsKnownSize: true } v || t != NumberDataViewType.Single || v.Dimensions.Length != 1)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Input column '{name}' ({option}) must be a known-size one-dimensional vector of Single (MAP in mmHg), but is {column.Type}.");
        return column;
    }

    private static DataViewSchema.Column Boolean(DataViewSchema schema, string name, string option)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException("inputSchema", $"Input column '{name}' ({option}) was not found.");
        if (column.Type != BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException("inputSchema", $"Input column '{name}' ({option}) must be Boolean, but is {column.Type}.");
        return column;
    }
}
