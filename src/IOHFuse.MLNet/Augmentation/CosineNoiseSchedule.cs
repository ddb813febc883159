namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// The cosine noise schedule of Nichol &amp; Dhariwal (2021), "Improved Denoising Diffusion Probabilistic Models", eq. 17:
/// ᾱ(t) = f(t) / f(0), f(t) = cos²(((t/T) + s) / (1 + s) · π/2), with s = 0.008 and β clipped at 0.999.
/// Kept in double on the CPU: it is a table of T numbers, looked up per batch.
/// </summary>
internal sealed class CosineNoiseSchedule
{
    private const double Offset = 0.008;
    private const double MaxBeta = 0.999;

    public CosineNoiseSchedule(int steps)
    {
        if (steps < 2)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "must be at least 2.");
        Steps = steps;
        AlphaBar = new double[steps];
        double F(double t) => Math.Pow(Math.Cos((t / steps + Offset) / (1 + Offset) * Math.PI / 2), 2);
        double f0 = F(0), previous = 1.0;
        for (int i = 0; i < steps; i++)
        {
            // Step i (0-based) noises to continuous time (i + 1) / T; clipping β keeps the last step from ᾱ = 0.
            double ratio = F(i + 1) / f0;
            double beta = Math.Min(1 - ratio / (F(i) / f0), MaxBeta);
            previous *= 1 - beta;
            AlphaBar[i] = previous;
        }
    }

    /// <summary>Number of diffusion steps T.</summary>
    public int Steps { get; }

    /// <summary>ᾱ for steps 0..T−1: the signal fraction (squared) left after noising to that step.</summary>
    public double[] AlphaBar { get; }

    /// <summary>
    /// The DDIM time steps, descending, from <paramref name="startStep"/> down to 0, about <paramref name="count"/> of them.
    /// </summary>
    public static int[] SamplingTimesteps(int startStep, int count)
    {
        count = Math.Clamp(count, 1, startStep + 1);
        var steps = new SortedSet<int>();
        for (int i = 0; i < count; i++)
            steps.Add((int)Math.Round(startStep - (double)i * startStep / Math.Max(1, count - 1)));
        steps.Add(startStep);
        steps.Add(0);
        return steps.Reverse().ToArray();
    }
}
