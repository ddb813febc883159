using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// What <c>mlContext.IOHFuse().LoadModel</c> returns: the loaded chain, unchanged, behind a check that reports every
/// missing or mistyped input column in one message when a PredictionEngine, a Transform or an output schema is asked
/// for. Saving it saves the chain as loaded.
/// </summary>
internal sealed class InputCheckedModel : ITransformer, IDisposable
{
    private readonly ScoringInputCheck _check;

    public InputCheckedModel(ITransformer inner, ScoringInputCheck check)
    {
        Inner = inner;
        _check = check;
    }

    /// <summary>The chain <c>mlContext.Model.Load</c> returned.</summary>
    public ITransformer Inner { get; }

    public bool IsRowToRowMapper => Inner.IsRowToRowMapper;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        _check.Validate(inputSchema);
        return Inner.GetOutputSchema(inputSchema);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        _check.Validate(inputSchema);
        return Inner.GetRowToRowMapper(inputSchema);
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _check.Validate(input.Schema);
        return Inner.Transform(input);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Inner).Save(ctx);

    public void Dispose() => (Inner as IDisposable)?.Dispose();
}
