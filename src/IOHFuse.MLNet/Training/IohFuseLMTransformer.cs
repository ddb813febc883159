using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Persistence;
using Microsoft.ML;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// A fitted IOHFuseLM model. Adds <c>Score</c> (logit), <c>Probability</c> (Platt-calibrated), <c>PredictedLabel</c>
/// and <c>Forecast</c> (future MAP, mmHg). Saved with <c>mlContext.Model.Save</c> as built-in ML.NET transforms
/// carrying the weights, so <c>mlContext.Model.Load</c> needs nothing but this assembly.
/// </summary>
public sealed class IohFuseLMTransformer : LoweredTransformer
{
    internal IohFuseLMTransformer(IohFuseLMOptions options, FusedScorer scorer, ITransformer inner, IohFuseLMTrainingSummary summary)
        : base(inner)
    {
        _options = options;
        Scorer = scorer;
        TrainingSummary = summary;
    }

    private readonly IohFuseLMOptions _options;

    /// <summary>The options the model was trained with: a new copy on every read, so changing it cannot change the model.</summary>
    public IohFuseLMOptions Options => _options.Clone();

    /// <summary>Losses, validation AUROC per epoch, seed and row counts of the training run.</summary>
    public IohFuseLMTrainingSummary TrainingSummary { get; }

    /// <summary>The model's time base, inputs, calibration and alarm threshold (the same after save and load:
    /// <c>mlContext.IOHFuse().GetModelInfo(loaded)</c>).</summary>
    public IohFuseModelInfo Info => new(Scorer.Metadata);

    /// <summary>MAP history samples the model expects per row.</summary>
    public int HistoryLength => Scorer.Config.HistoryLength;

    /// <summary>Forecast samples the model emits per row.</summary>
    public int ForecastLength => Scorer.Config.ForecastLength;

    /// <summary>Token positions the model expects per row (0 for the series-only model).</summary>
    public int TextLength => Scorer.Config.TextLength;

    /// <summary>Trainable parameters of the network.</summary>
    public long ParameterCount => Scorer.Network.parameters().Sum(p => p.numel());

    internal FusedScorer Scorer { get; }

    /// <inheritdoc />
    protected override void ValidateInputSchema(DataViewSchema inputSchema)
    {
        var history = TrainingRows.RequireVector(inputSchema, _options.HistoryColumnName, Microsoft.ML.Data.NumberDataViewType.Single, "input");
        RequireSize(history, HistoryLength, "history length");
        if (_options.UseText)
        {
            var ids = TrainingRows.RequireVector(inputSchema, _options.TokenIdsColumnName, Microsoft.ML.Data.NumberDataViewType.Int64, "input");
            var mask = TrainingRows.RequireVector(inputSchema, _options.TokenMaskColumnName, Microsoft.ML.Data.NumberDataViewType.Single, "input");
            RequireSize(ids, TextLength, "text length");
            RequireSize(mask, TextLength, "text length");
        }
    }

    /// <summary>A fixed-size vector of the wrong size can never score: refuse it when the pipeline is built, not row by
    /// row. Variable-size vectors are checked per row by the scorer.</summary>
    private static void RequireSize(DataViewSchema.Column column, int expected, string what)
    {
        int size = ((Microsoft.ML.Data.VectorDataViewType)column.Type).Size;
        if (size != 0 && size != expected)
            throw new ArgumentOutOfRangeException(column.Name,
                $"Column '{column.Name}' must have {expected} values per row (this model's {what}), but it is declared as {column.Type}.");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Scorer.Dispose();
        base.Dispose(disposing);
    }
}
