using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Persistence;

/// <summary>Builds the built-in ML.NET chain that scores with (and saves) a fitted IOHFuseLM network.</summary>
internal static class FusedModelLowering
{
    /// <summary>The estimator chain; <paramref name="scorer"/> null gives a shape-only chain for GetOutputSchema.</summary>
    public static IEstimator<ITransformer> CreateEstimator(MLContext mlContext, IohFuseLMOptions options, FusedScorer? scorer)
    {
        var copies = new List<InputOutputColumnPair> { new(ScoringColumns.History, options.HistoryColumnName) };
        var helpers = new List<string> { ScoringColumns.History, ScoringColumns.State, StateLowering.KeyColumn };
        if (options.UseText)
        {
            copies.Add(new(ScoringColumns.TokenIds, options.TokenIdsColumnName));
            copies.Add(new(ScoringColumns.TokenMask, options.TokenMaskColumnName));
            helpers.Add(ScoringColumns.TokenIds);
            helpers.Add(ScoringColumns.TokenMask);
        }

        IEstimator<ITransformer> mapping = options.UseText
            ? mlContext.Transforms.CustomMapping<FusedScoringInput, FusedScoringOutput>(
                (input, output) => FusedScoringMapping.Map(Require(scorer), input.History, input.TokenIds, input.TokenMask, output),
                FusedScoringFactory.ContractName)
            : mlContext.Transforms.CustomMapping<SeriesScoringInput, FusedScoringOutput>(
                (input, output) => FusedScoringMapping.Map(Require(scorer), input.History, ReadOnlySpan<long>.Empty, ReadOnlySpan<float>.Empty, output),
                SeriesScoringFactory.ContractName);

        IEstimator<ITransformer> chain = mlContext.Transforms.CopyColumns(copies[0].OutputColumnName, copies[0].InputColumnName);
        foreach (var pair in copies.Skip(1))
            chain = chain.Append(mlContext.Transforms.CopyColumns(pair.OutputColumnName, pair.InputColumnName));
        return chain
            .Append(StateLowering.AttachState(mlContext, ScoringColumns.State, scorer?.ToStateText() ?? string.Empty))
            .Append(mapping)
            .Append(mlContext.Transforms.DropColumns(helpers.ToArray()));
    }

    private static FusedScorer Require(FusedScorer? scorer) =>
        scorer ?? throw new InvalidOperationException("This IOHFuseLM chain describes shapes only and cannot score.");
}
