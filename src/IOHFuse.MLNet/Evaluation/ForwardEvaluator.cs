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

        var aurocs = new List<double>();
        var auprcs = new List<double>();
        int cases = CaseBootstrap(test, sample =>
        {
            var (a, b) = Areas(test, sample);
            aurocs.Add(a);
            auprcs.Add(b);
        });

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
        return new ForwardMetrics(method, horizonMinutes, cases, test.Count, positives,
            Interval(auroc, aurocs), Interval(auprc, auprcs), threshold,
            tp / (double)Math.Max(1, tp + fn), tn / (double)Math.Max(1, tn + fp), tp / (double)Math.Max(1, tp + fp),
            (tp + fp) / hours, mae);
    }

    /// <summary>
    /// Paired comparison of two methods scored on the same held-out windows: the differences (<paramref name="first"/>
    /// minus <paramref name="second"/>) in AUROC and AUPRC, with 95 % intervals from one case bootstrap in which both
    /// methods are scored on the same resampled cases. The pairing removes the between-case variation the two share, so
    /// a margin that is small beside each method's own interval can still be told from zero.
    /// </summary>
    /// <param name="first">Scores of the first method.</param>
    /// <param name="second">Scores of the second method on the same windows, in the same order.</param>
    public PairedComparison Compare(ScoredWindows first, ScoredWindows second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count || !first.CaseIds.AsSpan().SequenceEqual(second.CaseIds) || !first.Labels.AsSpan().SequenceEqual(second.Labels))
            throw new ArgumentException("A paired comparison needs both methods scored on the same windows (same cases and labels, same order).", nameof(second));
        var all = Enumerable.Range(0, first.Count).ToArray();
        var (a1, p1) = Areas(first, all);
        var (a2, p2) = Areas(second, all);
        var aurocs = new List<double>();
        var auprcs = new List<double>();
        CaseBootstrap(first, sample =>
        {
            var (x1, y1) = Areas(first, sample);
            var (x2, y2) = Areas(second, sample);
            aurocs.Add(x1 - x2);
            auprcs.Add(y1 - y2);
        });
        return new PairedComparison(Interval(a1 - a2, aurocs), Interval(p1 - p2, auprcs));
    }

    /// <summary>Calls <paramref name="replicate"/> with each bootstrap sample of window indices that has both classes.
    /// Whole cases are drawn with replacement, so correlated windows of one patient move together; the sequence of
    /// samples depends only on the options' seed and the windows' cases. Returns the number of cases.</summary>
    private int CaseBootstrap(ScoredWindows windows, Action<int[]> replicate)
    {
        var byCase = Enumerable.Range(0, windows.Count).GroupBy(i => windows.CaseIds[i]).Select(g => g.ToArray()).ToArray();
        var random = new Random(_options.Seed);
        for (int r = 0; r < _options.BootstrapReplicates; r++)
        {
            var sample = new List<int>(windows.Count);
            for (int k = 0; k < byCase.Length; k++)
                sample.AddRange(byCase[random.Next(byCase.Length)]);
            int p = sample.Count(i => windows.Labels[i]);
            if (p == 0 || p == sample.Count)
                continue;
            replicate(sample.ToArray());
        }
        return byCase.Length;
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
