using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

/// <summary>
/// Tensor operations whose numeric arguments are held alive for the whole native call. TorchSharp 0.107 turns numbers
/// (including the implicit <c>alpha = 1</c> of <c>Tensor + Tensor</c>; <c>Tensor − Tensor</c> has none) into native <see cref="Scalar"/> objects and
/// passes only their handles, so a garbage collection triggered by another thread during the call can finalize the
/// Scalar while libtorch still reads it: seen as a rare <c>Scalar::toFloat</c> failure in training, and in principle a
/// wrong value. Each method here owns its Scalar in a <c>using</c> that outlives the call.
/// </summary>
internal static class KeptScalars
{
    /// <summary><paramref name="left"/> + <paramref name="right"/>.</summary>
    public static Tensor Plus(this Tensor left, Tensor right)
    {
        using var one = 1.ToScalar();
        return left.add(right, one);
    }

    /// <summary><paramref name="tensor"/> × <paramref name="value"/>.</summary>
    public static Tensor Times(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.mul(s);
    }

    /// <summary><paramref name="tensor"/> ÷ <paramref name="value"/>.</summary>
    public static Tensor Over(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.div(s);
    }

    /// <summary><paramref name="tensor"/> × <paramref name="scale"/> + <paramref name="shift"/>.</summary>
    public static Tensor Affine(this Tensor tensor, double scale, double shift)
    {
        using var a = scale.ToScalar();
        using var b = shift.ToScalar();
        using var one = 1.ToScalar();
        return tensor.mul(a).add_(b, one);
    }

    /// <summary>(<paramref name="tensor"/> − <paramref name="center"/>) ÷ <paramref name="scale"/>.</summary>
    public static Tensor Standardize(this Tensor tensor, double center, double scale)
    {
        using var c = center.ToScalar();
        using var s = scale.ToScalar();
        return tensor.sub(c).div_(s);
    }

    /// <summary>1 − <paramref name="tensor"/> (computed as −t + 1, which IEEE arithmetic makes identical).</summary>
    public static Tensor OneMinus(this Tensor tensor)
    {
        using var one = 1.ToScalar();
        return tensor.neg().add_(one, one);
    }

    /// <summary>Elementwise <paramref name="tensor"/> &lt; <paramref name="value"/>.</summary>
    public static Tensor LessThan(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.lt(s);
    }

    /// <summary>Elementwise <paramref name="tensor"/> &gt; <paramref name="value"/>.</summary>
    public static Tensor GreaterThan(this Tensor tensor, double value)
    {
        using var s = value.ToScalar();
        return tensor.gt(s);
    }

    /// <summary><paramref name="tensor"/> limited to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Tensor ClampTo(this Tensor tensor, double min, double max)
    {
        using var lo = min.ToScalar();
        using var hi = max.ToScalar();
        return tensor.clamp(lo, hi);
    }

    /// <summary>A [<paramref name="count"/>] Int64 tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Filled(long count, long value, Device device)
    {
        using var v = value.ToScalar();
        return torch.full(new[] { count }, v, dtype: ScalarType.Int64, device: device);
    }

    /// <summary><paramref name="start"/>, <paramref name="start"/> + 1, …, <paramref name="stop"/> − 1 as
    /// <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    public static Tensor Range(long start, long stop, ScalarType dtype, Device device)
    {
        using var first = start.ToScalar();
        using var end = stop.ToScalar();
        using var step = 1L.ToScalar();
        return torch.arange(first, end, step, dtype: dtype, device: device);
    }
}
