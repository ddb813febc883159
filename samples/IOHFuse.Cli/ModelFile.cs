using Microsoft.ML;

namespace IOHFuse.Cli;

/// <summary>Loads a model.zip with a clear message when it is missing or not an IOHFuse model.</summary>
internal static class ModelFile
{
    public static ITransformer Load(MLContext ml, string path)
    {
        CaseSource.RequireFile(path, "model");
        ITransformer model;
        try
        {
            model = ml.Model.Load(path, out _);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new CliError($"'{path}' is not a readable ML.NET model.zip ({ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}).");
        }
        return model;
    }

    /// <summary>Checks the loaded chain produces IOHFuseLM outputs for the window schema.</summary>
    public static void RequireIohFuseOutputs(ITransformer model, DataViewSchema inputSchema, string path)
    {
        DataViewSchema output;
        try
        {
            output = model.GetOutputSchema(inputSchema);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new CliError($"'{path}' does not accept IOH windows: {ex.Message.ReplaceLineEndings(" ")}");
        }
        foreach (var column in new[] { "Score", "Probability", "PredictedLabel", "Forecast" })
            if (output.GetColumnOrNull(column) is null)
                throw new CliError($"'{path}' is not an IOHFuse.MLNet model: its output has no '{column}' column.");
    }
}
