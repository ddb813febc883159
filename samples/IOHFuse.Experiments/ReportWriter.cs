using System.Globalization;
using System.Text;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using Microsoft.ML.Data;
using IOHFuse.MLNet.Training;

namespace IOHFuse.Experiments;

/// <summary>Writes report.md and its PNG plots (ScottPlot) from an <see cref="ExperimentResult"/>.</summary>
public static class ReportWriter
{
    /// <summary>Writes the report into <paramref name="directory"/> and returns the path of report.md.</summary>
    public static string Write(ExperimentResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var md = new StringBuilder();
        var o = result.Options;
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("# IOHFuse.MLNet evaluation report");
        md.AppendLine();
        md.AppendLine(FormattableString.Invariant($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by the IOHFuse.MLNet end-to-end job. All numbers below are computed by the code from held-out cases; none are typed in."));
        md.AppendLine();
        md.AppendLine("## Data and protocol");
        md.AppendLine();
        md.AppendLine(FormattableString.Invariant($"- Cohort: {result.CaseCounts.Train + result.CaseCounts.Validation + result.CaseCounts.Test} cases (seed {o.Seed}), split **by case** into {result.CaseCounts.Train} train / {result.CaseCounts.Validation} validation / {result.CaseCounts.Test} test."));
        var (tr, va, te) = result.Windowing;
        if (tr is not null)
        {
            double period = result.InputSchema is { } schema ? IohFuseAnnotations.GetSamplePeriodSeconds(schema[IohFuseColumns.History]) ?? double.NaN : double.NaN;
            int historyLength = (result.InputSchema?[IohFuseColumns.History].Type as VectorDataViewType)?.Size ?? 0;
            string history = historyLength > 0 && double.IsFinite(period) ? FormattableString.Invariant($"{historyLength * period / 60:0.#} min MAP history at {period:0.##} s") : "MAP history";
            md.AppendLine(FormattableString.Invariant($"- Windows ({history}, prediction times only where no IOH event is in progress): {tr.Windows} train (stride {o.TrainStrideSeconds} s), {va.Windows} validation and {te.Windows} test (stride {o.EvaluationStrideSeconds} s)."));
            md.AppendLine(FormattableString.Invariant($"- Test cases: {te.Hours:F1} h monitored, {te.Events} IOH events ({te.EventsPerHour:F2}/h); positive-window rates {string.Join(", ", o.Horizons.Select(h => $"{h} min {te.PositiveRate($"Label{h}"):P1}"))}."));
        }
        md.AppendLine(FormattableString.Invariant($"- Label: an IOH event (MAP < 65 mmHg for ≥ 60 s) **begins** within the horizon after t. Evaluation is forward: every method sees only the history up to t."));
        md.AppendLine(FormattableString.Invariant($"- Alarm threshold: per method and horizon, the highest score reaching 80 % sensitivity on the **validation** cases, then applied unchanged to the test cases. Alarms per hour = alarms / (test windows × {o.EvaluationStrideSeconds} s)."));
        md.AppendLine(FormattableString.Invariant($"- 95 % confidence intervals: {o.BootstrapReplicates} bootstrap replicates resampling **cases**."));
        md.AppendLine(FormattableString.Invariant($"- IOHFuseLM: d={o.ModelDimension}, {o.NumberOfHeads} heads, {o.NumberOfLayers} layers ({result.ParameterCount:N0} parameters), {o.PretrainEpochs} pretraining + up to {o.FineTuneEpochs} fine-tuning epochs, {o.MaximumTokens} text tokens, {result.SyntheticRows} synthetic stage-1 rows ({o.CopiesPerWindow} per real IOH window)."));
        md.AppendLine("- Forecast MAE: mean absolute error of the forecast MAP over the horizon; for *Current MAP* it is the persistence forecast of its own score (the mean of the last 9 s of MAP, held constant); an IOHFuseLM that forecasts persistence holds the last sample.");
        md.AppendLine();

        foreach (int horizon in o.Horizons.OrderBy(h => h))
        {
            var rows = result.Metrics.Where(m => m.HorizonMinutes == horizon).ToList();
            if (rows.Count == 0) continue;
            md.AppendLine(FormattableString.Invariant($"## {horizon}-minute horizon"));
            md.AppendLine();
            md.AppendLine(MainTable(rows));
            md.AppendLine();
            md.AppendLine(Verdict(rows, result.TrainingSummaries.FirstOrDefault(t => t.Method == Experiment.FullModel && t.Horizon == horizon).Summary));
            md.AppendLine();
            string rocName = $"roc-pr-{horizon}min.png";
            Plots.RocPr(result.TestScores.Where(kv => kv.Key.Horizon == horizon).Select(kv => (kv.Key.Method, kv.Value)), horizon, Path.Combine(directory, rocName));
            md.AppendLine($"![ROC and PR curves, {horizon} min]({rocName})");
            md.AppendLine();
            if (result.Calibration.TryGetValue(horizon, out var cal))
            {
                string calName = $"calibration-{horizon}min.png";
                Plots.Calibration(cal.Probability, cal.Label, horizon, Path.Combine(directory, calName));
                md.AppendLine($"![Calibration of IOHFuseLM, {horizon} min]({calName})");
                md.AppendLine();
            }
        }

        if (result.TrainingSummaries.Count > 0)
        {
            // Model selection is on validation cases; showing it next to the test figure exposes selection noise.
            md.AppendLine("## IOHFuseLM model selection");
            md.AppendLine();
            md.AppendLine("Validation AUROC at the start of stage 2 (epoch 0: the IOH logit is still the current-MAP rule) and after each stage-2 epoch; the kept epoch is the best of these. Test AUROC is the held-out figure from the tables above. The forecast is shipped as trained only if its validation MAE beats persistence; otherwise the trainer resets it to persistence.");
            md.AppendLine();
            md.AppendLine("| model | horizon | validation AUROC by epoch (0, 1, …) | kept epoch | test AUROC | validation forecast MAE, trained vs persistence (mmHg) | forecast shipped |");
            md.AppendLine("|---|---:|---|---:|---:|---|---|");
            foreach (var (method, horizon, summary) in result.TrainingSummaries)
            {
                string byEpoch = string.Join(", ", summary.ValidationAurocs.Select(a => a.ToString("F3", inv)));
                var test = result.Metrics.FirstOrDefault(m => m.Method == method && m.HorizonMinutes == horizon);
                string maes = summary.ForecastValidationMae is double f && summary.PersistenceValidationMae is double p ? string.Create(inv, $"{f:F2} vs {p:F2}") : "–";
                md.AppendLine(string.Create(inv, $"| {method} | {horizon} min | {byEpoch} | {summary.BestEpoch} | {test?.Auroc.Value:F3} | {maes} | {(summary.ForecastIsPersistence ? "persistence" : "trained")} |"));
            }
            md.AppendLine();
        }

        md.AppendLine("## Timings");
        md.AppendLine();
        md.AppendLine("| stage | seconds |");
        md.AppendLine("|---|---:|");
        foreach (var (stage, duration) in result.Timings)
            md.AppendLine(string.Create(inv, $"| {stage} | {duration.TotalSeconds:F1} |"));
        md.AppendLine();
        md.AppendLine("The cohort is synthetic (see docs/synthetic-cohort.md): these figures test the pipeline and compare methods on equal terms; they are not clinical performance claims.");
        string path = Path.Combine(directory, "report.md");
        File.WriteAllText(path, md.ToString());
        return path;
    }

    /// <summary>The per-horizon table in markdown.</summary>
    public static string MainTable(IEnumerable<ForwardMetrics> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| method | AUROC (95 % CI) | AUPRC (95 % CI) | sensitivity | specificity | PPV | alarms/h | forecast MAE (mmHg) |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var m in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Method} | {m.Auroc} | {m.Auprc} | {m.Sensitivity:F3} | {m.Specificity:F3} | {m.Ppv:F3} | {m.AlarmsPerHour:F2} | {(m.ForecastMaeMmHg is double e ? e.ToString("F2", CultureInfo.InvariantCulture) : "–")} |"));
        var first = rows.FirstOrDefault();
        if (first is not null)
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"\n{first.Windows} test windows from {first.Cases} cases, {first.Positives} positive."));
        return sb.ToString();
    }

    /// <summary>
    /// The per-horizon table as plain text for a terminal or a log, within 80 columns: each method's values on one line
    /// and the 95 % CIs of AUROC and AUPRC on the line below (where a long method name continues).
    /// </summary>
    public static string TextTable(IEnumerable<ForwardMetrics> rows)
    {
        const int NameWidth = 22;
        var sb = new StringBuilder();
        string Line(string name, string auroc, string auprc, string rest) => $"{name,-NameWidth}{auroc,-12}{auprc,-12}{rest}".TrimEnd();
        sb.AppendLine(Line("method", "AUROC", "AUPRC", $"{"sens",5}{"spec",6}{"PPV",6}{"alarms/h",10}{"MAE",6}"));
        sb.AppendLine(new string('-', 79));
        foreach (var m in rows)
        {
            var (head, tail) = Wrap(m.Method, NameWidth - 1);
            sb.AppendLine(Line(head, m.Auroc.Value.ToString("F3", CultureInfo.InvariantCulture), m.Auprc.Value.ToString("F3", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{m.Sensitivity,5:F2}{m.Specificity,6:F2}{m.Ppv,6:F2}{m.AlarmsPerHour,10:F1}{(m.ForecastMaeMmHg is double e ? e.ToString("F2", CultureInfo.InvariantCulture) : "–"),6}")));
            sb.AppendLine(Line(tail, string.Create(CultureInfo.InvariantCulture, $"{m.Auroc.Lower:F3}–{m.Auroc.Upper:F3}"),
                string.Create(CultureInfo.InvariantCulture, $"{m.Auprc.Lower:F3}–{m.Auprc.Upper:F3}"), string.Empty));
        }
        var any = rows.FirstOrDefault();
        if (any is not null)
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"95 % CIs (case bootstrap) under each value.\n{any.Windows} test windows from {any.Cases} cases, {any.Positives} positive."));
        return sb.ToString();
    }

    /// <summary>Splits a name at the last space that keeps the first part within <paramref name="width"/> characters.</summary>
    private static (string Head, string Tail) Wrap(string name, int width)
    {
        if (name.Length <= width)
            return (name, string.Empty);
        int cut = name.LastIndexOf(' ', width);
        return cut <= 0 ? (name[..width], name[width..]) : (name[..cut], name[(cut + 1)..]);
    }

    /// <summary>Plain statements of where IOHFuseLM wins and where it does not.</summary>
    /// <param name="rows">One horizon's metrics.</param>
    /// <param name="fullModel">What the full IOHFuseLM's training did (for the forecast statement), if known.</param>
    public static string Verdict(IReadOnlyList<ForwardMetrics> rows, IohFuseLMTrainingSummary? fullModel = null)
    {
        var full = rows.FirstOrDefault(r => r.Method == Experiment.FullModel);
        if (full is null) return string.Empty;
        var sb = new StringBuilder();
        foreach (var other in rows.Where(r => r.Method != Experiment.FullModel))
        {
            double diff = full.Auroc.Value - other.Auroc.Value;
            bool overlaps = full.Auroc.Lower <= other.Auroc.Upper && other.Auroc.Lower <= full.Auroc.Upper;
            // A difference that rounds to 0.000 is a tie, not a lead or a loss.
            bool tie = Math.Abs(diff) < 0.0005;
            string verb = tie ? "ties with" : diff > 0 ? (overlaps ? "is ahead of, with overlapping CIs," : "beats") : "**does not beat**";
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- IOHFuseLM {verb} {other.Method} on AUROC ({full.Auroc.Value:F3} vs {other.Auroc.Value:F3}, Δ {diff:+0.000;-0.000;0.000}); AUPRC {full.Auprc.Value:F3} vs {other.Auprc.Value:F3}."));
        }
        var persistence = rows.FirstOrDefault(r => r.Method == "Current MAP");
        if (fullModel is { ForecastIsPersistence: true })
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- IOHFuseLM **forecasts persistence**: its trained forecast was worse than persistence on the validation cases (MAE {fullModel.ForecastValidationMae:F2} vs {fullModel.PersistenceValidationMae:F2} mmHg over the full forecast length), so the trainer reset it. The forecast head does not learn a better forecast at this size."));
        }
        else if (full.ForecastMaeMmHg is double mae && persistence?.ForecastMaeMmHg is double pmae)
        {
            string verb = mae < pmae ? "beats" : "**does not beat**";
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- The IOHFuseLM forecast {verb} the persistence forecast on MAE ({mae:F2} vs {pmae:F2} mmHg). The forecast loss weights hypotensive steps 10×, which pulls forecasts down and costs MAE on the mostly normotensive windows."));
        }
        return sb.ToString();
    }
}
