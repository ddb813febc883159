using Microsoft.ML;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>
/// Forward, case-split evaluation of IOH predictors: AUROC and AUPRC (ML.NET's evaluator) with 95 % confidence
/// intervals from a bootstrap that resamples cases, and alarm statistics at a threshold fixed on validation cases
/// before the held-out cases are seen.
/// </summary>
public sealed class ForwardEvaluator
{
    private readonly MLContext _mlContext;
    private readonly ForwardEvaluationOptions _options;

    /// <summary>Creates an evaluator.</summary>
    public ForwardEvaluator(MLContext mlContext, ForwardEvaluationOptions? options = null)
    {
        _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        _options = options ?? new ForwardEvaluationOptions();
        _options.Validate();
    }

    private sealed class Row
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public bool PredictedLabel { get; set; }
    }

    /// <summary>Evaluates one method at one horizon.</summary>
    /// <param name="method">Method name for the report.</param>
    /// <param name="horizonMinutes">Horizon of the labels.</param>
    /// <param name="validation">Scores on validation cases (threshold selection only).</param>
    /// <param name="test">Scores on held-out test cases.</param>
    public ForwardMetrics Evaluate(string method, int horizonMinutes, ScoredWindows validation, ScoredWindows test)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        int positives = test.Labels.Count(l => l);
        if (positives == 0 || positives == test.Count)
            throw new ArgumentException($"The held-out windows of '{method}' need both classes; found {positives} positives of {test.Count}.", nameof(test));

        float threshold = ThresholdForSensitivity(validation, _options.TargetSensitivity);
        var all = Enumerable.Range(0, test.Count).ToArray();
        var (auroc, auprc) = Areas(test, all);

        // Bootstrap over cases: whole cases are drawn, so correlated windows of one patient move together.
        var byCase = all.GroupBy(i => test.CaseIds[i]).Select(g => g.ToArray()).ToArray();
        var random = new Random(_options.Seed);
        var aurocs = new List<double>();
        var auprcs = new List<double>();
        for (int r = 0; r < _options.BootstrapReplicates; r++)
        {
            var sample = new List<int>(test.Count);
            for (int k = 0; k < byCase.Length; k++)
                sample.AddRange(byCase[random.Next(byCase.Length)]);
            int p = sample.Count(i => test.Labels[i]);
            if (p == 0 || p == sample.Count)
                continue;
            var (a, b) = Areas(test, sample.ToArray());
            aurocs.Add(a);
            auprcs.Add(b);
        }

        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < test.Count; i++)
        {
            bool alarm = test.Scores[i] >= threshold;
            if (alarm && test.Labels[i]) tp++;
            else if (alarm) fp++;
            else if (test.Labels[i]) fn++;
            else tn++;
        }
        double hours = test.Count * _options.StrideSeconds / 3600.0;
        double? mae = test.ForecastAbsoluteErrors is { } e ? e.Average(v => (double)v) : null;
        return new ForwardMetrics(method, horizonMinutes, byCase.Length, test.Count, positives,
            Interval(auroc, aurocs), Interval(auprc, auprcs), threshold,
            tp / (double)Math.Max(1, tp + fn), tn / (double)Math.Max(1, tn + fp), tp / (double)Math.Max(1, tp + fp),
            (tp + fp) / hours, mae);
    }

    /// <summary>The highest threshold whose sensitivity on <paramref name="windows"/> reaches the target.</summary>
    public static float ThresholdForSensitivity(ScoredWindows windows, double targetSensitivity)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return ThresholdForSensitivity(windows.Scores, windows.Labels, targetSensitivity, nameof(windows));
    }

    /// <summary>The highest score at or above which the target share of the positive rows lies (the trainer's and the
    /// evaluator's one rule, so the alarm a model ships with is the alarm its report evaluated).</summary>
    internal static float ThresholdForSensitivity(IReadOnlyList<float> scores, IReadOnlyList<bool> labels, double targetSensitivity, string parameterName)
    {
        var positiveScores = scores.Where((_, i) => labels[i]).OrderByDescending(s => s).ToArray();
        if (positiveScores.Length == 0)
            throw new ArgumentException("Threshold selection needs positive windows.", parameterName);
        int needed = Math.Clamp((int)Math.Ceiling(targetSensitivity * positiveScores.Length), 1, positiveScores.Length);
        return positiveScores[needed - 1];
    }

    private (double Auroc, double Auprc) Areas(ScoredWindows set, int[] index)
    {
        var rows = index.Select(i => new Row { Label = set.Labels[i], Score = set.Scores[i], PredictedLabel = set.Scores[i] >= 0 });
        var metrics = _mlContext.BinaryClassification.EvaluateNonCalibrated(_mlContext.Data.LoadFromEnumerable(rows));
        return (metrics.AreaUnderRocCurve, metrics.AreaUnderPrecisionRecallCurve);
    }

    private static MetricInterval Interval(double value, List<double> replicates)
    {
        if (replicates.Count == 0)
            return new MetricInterval(value, double.NaN, double.NaN);
        replicates.Sort();
        double Quantile(double q) => replicates[Math.Clamp((int)Math.Floor(q * (replicates.Count - 1)), 0, replicates.Count - 1)];
        return new MetricInterval(value, Quantile(0.025), Quantile(0.975));
    }
}
