using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// Annotations the window view puts on its columns, so a trainer downstream knows the time base of the vectors it
/// reads without being told twice: the History column carries its sample period, each label column its horizon; and
/// the one diffusion augmentation puts on its flag column, so a trainer can tell that synthetic rows are present even
/// when it was told another flag column name. They survive ML.NET's own transforms (caching, copying, custom mappings
/// leave input columns as they are).
/// </summary>
public static class IohFuseAnnotations
{
    /// <summary>On the History and Future columns: seconds between consecutive samples (Double).</summary>
    public const string SamplePeriodSeconds = "IOHFuse.SamplePeriodSeconds";

    /// <summary>On each label column: its prediction horizon in minutes (Double).</summary>
    public const string HorizonMinutes = "IOHFuse.HorizonMinutes";

    /// <summary>On the Boolean column the diffusion augmenter adds: true marks it as the synthetic-row flag (Boolean).</summary>
    public const string SyntheticFlag = "IOHFuse.SyntheticFlag";

    /// <summary>Whether <paramref name="column"/> is a synthetic-row flag added by the diffusion augmenter.</summary>
    /// <param name="column">Any column.</param>
    public static bool IsSyntheticFlag(DataViewSchema.Column column)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(SyntheticFlag);
        if (annotation is not { } a || a.Type != BooleanDataViewType.Instance)
            return false;
        bool value = false;
        column.Annotations.GetValue(SyntheticFlag, ref value);
        return value;
    }

    /// <summary>The sample period annotated on <paramref name="column"/>, or null when it has none.</summary>
    /// <param name="column">A column (usually History).</param>
    public static double? GetSamplePeriodSeconds(DataViewSchema.Column column) => GetDouble(column, SamplePeriodSeconds);

    /// <summary>The horizon annotated on <paramref name="column"/>, or null when it has none.</summary>
    /// <param name="column">A label column.</param>
    public static double? GetHorizonMinutes(DataViewSchema.Column column) => GetDouble(column, HorizonMinutes);

    internal static DataViewSchema.Annotations Of(string name, double value)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(name, NumberDataViewType.Double, (ref double v) => v = value);
        return builder.ToAnnotations();
    }

    internal static DataViewSchema.Annotations SyntheticFlagAnnotations()
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(SyntheticFlag, BooleanDataViewType.Instance, (ref bool v) => v = true);
        return builder.ToAnnotations();
    }

    private static double? GetDouble(DataViewSchema.Column column, string name)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(name);
        if (annotation is not { } a || a.Type != NumberDataViewType.Double)
            return null;
        double value = 0;
        column.Annotations.GetValue(name, ref value);
        return double.IsFinite(value) && value > 0 ? value : null;
    }
}
