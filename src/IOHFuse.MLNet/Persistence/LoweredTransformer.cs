using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// Base of IOHFuse's fitted transformers: a typed object for the user (options, model access, <see cref="IDisposable"/>)
/// whose work and persistence are done by an inner chain of built-in ML.NET transforms. Saving writes only that inner
/// chain, so <c>mlContext.Model.Load</c> returns plain ML.NET transformers and needs no IOHFuse loader.
/// </summary>
public abstract class LoweredTransformer : ITransformer, IDisposable
{
    private bool _disposed;

    /// <summary>Creates the wrapper.</summary>
    /// <param name="inner">The built-in chain that does the work.</param>
    private protected LoweredTransformer(ITransformer inner)
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <summary>The chain of built-in ML.NET transforms that does the work and is saved to model.zip.</summary>
    public ITransformer Inner { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => Inner.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ValidateInputSchema(inputSchema);
        return Inner.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ValidateInputSchema(inputSchema);
        return Inner.GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ValidateInputSchema(input.Schema);
        return Inner.Transform(input);
    }

    /// <summary>Checks column presence and types with errors that name the column. Override to add checks.</summary>
    /// <param name="inputSchema">The schema to check.</param>
    protected virtual void ValidateInputSchema(DataViewSchema inputSchema)
    {
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Inner).Save(ctx);

    /// <summary>Releases native resources held by the component.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        _disposed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
