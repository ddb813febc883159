using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Persistence;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// Builds model.zip files the library would never write: the real lowered IOHFuseLM chain (the one
/// <c>FusedModelLowering</c> builds) but carrying an arbitrary state text, e.g. one re-encoded with another format
/// version or with a damaged payload.
/// </summary>
internal static class CraftedModels
{
    public static ITransformer ChainWithState(MLContext ml, IDataView data, string state, string contractName = FusedScoringFactory.ContractName)
    {
        var factory = new FusedScoringFactory();
        return ml.Transforms.CopyColumns(ScoringColumns.History, "History")
            .Append(ml.Transforms.CopyColumns(ScoringColumns.TokenIds, "TokenIds"))
            .Append(ml.Transforms.CopyColumns(ScoringColumns.TokenMask, "TokenMask"))
            .Append(StateLowering.AttachState(ml, ScoringColumns.State, state))
            .Append(ml.Transforms.CustomMapping(factory.GetMapping(), contractName))
            .Append(ml.Transforms.DropColumns(ScoringColumns.History, ScoringColumns.TokenIds, ScoringColumns.TokenMask, ScoringColumns.State, StateLowering.KeyColumn))
            .Fit(data);
    }

    /// <summary>The same weights and metadata, re-wrapped as state format <paramref name="version"/>.</summary>
    public static string WithVersion(string state, int version)
    {
        byte[] payload = StateEnvelope.Decode(state, FusedScorer.StateComponent, FusedScorer.StateVersion);
        return StateEnvelope.Encode(FusedScorer.StateComponent, version, payload);
    }

    public static string Save(MLContext ml, ITransformer model, IDataView data)
    {
        string path = Path.Combine(Path.GetTempPath(), $"iohfuse-crafted-{Guid.NewGuid():N}.zip");
        ml.Model.Save(model, data.Schema, path);
        return path;
    }
}
