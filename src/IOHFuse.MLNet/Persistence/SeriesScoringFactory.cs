using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet.Persistence;

/// <summary>Loads the series-only (no text) IOHFuseLM mapping from model.zip. The contract name is versioned.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class SeriesScoringFactory : CustomMappingFactory<SeriesScoringInput, FusedScoringOutput>
{
    public const string ContractName = "IOHFuse.IohFuseLM.SeriesOnly.v1";
    private readonly ScorerCache _cache = ScorerCache.Shared;

    public override Action<SeriesScoringInput, FusedScoringOutput> GetMapping() =>
        (input, output) => FusedScoringMapping.Map(_cache.Get(input.State), input.History, ReadOnlySpan<long>.Empty, ReadOnlySpan<float>.Empty, output);
}
