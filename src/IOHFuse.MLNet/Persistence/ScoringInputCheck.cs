using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// The input columns a loaded chain cannot do without, found once at load, and a check of an input schema against
/// them that names every missing or mistyped column in one message. ML.NET's own binding stops at the first bad
/// column, so an app developer writing an input class would otherwise fix one column per run.
/// </summary>
internal sealed class ScoringInputCheck
{
    /// <summary>Where the scoring input is described for people.</summary>
    public const string SchemaDocument = "docs/scoring-schema.md";

    private readonly IReadOnlyList<DataViewSchema.Column> _required;

    private ScoringInputCheck(IReadOnlyList<DataViewSchema.Column> required)
    {
        _required = required;
    }

    /// <summary>The columns of the saved input schema that the chain needs.</summary>
    public IReadOnlyList<DataViewSchema.Column> Required => _required;

    /// <summary>
    /// Finds the required columns by leaving each column of the saved input schema out in turn and asking the chain for
    /// its output schema: a column whose absence the chain refuses is required. Shape only: nothing is scored or decoded.
    /// </summary>
    /// <param name="model">The loaded chain.</param>
    /// <param name="savedInput">The input schema the model was saved with.</param>
    public static ScoringInputCheck Discover(ITransformer model, DataViewSchema savedInput)
    {
        var visible = savedInput.Where(c => !c.IsHidden).ToList();
        var required = new List<DataViewSchema.Column>();
        foreach (var column in visible)
        {
            var builder = new DataViewSchema.Builder();
            foreach (var other in visible)
                if (other.Index != column.Index)
                    builder.AddColumn(other.Name, other.Type, other.Annotations);
            try
            {
                model.GetOutputSchema(builder.ToSchema());
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                required.Add(column);
            }
        }
        return new ScoringInputCheck(required);
    }

    /// <summary>Throws one <see cref="ArgumentOutOfRangeException"/> naming every required column that is missing or of the
    /// wrong type; returns quietly when all fit.</summary>
    /// <param name="input">The schema to check (an input class's, or a data view's).</param>
    public void Validate(DataViewSchema input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        foreach (var need in _required)
        {
            var have = input.GetColumnOrNull(need.Name);
            if (have is null)
                problems.Add($"'{need.Name}' is missing (expected {Describe(need.Type)})");
            else if (!Fits(have.Value.Type, need.Type))
                problems.Add($"'{need.Name}' is {Describe(have.Value.Type)} (expected {Describe(need.Type)})");
        }
        if (problems.Count == 0)
            return;
        throw new ArgumentOutOfRangeException(nameof(input), string.Create(CultureInfo.InvariantCulture,
            $"The input does not fit this model: {problems.Count} of its {_required.Count} input column(s) {(problems.Count == 1 ? "is" : "are")} wrong: " +
            $"{string.Join("; ", problems)}. Required columns: {string.Join(", ", _required.Select(c => $"{c.Name} ({Describe(c.Type)})"))}. " +
            $"The scoring input is described in {SchemaDocument}."));
    }

    /// <summary>Same item type and the same scalar/vector shape; a fixed vector size must match only when both sides fix
    /// one (a variable-size column is checked per row by the component that reads it, with the length in the message).
    /// One exception: a Single where the model was saved with a Boolean, because models saved before
    /// <c>IohWindow.Emergency</c> became a Single (NaN = unknown) took a Boolean there and convert it to Single inside
    /// the chain, so today's <c>IohWindow</c> scores with them.</summary>
    private static bool Fits(DataViewType have, DataViewType need)
    {
        if (have is VectorDataViewType hv && need is VectorDataViewType nv)
            return hv.ItemType.Equals(nv.ItemType) && (hv.Size == 0 || nv.Size == 0 || hv.Size == nv.Size);
        if (need is BooleanDataViewType && have.Equals(NumberDataViewType.Single))
            return true;
        return have is not VectorDataViewType && need is not VectorDataViewType && have.Equals(need);
    }

    private static string Describe(DataViewType type) => type switch
    {
        VectorDataViewType { Size: > 0 } v => string.Create(CultureInfo.InvariantCulture, $"a vector of {v.Size} {v.ItemType}"),
        VectorDataViewType v => $"a vector of {v.ItemType}",
        _ => $"a {type} scalar",
    };
}
