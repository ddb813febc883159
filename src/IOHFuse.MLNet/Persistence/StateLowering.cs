using Microsoft.ML;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// Expresses a fitted custom component as built-in, savable ML.NET transforms (ML.NET 5 and 6 keep their save/load
/// interfaces internal): a CustomMapping that emits a constant key, a ValueMapping from that key to the component's
/// serialized state (the table is stored inside model.zip), the component's own CustomMapping that decodes the state
/// once per loaded model, and a DropColumns for the helper columns.
/// </summary>
internal static class StateLowering
{
    /// <summary>Helper column holding the constant lookup key.</summary>
    public const string KeyColumn = "__IOHFuse_StateKey";

    /// <summary>The constant key.</summary>
    public const string KeyValue = "state";

    /// <summary>Estimator that adds <paramref name="stateColumn"/> holding <paramref name="stateText"/> on every row.</summary>
    public static IEstimator<ITransformer> AttachState(MLContext mlContext, string stateColumn, string stateText)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrEmpty(stateColumn);
        ArgumentNullException.ThrowIfNull(stateText);
        return mlContext.Transforms
            .CustomMapping<StateKeyInput, StateKeyOutput>(StateKeyMappingFactory.Map, StateKeyMappingFactory.ContractName)
            .Append(mlContext.Transforms.Conversion.MapValue(
                stateColumn,
                new[] { new KeyValuePair<string, string>(KeyValue, stateText) },
                KeyColumn));
    }
}
