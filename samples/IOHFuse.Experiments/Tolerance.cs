using System.Globalization;

namespace IOHFuse.Experiments;

/// <summary>How far a synthetic statistic may lie from its reference: an absolute difference, or a factor either way.</summary>
/// <param name="Value">The largest absolute difference, or the largest factor (above 1) when <paramref name="Relative"/>.</param>
/// <param name="Relative">Compare by ratio instead of difference.</param>
public sealed record Tolerance(double Value, bool Relative = false)
{
    /// <summary>Whether <paramref name="synthetic"/> is within the tolerance of <paramref name="reference"/>.</summary>
    public bool Accepts(double synthetic, double reference)
    {
        if (!double.IsFinite(synthetic) || !double.IsFinite(reference))
            return false;
        if (!Relative)
            return Math.Abs(synthetic - reference) <= Value + 1e-12;
        if (reference <= 0 || synthetic <= 0)
            return false;
        double ratio = synthetic / reference;
        return ratio <= Value + 1e-12 && ratio >= 1 / Value - 1e-12;
    }

    /// <inheritdoc/>
    public override string ToString() => Relative
        ? string.Create(CultureInfo.InvariantCulture, $"×/÷ {Value:0.##}")
        : string.Create(CultureInfo.InvariantCulture, $"± {Value:0.###}");
}
