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
        // Every bad column in one message: whoever writes the input class fixes them in one go.
        var problems = new List<string>();
        Check(inputSchema, _options.HistoryColumnName, Microsoft.ML.Data.NumberDataViewType.Single, HistoryLength, "history length", problems);
        if (_options.UseText)
        {
            Check(inputSchema, _options.TokenIdsColumnName, Microsoft.ML.Data.NumberDataViewType.Int64, TextLength, "text length", problems);
            Check(inputSchema, _options.TokenMaskColumnName, Microsoft.ML.Data.NumberDataViewType.Single, TextLength, "text length", problems);
        }
        if (problems.Count > 0)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), string.Join(" ", problems));
    }

    /// <summary>A missing column, a wrong item type, and a fixed-size vector of the wrong size can never score: refuse
    /// them when the pipeline is built, not row by row. Variable-size vectors are checked per row by the scorer.</summary>
    private static void Check(DataViewSchema schema, string name, Microsoft.ML.Data.PrimitiveDataViewType itemType, int expected, string what, List<string> problems)
    {
        if (schema.GetColumnOrNull(name) is not { } column)
            problems.Add($"Column '{name}' is missing from the input data.");
        else if (column.Type is not Microsoft.ML.Data.VectorDataViewType vector || !vector.ItemType.Equals(itemType))
            problems.Add($"Column '{name}' (input data) must be a vector of {itemType}, but it is {column.Type}.");
        else if (vector.Size != 0 && vector.Size != expected)
            problems.Add($"Column '{name}' must have {expected} values per row (this model's {what}), but it is declared as {column.Type}.");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Scorer.Dispose();
        base.Dispose(disposing);
    }
}
