using Microsoft.ML;

namespace IOHFuse.MLNet;

/// <summary>Transforms of IOHFuse.MLNet; the entries are extension methods defined next to each component.</summary>
public sealed class IOHFuseTransformsCatalog
{
    internal IOHFuseTransformsCatalog(MLContext context) => Context = context;

    /// <summary>The ML.NET context.</summary>
    public MLContext Context { get; }
}

/// <summary>Trainers of IOHFuse.MLNet; the entries are extension methods defined next to each trainer.</summary>
public sealed class IOHFuseTrainersCatalog
{
    internal IOHFuseTrainersCatalog(MLContext context) => Context = context;

    /// <summary>The ML.NET context.</summary>
    public MLContext Context { get; }
}

/// <summary>Data operations of IOHFuse.MLNet (synthetic cohort, readers, windows, splits).</summary>
public sealed class IOHFuseDataCatalog
{
    internal IOHFuseDataCatalog(MLContext context) => Context = context;

    /// <summary>The ML.NET context.</summary>
    public MLContext Context { get; }
}
