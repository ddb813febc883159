namespace IOHFuse.Experiments;

/// <summary>The PNG plots of the reports (ScottPlot): ROC and precision–recall, calibration, forecast against actual.</summary>
public static class Plots
{
    /// <summary>ROC and precision–recall curves of several methods side by side, one line per method.</summary>
    /// <param name="methods">Method name and its scored test windows.</param>
    /// <param name="horizon">Horizon in minutes (titles only).</param>
    /// <param name="path">PNG path.</param>
    public static void RocPr(IEnumerable<(string Method, MLNet.Evaluation.ScoredWindows Scores)> methods, int horizon, string path)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var roc = new ScottPlot.Plot();
        var pr = new ScottPlot.Plot();
        foreach (var (method, scores) in methods)
        {
            var c = Curves.Compute(scores.Scores, scores.Labels);
            var r = roc.Add.ScatterLine(c.Fpr, c.Tpr);
            r.LegendText = method;
            var p = pr.Add.ScatterLine(c.Recall, c.Precision);
            p.LegendText = method;
        }
        roc.Title($"ROC, {horizon}-min horizon (test cases)");
        roc.XLabel("1 − specificity");
        roc.YLabel("sensitivity");
        roc.ShowLegend(ScottPlot.Alignment.LowerRight);
        pr.Title($"Precision–recall, {horizon}-min horizon");
        pr.XLabel("recall");
        pr.YLabel("precision");
        pr.ShowLegend(ScottPlot.Alignment.UpperRight);
        var layout = new ScottPlot.Multiplot(roc); // The constructor's plot is the first panel.
        layout.Subplots.Add(pr);
        layout.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Save(layout, 1400, 600, path);
    }

    /// <summary>Reliability diagram: observed event frequency per decile of predicted probability.</summary>
    /// <param name="probability">Predicted probabilities.</param>
    /// <param name="label">True labels, same order.</param>
    /// <param name="horizon">Horizon in minutes (title only).</param>
    /// <param name="path">PNG path.</param>
    public static void Calibration(float[] probability, bool[] label, int horizon, string path)
    {
        ArgumentNullException.ThrowIfNull(probability);
        ArgumentNullException.ThrowIfNull(label);
        const int bins = 10;
        var xs = new List<double>();
        var ys = new List<double>();
        // Equal-count bins keep every point supported by the same number of windows.
        var order = Enumerable.Range(0, probability.Length).OrderBy(i => probability[i]).ToArray();
        for (int b = 0; b < bins; b++)
        {
            var slice = order.Skip(b * order.Length / bins).Take((b + 1) * order.Length / bins - b * order.Length / bins).ToArray();
            if (slice.Length == 0) continue;
            xs.Add(slice.Average(i => probability[i]));
            ys.Add(slice.Count(i => label[i]) / (double)slice.Length);
        }
        var plt = new ScottPlot.Plot();
        var ideal = plt.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
        ideal.LegendText = "ideal";
        ideal.LinePattern = ScottPlot.LinePattern.Dashed;
        var observed = plt.Add.Scatter(xs.ToArray(), ys.ToArray());
        observed.LegendText = "IOHFuseLM (deciles of predicted probability)";
        plt.Title($"Calibration, {horizon}-min horizon (test cases)");
        plt.XLabel("predicted probability");
        plt.YLabel("observed frequency");
        plt.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plt.SavePng(path, 700, 600);
    }

    /// <summary>Forecast against actual MAP for a few windows: one panel each with the end of the history, the actual
    /// future, the forecast and the 65-mmHg line.</summary>
    /// <param name="episodes">Per panel: a title, the history (mmHg), the actual future and the forecast (mmHg).</param>
    /// <param name="periodSeconds">Sample period, for the minute axis.</param>
    /// <param name="shownHistory">How many history samples to draw before t.</param>
    /// <param name="path">PNG path.</param>
    public static void Forecasts(IReadOnlyList<(string Title, float[] History, float[] Actual, float[] Forecast)> episodes,
        double periodSeconds, int shownHistory, string path)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        if (episodes.Count == 0)
            throw new ArgumentException("At least one episode is needed.", nameof(episodes));
        ScottPlot.Multiplot? layout = null;
        foreach (var (title, history, actual, forecast) in episodes)
        {
            var plt = new ScottPlot.Plot();
            int shown = Math.Min(shownHistory, history.Length);
            double Minute(int offset) => offset * periodSeconds / 60;
            var past = plt.Add.ScatterLine(Enumerable.Range(-shown + 1, shown).Select(Minute).ToArray(), history[^shown..].Select(v => (double)v).ToArray());
            past.LegendText = "history";
            var truth = plt.Add.ScatterLine(Enumerable.Range(0, actual.Length + 1).Select(Minute).ToArray(), new[] { (double)history[^1] }.Concat(actual.Select(v => (double)v)).ToArray());
            truth.LegendText = "actual";
            var predicted = plt.Add.ScatterLine(Enumerable.Range(0, forecast.Length + 1).Select(Minute).ToArray(), new[] { (double)history[^1] }.Concat(forecast.Select(v => (double)v)).ToArray());
            predicted.LegendText = "IOHFuseLM forecast";
            predicted.LinePattern = ScottPlot.LinePattern.Dashed;
            var limit = plt.Add.HorizontalLine(65);
            limit.LinePattern = ScottPlot.LinePattern.Dotted;
            plt.Title(title);
            plt.XLabel("minutes from prediction time");
            plt.YLabel("MAP (mmHg)");
            plt.ShowLegend(ScottPlot.Alignment.LowerLeft);
            if (layout is null)
                layout = new ScottPlot.Multiplot(plt);
            else
                layout.Subplots.Add(plt);
        }
        layout!.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: (episodes.Count + 1) / 2, columns: Math.Min(2, episodes.Count));
        Save(layout, 1400, 450 * ((episodes.Count + 1) / 2), path);
    }

    internal static void Save(ScottPlot.Multiplot layout, int width, int height, string path)
    {
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height));
        surface.Canvas.Clear(SkiaSharp.SKColors.White);
        layout.Render(surface.Canvas, new ScottPlot.PixelRect(0, width, height, 0));
        using var image = surface.Snapshot();
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }
}
