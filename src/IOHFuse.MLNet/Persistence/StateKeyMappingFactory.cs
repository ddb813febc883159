using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet.Persistence;

/// <summary>Input of <see cref="StateKeyMappingFactory"/>: reads no column.</summary>
internal sealed class StateKeyInput
{
}

/// <summary>Output of <see cref="StateKeyMappingFactory"/>: the constant lookup key.</summary>
internal sealed class StateKeyOutput
{
    [ColumnName(StateLowering.KeyColumn)]
    public string Key { get; set; } = StateLowering.KeyValue;
}

/// <summary>
/// Emits the constant key that a ValueMapping turns into the component's stored state. The key is the same for every
/// model; what differs is the ValueMapping table saved in each model.zip.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class StateKeyMappingFactory : CustomMappingFactory<StateKeyInput, StateKeyOutput>
{
    public const string ContractName = "IOHFuse.StateKey.v1";

    public override Action<StateKeyInput, StateKeyOutput> GetMapping() => Map;

    public static void Map(StateKeyInput input, StateKeyOutput output) => output.Key = StateLowering.KeyValue;
}
