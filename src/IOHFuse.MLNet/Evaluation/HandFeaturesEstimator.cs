using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Persistence;
using Microsoft.ML;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>
/// Adds the <see cref="HandFeatures"/> vector "MapFeatures" computed from a MAP history column at its sample period.
/// The period is given, or read at Fit from the history column's <see cref="IohFuseAnnotations.SamplePeriodSeconds"/>
/// annotation (windows from <c>mlContext.IOHFuse().Data.CreateWindows</c> carry it); it is stored in model.zip.
/// </summary>
public sealed class HandFeaturesEstimator : IEstimator<ITransformer>
{
    private readonly MLContext _ml;
    private readonly string _historyColumnName;
    private readonly double _samplePeriodSeconds;

    internal HandFeaturesEstimator(MLContext ml, string historyColumnName, double samplePeriodSeconds)
    {
        _ml = ml;
        _historyColumnName = historyColumnName;
        _samplePeriodSeconds = samplePeriodSeconds;
    }

    /// <inheritdoc />
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = input.Schema.GetColumnOrNull(_historyColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"Column '{_historyColumnName}' is missing from the input.");
        double period = _samplePeriodSeconds > 0 ? _samplePeriodSeconds
            : IohFuseAnnotations.GetSamplePeriodSeconds(column)
              ?? throw new ArgumentException($"Column '{_historyColumnName}' does not say its sample period (no {IohFuseAnnotations.SamplePeriodSeconds} annotation): pass samplePeriodSeconds to ExtractMapFeatures.", nameof(input));
        return Chain(period).Fit(input);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => Chain(_samplePeriodSeconds > 0 ? _samplePeriodSeconds : 1).GetOutputSchema(inputSchema);

    private IEstimator<ITransformer> Chain(double period) =>
        _ml.Transforms.CopyColumns(HandFeaturesInput.HistoryColumn, _historyColumnName)
            .Append(StateLowering.AttachState(_ml, HandFeaturesInput.StateColumn, HandFeaturesMappingFactory.EncodeState(period)))
            .Append(_ml.Transforms.CustomMapping<HandFeaturesInput, HandFeaturesOutput>(
                (i, o) => HandFeaturesMappingFactory.Map(period, i, o), HandFeaturesMappingFactory.ContractName))
            .Append(_ml.Transforms.DropColumns(HandFeaturesInput.HistoryColumn, HandFeaturesInput.StateColumn, StateLowering.KeyColumn));
}
