using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>Vector-size helper (ML.NET's own GetVectorSize is internal).</summary>
internal static class DataViewTypeExtensions
{
    /// <summary>The vector's known size, or 0 for a scalar or a variable-size vector.</summary>
    public static int VectorSize(this DataViewType type) => type is VectorDataViewType v ? v.Size : 0;
}
