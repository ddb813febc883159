using IOHFuse.MLNet.Data;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>Input of the current-MAP score: the hand-feature vector (its first value is the last MAP).</summary>
internal sealed class CurrentMapScoreInput
{
    [ColumnName(HandFeaturesOutput.ColumnName), VectorType(HandFeaturesOutput.Size)]
    public float[] Features { get; set; } = new float[HandFeaturesOutput.Size];
}

/// <summary>Output of the current-MAP score.</summary>
internal sealed class CurrentMapScoreOutput
{
    [ColumnName(IohFuseColumns.Score)]
    public float Score { get; set; }
}

/// <summary>Score = −(last MAP): lower pressure, higher risk.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class CurrentMapScoreFactory : CustomMappingFactory<CurrentMapScoreInput, CurrentMapScoreOutput>
{
    public const string ContractName = "IOHFuse.CurrentMapScore.v1";

    public override Action<CurrentMapScoreInput, CurrentMapScoreOutput> GetMapping() => Map;

    public static void Map(CurrentMapScoreInput input, CurrentMapScoreOutput output) => output.Score = -input.Features[0];
}
