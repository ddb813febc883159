using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// Quality checks of synthetic MAP windows against real ones: distribution statistics (mean, variability, minimum,
/// slope, autocorrelation) and a discriminative score (Yoon et al. 2019, TimeGAN's "discriminative score"), here a
/// logistic regression on hand features with a held-out split, which is enough at the scale of IOH cohorts.
/// </summary>
public static class AugmentationQuality
{
    /// <summary>Per-window statistics averaged over <paramref name="windows"/> (mmHg; slope per minute at 3 s per sample).</summary>
    /// <param name="windows">Windows of at least 12 finite samples each.</param>
    /// <param name="samplePeriodSeconds">Sampling period, used for the slope's unit; default 3 s.</param>
    public static WindowStatistics Describe(IReadOnlyList<float[]> windows, double samplePeriodSeconds = 3.0)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
            throw new ArgumentException("At least one window is needed.", nameof(windows));
        var f = windows.Select(w => Features(w, samplePeriodSeconds)).ToArray();
        double Avg(int k) => f.Average(x => (double)x[k]);
        return new WindowStatistics(windows.Count, Avg(0), Avg(1), Avg(2), Avg(4), Avg(5), Avg(6), Avg(7));
    }

    /// <summary>
    /// Compares real and synthetic windows. The discriminator sees the same number of windows from each set (the larger
    /// set is subsampled), is trained on 1 − <paramref name="testFraction"/> of them and scored on the rest.
    /// </summary>
    /// <param name="mlContext">Context for the classifier.</param>
    /// <param name="real">Real windows.</param>
    /// <param name="synthetic">Synthetic windows of the same length.</param>
    /// <param name="testFraction">Held-out fraction, in (0, 1); default 0.3.</param>
    /// <param name="seed">Seed of the subsampling and the split.</param>
    /// <param name="samplePeriodSeconds">Sampling period in seconds; default 3.</param>
    /// <param name="includeHighFrequencyFeatures">
    /// True (default): the discriminator also sees the lag-1/lag-10 autocorrelation and the mean absolute step, i.e.
    /// sample-to-sample roughness. False: only level, spread, extremes, slope and shape (quartile values), which tells
    /// whether a separation comes from fine-scale noise alone.
    /// </param>
    public static AugmentationQualityReport Compare(MLContext mlContext, IReadOnlyList<float[]> real, IReadOnlyList<float[]> synthetic,
        double testFraction = 0.3, int seed = 1, double samplePeriodSeconds = 3.0, bool includeHighFrequencyFeatures = true)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        if (real.Count < 4 || synthetic.Count < 4)
            throw new ArgumentException("At least 4 real and 4 synthetic windows are needed.", real.Count < 4 ? nameof(real) : nameof(synthetic));
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "must be in (0, 1).");

        int n = Math.Min(real.Count, synthetic.Count);
        var random = new Random(seed);
        float[] Select(float[] w)
        {
            var f = Features(w, samplePeriodSeconds);
            if (!includeHighFrequencyFeatures)
                f[5] = f[6] = f[7] = 0; // constant columns carry no information for the classifier
            return f;
        }
        var rows = real.OrderBy(_ => random.Next()).Take(n).Select(w => new DiscriminatorRow { Label = false, Features = Select(w) })
            .Concat(synthetic.OrderBy(_ => random.Next()).Take(n).Select(w => new DiscriminatorRow { Label = true, Features = Select(w) }))
            .ToList();
        var data = mlContext.Data.LoadFromEnumerable(rows);
        var split = mlContext.Data.TrainTestSplit(data, testFraction, seed: seed);
        var pipeline = mlContext.Transforms.NormalizeMeanVariance(nameof(DiscriminatorRow.Features))
            .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var model = pipeline.Fit(split.TrainSet);
        var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        int testCount = (int)(split.TestSet.GetRowCount() ?? mlContext.Data.CreateEnumerable<DiscriminatorRow>(split.TestSet, false).Count());
        return new AugmentationQualityReport(Describe(real, samplePeriodSeconds), Describe(synthetic, samplePeriodSeconds),
            metrics.Accuracy, metrics.AreaUnderRocCurve, testCount);
    }

    /// <summary>
    /// Hand features of one window: mean, std, min, max, slope (per minute), lag-1 and lag-10 autocorrelation of the
    /// detrended window, mean absolute step, and the values at the first quartile, middle and third quartile of the window.
    /// </summary>
    internal static float[] Features(float[] w, double samplePeriodSeconds = 3.0)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (w.Length < 12)
            throw new ArgumentException("A window needs at least 12 samples.", nameof(w));
        int n = w.Length;
        double mean = w.Average(x => (double)x);
        double std = Math.Sqrt(w.Sum(x => (x - mean) * (x - mean)) / n);
        double tMean = (n - 1) / 2.0, sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (i - tMean) * (w[i] - mean);
            sxx += (i - tMean) * (i - tMean);
        }
        double slopePerSample = sxy / sxx;
        var residual = new double[n];
        for (int i = 0; i < n; i++)
            residual[i] = w[i] - mean - slopePerSample * (i - tMean);
        double step = 0;
        for (int i = 1; i < n; i++)
            step += Math.Abs(w[i] - w[i - 1]);
        return
        [
            (float)mean, (float)std, w.Min(), w.Max(),
            (float)(slopePerSample / (samplePeriodSeconds / 60.0)),
            (float)Autocorrelation(residual, 1), (float)Autocorrelation(residual, 10),
            (float)(step / (n - 1)),
            w[n / 4], w[n / 2], w[3 * n / 4],
        ];
    }

    private static double Autocorrelation(double[] x, int lag)
    {
        double den = x.Sum(v => v * v);
        if (den <= 1e-12 || lag >= x.Length)
            return 0;
        double num = 0;
        for (int i = lag; i < x.Length; i++)
            num += x[i] * x[i - lag];
        return num / den;
    }

    private sealed class DiscriminatorRow
    {
        public bool Label { get; set; }

        [VectorType(11)]
        public float[] Features { get; set; } = [];
    }
}
