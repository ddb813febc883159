using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>Savable mapping History → MapFeatures at the default 3 s period.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class HandFeaturesMappingFactory : CustomMappingFactory<HandFeaturesInput, HandFeaturesOutput>
{
    public const string ContractName = "IOHFuse.HandFeatures.3s.v1";
    public const double PeriodSeconds = 3.0;

    public override Action<HandFeaturesInput, HandFeaturesOutput> GetMapping() => Map;

    public static void Map(HandFeaturesInput input, HandFeaturesOutput output)
    {
        var features = new float[HandFeatures.Count];
        HandFeatures.Compute(input.History, PeriodSeconds, features);
        output.Features = features;
    }
}
