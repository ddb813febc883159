using Microsoft.ML;

namespace IOHFuse.MLNet;

/// <summary>
/// The front door of IOHFuse.MLNet, reached with <c>mlContext.IOHFuse()</c>. Its sub-catalogs mirror ML.NET's own
/// (<see cref="Transforms"/>, <see cref="Trainers"/>, <see cref="Data"/>) and carry the <see cref="MLContext"/>,
/// which extensions on ML.NET's built-in catalogs cannot reach (logging, seed, GPU settings).
/// </summary>
public sealed class IOHFuseCatalog
{
    internal IOHFuseCatalog(MLContext context)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Transforms = new IOHFuseTransformsCatalog(context);
        Trainers = new IOHFuseTrainersCatalog(context);
        Data = new IOHFuseDataCatalog(context);
    }

    /// <summary>The ML.NET context every component of this catalog logs to and seeds from.</summary>
    public MLContext Context { get; }

    /// <summary>Row-to-row transforms (clinical text) and training-time data operations (diffusion augmentation).</summary>
    public IOHFuseTransformsCatalog Transforms { get; }

    /// <summary>Trainers (the IOHFuseLM fused model).</summary>
    public IOHFuseTrainersCatalog Trainers { get; }

    /// <summary>Cohorts, readers, windowing and case-level splits.</summary>
    public IOHFuseDataCatalog Data { get; }
}
