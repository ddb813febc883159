namespace IOHFuse.MLNet.Training;

/// <summary>
/// Platt scaling fitted with the robust Newton method of Lin, Lin and Weng (2007), "A note on Platt's probabilistic
/// outputs for support vector machines", including Platt's prior-smoothed targets, which keep separable data from
/// driving the fit to infinity. Returns ML.NET's convention p = 1 / (1 + exp(slope·s + offset)).
/// </summary>
internal static class PlattScaling
{
    public static (double Slope, double Offset) Fit(float[] scores, bool[] labels)
    {
        if (scores.Length != labels.Length)
            throw new ArgumentException("Scores and labels differ in length.", nameof(labels));
        int n = scores.Length, positives = 0;
        foreach (bool l in labels) if (l) positives++;
        int negatives = n - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException("Calibration needs both classes.", nameof(labels));
        double hiTarget = (positives + 1.0) / (positives + 2.0), loTarget = 1.0 / (negatives + 2.0);
        double a = 0, b = Math.Log((negatives + 1.0) / (positives + 1.0));
        const double minStep = 1e-10, sigma = 1e-12, eps = 1e-5;
        double F(double aa, double bb)
        {
            double f = 0;
            for (int i = 0; i < n; i++)
            {
                double t = labels[i] ? hiTarget : loTarget;
                double fApB = scores[i] * aa + bb;
                f += fApB >= 0 ? t * fApB + Math.Log(1 + Math.Exp(-fApB)) : (t - 1) * fApB + Math.Log(1 + Math.Exp(fApB));
            }
            return f;
        }
        double fval = F(a, b);
        for (int iter = 0; iter < 100; iter++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (int i = 0; i < n; i++)
            {
                double t = labels[i] ? hiTarget : loTarget;
                double fApB = scores[i] * a + b;
                double p, q;
                if (fApB >= 0) { p = Math.Exp(-fApB) / (1 + Math.Exp(-fApB)); q = 1 / (1 + Math.Exp(-fApB)); }
                else { p = 1 / (1 + Math.Exp(fApB)); q = Math.Exp(fApB) / (1 + Math.Exp(fApB)); }
                double d2 = p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                double d1 = t - p;
                g1 += scores[i] * d1;
                g2 += d1;
            }
            if (Math.Abs(g1) < eps && Math.Abs(g2) < eps)
                break;
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB, step = 1;
            while (step >= minStep)
            {
                double na = a + step * dA, nb = b + step * dB, nf = F(na, nb);
                if (nf < fval + 1e-4 * step * gd)
                {
                    a = na; b = nb; fval = nf;
                    break;
                }
                step /= 2;
            }
            if (step < minStep)
                break;
        }
        return (a, b);
    }
}
