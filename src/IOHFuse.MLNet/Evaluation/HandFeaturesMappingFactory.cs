using System.Collections.Concurrent;
using System.Globalization;
using IOHFuse.MLNet.Persistence;
using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>Savable mapping History → MapFeatures at the sample period stored with it.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class HandFeaturesMappingFactory : CustomMappingFactory<HandFeaturesInput, HandFeaturesOutput>
{
    public const string ContractName = "IOHFuse.HandFeatures.v2";
    public const string StateComponent = "HandFeatures";
    public const int StateVersion = 1;

    // The state is a short text per model; decoding it once per distinct text keeps rows cheap. ML.NET creates one
    // factory per loaded mapping, so the cache lives and dies with the model.
    private readonly ConcurrentDictionary<string, double> _periods = new(StringComparer.Ordinal);

    public override Action<HandFeaturesInput, HandFeaturesOutput> GetMapping() =>
        (input, output) => Map(_periods.GetOrAdd(input.State, DecodeState), input, output);

    public static string EncodeState(double samplePeriodSeconds) =>
        StateEnvelope.EncodeText(StateComponent, StateVersion, samplePeriodSeconds.ToString("R", CultureInfo.InvariantCulture));

    public static double DecodeState(string state)
    {
        string text = StateEnvelope.DecodeText(state, StateComponent, StateVersion);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double period) || !(period > 0) || !double.IsFinite(period))
            throw new InvalidDataException($"The IOHFuse {StateComponent} state holds no valid sample period ('{text}').");
        return period;
    }

    public static void Map(double period, HandFeaturesInput input, HandFeaturesOutput output)
    {
        var features = new float[HandFeatures.Count];
        HandFeatures.Compute(input.History, period, features);
        output.Features = features;
    }
}
