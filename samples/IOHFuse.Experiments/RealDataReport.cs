using System.Diagnostics;
using System.Globalization;
using System.Text;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.Experiments;

/// <summary>
/// IOHFuseLM against the baselines on a folder of real recordings: split by patient (the manifest's fixed split when
/// it has one), series only, every method scored on the same held-out windows, case-bootstrap CIs, and the spread
/// over training seeds for the stochastic models. Writes report.md; every figure in it is computed here.
/// </summary>
public static class RealDataReport
{
    /// <summary>Runs the comparison and writes <c>report.md</c> into <paramref name="outDirectory"/>; returns its path.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="dataDirectory">Folder of recordings (with a manifest.csv beside or above it for patients and split).</param>
    /// <param name="outDirectory">Report folder.</param>
    /// <param name="options">Configuration; defaults when null.</param>
    /// <param name="log">Receives progress lines.</param>
    public static string Run(MLContext ml, string dataDirectory, string outDirectory, RealDataReportOptions? options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(log);
        var o = options ?? new RealDataReportOptions();
        if (o.Horizons.Count == 0 || o.Horizons.Any(h => h is not (5 or 10 or 15)))
            throw new ArgumentOutOfRangeException(nameof(options), "Horizons must be a non-empty subset of 5, 10, 15 minutes.");
        if (o.Seeds.Count == 0)
            throw new ArgumentOutOfRangeException(nameof(options), "At least one seed is needed.");
        var total = Stopwatch.StartNew();

        var folder = CaseFileReader.ReadFolder(dataDirectory);
        var profile = DataProfile.Infer(folder.Cases, folder.MedianIntervalSeconds, useText: false);
        var split = ManifestSplit.Split(ml, folder.Cases, folder.Manifest, 0.2, 0.25, seed: 1, out string rule);
        if (split.Test.Count == 0 || split.Validation.Count == 0)
            throw new InvalidOperationException("The report needs train, validation and test patients.");
        var horizons = o.Horizons.Select(h => (double)h).ToArray();
        IDataView Windows(IReadOnlyList<SurgicalCase> cases, double stride) =>
            ml.Data.Cache(ml.IOHFuse().Data.CreateWindows(cases, profile.Windows(horizons, horizons[0], stride)));
        var train = Windows(split.Train, o.TrainStrideSeconds);
        var validation = Windows(split.Validation, o.ValidationStrideSeconds);
        var test = Windows(split.Test, o.TestStrideSeconds);
        var trainRows = WindowArrays.Read(train, o.Horizons);
        var validationRows = WindowArrays.Read(validation, o.Horizons);
        var testRows = WindowArrays.Read(test, o.Horizons);
        log($"{folder.Files.Count} recordings ({folder.Skipped.Count} unusable); {profile}; split: {rule}: {split.Train.Count} / {split.Validation.Count} / {split.Test.Count} recordings; " +
            $"windows {trainRows.Count} train, {validationRows.Count} validation, {testRows.Count} test.");

        var evaluator = new ForwardEvaluator(ml, new ForwardEvaluationOptions { BootstrapReplicates = o.BootstrapReplicates, StrideSeconds = o.TestStrideSeconds, Seed = 1 });
        var rows = new List<(int Horizon, string Method, int? Seed, ForwardMetrics Metrics, TimeSpan Time, string Note)>();
        void Add(int horizon, string method, int? seed, ScoredWindows v, ScoredWindows t, TimeSpan time, string note = "")
        {
            var m = evaluator.Evaluate(method, horizon, v, t);
            rows.Add((horizon, method, seed, m, time, note));
            log($"  {horizon} min {method}{(seed is int s ? $" seed {s}" : string.Empty)}: AUROC {m.Auroc}, AUPRC {m.Auprc} ({time.TotalSeconds:F0} s)");
        }

        foreach (int horizon in o.Horizons)
        {
            string label = $"Label{horizon}";
            int forecastSamples = (int)Math.Round(horizon * 60 / profile.SamplePeriodSeconds);
            foreach (var (name, pipeline, persistence) in new (string, IEstimator<ITransformer>, bool)[]
            {
                ("Current MAP", ml.IOHFuse().Transforms.CurrentMapBaseline(), true),
                ("MAP + slope logistic regression", BaselinePipelines.MapSlopeRegression(ml, label), false),
                ("Hand-feature logistic regression", BaselinePipelines.HandFeatureRegression(ml, label), false),
                ("FastTree on hand features", BaselinePipelines.FastTreeOnHandFeatures(ml, label, withAttributes: false), false),
            })
            {
                if (!persistence && !o.IncludeBaselines)
                    continue;
                var clock = Stopwatch.StartNew();
                var model = pipeline.Fit(train);
                var v = ScoredWindows.FromDataView(model.Transform(validation), label);
                var t = ScoredWindows.FromDataView(model.Transform(test), label);
                if (persistence)
                    t = new ScoredWindows(t.CaseIds, t.Labels, t.Scores, Experiment.PersistenceErrors(test, forecastSamples));
                Add(horizon, name, null, v, t, clock.Elapsed);
            }

            foreach (int seed in o.IncludeGru ? o.Seeds : [])
            {
                using var gru = GruBaseline.Fit(ml, (trainRows.Histories, trainRows.Labels[horizon]), (validationRows.Histories, validationRows.Labels[horizon]),
                    o.GruEpochs, seed, line => log($"    {line}"));
                Add(horizon, "GRU (2 × 64)", seed, validationRows.Scored(gru.Score(validationRows.Histories), horizon), testRows.Scored(gru.Score(testRows.Histories), horizon),
                    gru.Duration, $"best epoch {gru.ValidationAurocs.ToList().IndexOf(gru.ValidationAurocs.Max()) + 1}");
            }

            foreach (int seed in o.Seeds)
            {
                using var model = ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
                {
                    LabelColumnName = label,
                    UseText = false,
                    PatchLength = profile.PatchLength,
                    ModelDimension = o.ModelDimension,
                    NumberOfHeads = o.NumberOfHeads,
                    NumberOfLayers = o.NumberOfLayers,
                    PretrainEpochs = o.PretrainEpochs,
                    FineTuneEpochs = o.FineTuneEpochs,
                    UnfreezeBackbone = o.UnfreezeBackbone,
                    Seed = seed,
                    Progress = new LineProgress(p => log($"    IOHFuseLM {p.Stage} epoch {p.Epoch}/{p.TotalEpochs}: loss {p.Loss:F4}" +
                        (p.ValidationAuroc is double a ? $", validation AUROC {a:F3}" : string.Empty) + $" ({p.Elapsed.TotalSeconds:F0} s)")),
                }).Fit(train, validation);
                var s = model.TrainingSummary;
                Add(horizon, "IOHFuseLM", seed, ScoredWindows.FromDataView(model.Transform(validation), label),
                    ScoredWindows.FromDataView(model.Transform(test), label, forecastColumnName: IohFuseColumns.Forecast, forecastSamples: forecastSamples),
                    s.Duration, s.BestEpoch == 0 ? "kept its current-MAP start" : $"best epoch {s.BestEpoch}");
            }
        }

        Directory.CreateDirectory(outDirectory);
        string path = Path.Combine(outDirectory, "report.md");
        File.WriteAllText(path, Markdown(o, folder, profile, rule, split, trainRows.Count, validationRows.Count, testRows, rows, total.Elapsed));
        return path;
    }

    private static string Markdown(RealDataReportOptions o, CaseFolder folder, DataProfile profile, string rule, CaseSplit split, int trainWindows,
        int validationWindows, WindowArrays test, List<(int Horizon, string Method, int? Seed, ForwardMetrics Metrics, TimeSpan Time, string Note)> rows, TimeSpan total)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# IOHFuseLM and baselines on real per-minute recordings").AppendLine();
        md.AppendLine(string.Create(inv, $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `iohfuse report --data {folder.Directory}` in {total.TotalMinutes:F0} min on {Environment.ProcessorCount} cores. Every figure is computed from held-out patients by that command; none is typed in.")).AppendLine();
        md.AppendLine("## Data and protocol").AppendLine();
        md.AppendLine(string.Create(inv, $"- {folder.Files.Count} recordings ({folder.Skipped.Count} unusable), median sample interval {folder.MedianIntervalSeconds:0.#} s. Model input: {profile}."));
        md.AppendLine(string.Create(inv, $"- Split by patient, {rule}: {split.Train.Count} train, {split.Validation.Count} validation, {split.Test.Count} test recordings; no patient on two sides."));
        md.AppendLine(string.Create(inv, $"- Windows: {trainWindows:N0} train (stride {o.TrainStrideSeconds:0} s), {validationWindows:N0} validation (stride {o.ValidationStrideSeconds:0} s), {test.Count:N0} test (stride {o.TestStrideSeconds:0} s); a prediction time needs a valid MAP at t, ≤ 10 % of the history missing, and no IOH event in progress."));
        md.AppendLine("- Label: an IOH event (a run of samples < 65 mmHg spanning ≥ 60 s: 2 consecutive samples at 60 s) begins within the horizon after t. Histories are cleaned causally (only samples up to t).");
        md.AppendLine("- Alarm threshold: per method, seed and horizon, the highest score reaching 80 % sensitivity on the validation patients, then applied unchanged to the test patients.");
        md.AppendLine(string.Create(inv, $"- 95 % CIs: {o.BootstrapReplicates} bootstrap replicates resampling test recordings. Stochastic models (IOHFuseLM, GRU) are trained with seeds {string.Join(", ", o.Seeds)}: the table gives seed {o.Seeds[0]}'s CI and the mean ± SD over seeds."));
        md.AppendLine(string.Create(inv, $"- IOHFuseLM: series only, d={o.ModelDimension}, {o.NumberOfHeads} heads, {o.NumberOfLayers} layers, {o.PretrainEpochs} pretraining + up to {o.FineTuneEpochs} fine-tuning epochs (best on validation kept), backbone {(o.UnfreezeBackbone ? "fine-tuned in stage 2" : "frozen in stage 2 except LayerNorms")}. GRU: 2 layers × 64 units over the same history, {o.GruEpochs} epochs (best on validation kept). Hand-feature LR: MAP now, 5-min mean, 15-min slope, 15-min minimum, 15-min SD, (MAP − 75)². FastTree: all 15 MAP hand features."));
        md.AppendLine("- Forecast MAE: mean absolute error over the horizon; *Current MAP* row = persistence (last MAP held).").AppendLine();

        md.AppendLine("## AUROC on held-out patients").AppendLine();
        md.AppendLine("| method | " + string.Join(" | ", o.Horizons.Select(h => $"{h} min")) + " |").AppendLine("|---|" + string.Concat(o.Horizons.Select(_ => "---|")));
        foreach (string method in rows.Select(r => r.Method).Distinct())
            md.AppendLine($"| {method} | " + string.Join(" | ", o.Horizons.Select(h => Summary(rows.Where(r => r.Horizon == h && r.Method == method).ToList(), m => m.Auroc.Value))) + " |");
        md.AppendLine();
        md.AppendLine("## Verdict").AppendLine();
        foreach (int h in o.Horizons)
            md.AppendLine(Verdict(h, rows.Where(r => r.Horizon == h).ToList()));
        md.AppendLine();

        foreach (int h in o.Horizons)
        {
            md.AppendLine($"## {h}-minute horizon").AppendLine();
            md.AppendLine("| method | seed | AUROC (95 % CI) | AUPRC (95 % CI) | sensitivity | specificity | alarms/h | forecast MAE (mmHg) | train time | note |");
            md.AppendLine("|---|---:|---|---|---:|---:|---:|---:|---:|---|");
            foreach (var r in rows.Where(r => r.Horizon == h))
            {
                var m = r.Metrics;
                md.AppendLine(string.Create(inv, $"| {r.Method} | {(r.Seed is int s ? s.ToString(inv) : "–")} | {m.Auroc} | {m.Auprc} | {m.Sensitivity:F3} | {m.Specificity:F3} | {m.AlarmsPerHour:F1} | {(m.ForecastMaeMmHg is double e ? e.ToString("F2", inv) : "–")} | {r.Time.TotalSeconds:F0} s | {r.Note} |"));
            }
            var windows = rows.First(r => r.Horizon == h).Metrics;
            md.AppendLine().AppendLine(string.Create(inv, $"{windows.Windows:N0} test windows, {windows.Positives:N0} positive ({(double)windows.Positives / windows.Windows:P1}), {windows.Cases} recordings.")).AppendLine();
        }
        return md.ToString();
    }

    /// <summary>"0.912" for one run, "0.912 ± 0.004" over seeds.</summary>
    private static string Summary(List<(int Horizon, string Method, int? Seed, ForwardMetrics Metrics, TimeSpan Time, string Note)> runs, Func<ForwardMetrics, double> value)
    {
        if (runs.Count == 0)
            return "–";
        var v = runs.Select(r => value(r.Metrics)).ToArray();
        double mean = v.Average();
        if (v.Length == 1)
            return mean.ToString("F3", CultureInfo.InvariantCulture);
        double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {sd:F3}");
    }

    /// <summary>One sentence per horizon: IOHFuseLM's mean AUROC and AUPRC against the best other method, win or loss, by how much.</summary>
    private static string Verdict(int horizon, List<(int Horizon, string Method, int? Seed, ForwardMetrics Metrics, TimeSpan Time, string Note)> runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var means = runs.GroupBy(r => r.Method).ToDictionary(g => g.Key, g => (Auroc: g.Average(r => r.Metrics.Auroc.Value), Auprc: g.Average(r => r.Metrics.Auprc.Value)));
        if (!means.TryGetValue("IOHFuseLM", out var ours))
            return string.Empty;
        var best = means.Where(kv => kv.Key != "IOHFuseLM").MaxBy(kv => kv.Value.Auroc);
        var current = means["Current MAP"];
        string Word(double d) => Math.Round(d, 3) > 0 ? "beats" : Math.Round(d, 3) < 0 ? "**loses to**" : "ties";
        double forecast = runs.Where(r => r.Method == "IOHFuseLM").Average(r => r.Metrics.ForecastMaeMmHg ?? double.NaN);
        double persistence = runs.First(r => r.Method == "Current MAP").Metrics.ForecastMaeMmHg ?? double.NaN;
        return string.Create(inv,
            $"- **{horizon} min**: IOHFuseLM (mean AUROC {ours.Auroc:F3}, AUPRC {ours.Auprc:F3}) {Word(ours.Auroc - current.Auroc)} current MAP by {ours.Auroc - current.Auroc:+0.000;-0.000} AUROC " +
            $"and {Word(ours.Auroc - best.Value.Auroc)} the best other method, {best.Key} ({best.Value.Auroc:F3}), by {ours.Auroc - best.Value.Auroc:+0.000;-0.000} AUROC " +
            $"({ours.Auprc - best.Value.Auprc:+0.000;-0.000} AUPRC). Forecast MAE {forecast:F2} vs persistence {persistence:F2} mmHg ({(forecast < persistence ? "better" : "**not better**")}).");
    }

    private sealed class LineProgress(Action<IohFuseLMProgress> handler) : IProgress<IohFuseLMProgress>
    {
        public void Report(IohFuseLMProgress value) => handler(value);
    }
}
