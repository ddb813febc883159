namespace IOHFuse.MLNet.Data;

/// <summary>Distributions on top of <see cref="Random"/> for the synthetic cohort.</summary>
internal static class RandomExtensions
{
    public static double Gaussian(this Random r, double mean = 0, double sd = 1)
    {
        // Box–Muller; 1 - NextDouble() avoids log(0).
        double u1 = 1.0 - r.NextDouble(), u2 = r.NextDouble();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Uniform(this Random r, double low, double high) => low + (high - low) * r.NextDouble();

    public static double Exponential(this Random r, double rate) => -Math.Log(1.0 - r.NextDouble()) / rate;

    public static bool Bernoulli(this Random r, double p) => r.NextDouble() < p;

    /// <summary>Log-normal from its median and the ratio of a upper quantile to the median (z = that quantile's z-score).</summary>
    public static double LogNormal(this Random r, double median, double upperOverMedian, double z)
        => median * Math.Exp(r.Gaussian() * Math.Log(upperOverMedian) / z);

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public static int Categorical(this Random r, ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights)
            total += w;
        double u = r.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
                return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Inverse-CDF draw from a piecewise-linear quantile function given as (probability, value) knots.</summary>
    public static double FromQuantiles(this Random r, ReadOnlySpan<(double P, double Value)> knots)
    {
        double u = r.NextDouble();
        for (int i = 1; i < knots.Length; i++)
        {
            if (u <= knots[i].P)
            {
                var (p0, v0) = knots[i - 1];
                var (p1, v1) = knots[i];
                return v0 + (v1 - v0) * (u - p0) / (p1 - p0);
            }
        }
        return knots[^1].Value;
    }
}
