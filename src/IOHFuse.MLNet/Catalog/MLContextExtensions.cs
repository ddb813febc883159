using Microsoft.ML;

namespace IOHFuse.MLNet;

/// <summary>Entry point extension on <see cref="MLContext"/>.</summary>
public static class MLContextExtensions
{
    /// <summary>IOHFuse.MLNet's catalog: transforms, trainers and data operations bound to this context.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    public static IOHFuseCatalog IOHFuse(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new IOHFuseCatalog(mlContext);
    }
}
