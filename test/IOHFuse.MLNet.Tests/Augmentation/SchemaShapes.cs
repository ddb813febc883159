using System.Reflection;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Augmentation;

/// <summary>
/// <c>SchemaShapes.Of(DataViewSchema)</c> is internal to ML.NET; tests reach it by reflection to call an
/// estimator's GetOutputSchema directly (ML.NET's EstimatorChain does the same internally before Fit).
/// </summary>
internal static class SchemaShapes
{
    public static SchemaShape Of(DataViewSchema schema)
    {
        var create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])
            ?? throw new InvalidOperationException("SchemaShapes.Of(DataViewSchema) not found in this ML.NET version.");
        return (SchemaShape)create.Invoke(null, [schema])!;
    }
}
