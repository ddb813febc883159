using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet.Persistence;

/// <summary>Loads the text + series IOHFuseLM mapping from model.zip. The contract name is versioned.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class FusedScoringFactory : CustomMappingFactory<FusedScoringInput, FusedScoringOutput>
{
    public const string ContractName = "IOHFuse.IohFuseLM.v1";
    private readonly ScorerCache _cache = ScorerCache.Shared;

    public override Action<FusedScoringInput, FusedScoringOutput> GetMapping() =>
        (input, output) => FusedScoringMapping.Map(_cache.Get(input.State), input.History, input.TokenIds, input.TokenMask, output);
}
