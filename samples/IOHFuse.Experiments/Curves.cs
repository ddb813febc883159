namespace IOHFuse.Experiments;

/// <summary>ROC and precision–recall curve points for plotting (the reported areas come from ML.NET's evaluator).</summary>
/// <remarks>ML.NET (5.0 and 6.0) computes these points inside its evaluator but does not hand them out: its only route,
/// <c>BinaryClassifierEvaluator.EvaluateWithPRCurve</c>, is on an internal class, and the public
/// <c>BinaryClassificationMetrics</c> / <c>CalibratedBinaryClassificationMetrics</c> carry the areas only. So the points
/// for the plots are counted here, one per distinct score.</remarks>
public static class Curves
{
    /// <summary>(FPR, TPR) and (recall, precision) points, one per distinct score, highest score first.</summary>
    public static (double[] Fpr, double[] Tpr, double[] Recall, double[] Precision) Compute(float[] scores, bool[] labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        int positives = labels.Count(l => l), negatives = labels.Length - positives;
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var recall = new List<double>();
        var precision = new List<double>();
        int tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++; else fp++;
            bool lastOfTie = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (!lastOfTie) continue;
            fpr.Add(fp / (double)Math.Max(1, negatives));
            tpr.Add(tp / (double)Math.Max(1, positives));
            recall.Add(tp / (double)Math.Max(1, positives));
            precision.Add(tp / (double)(tp + fp));
        }
        return (fpr.ToArray(), tpr.ToArray(), recall.ToArray(), precision.ToArray());
    }
}
