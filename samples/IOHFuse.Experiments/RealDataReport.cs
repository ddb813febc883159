using System.Diagnostics;
using System.Globalization;
using System.Text;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Augmentation;
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
    /// <summary>The method name of the full model in the tables.</summary>
    public const string FullModel = "IOHFuseLM";

    /// <summary>The method name of the linear-paths ablation.</summary>
    public const string LinearPaths = "Linear history paths only (ablation)";

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
        if (o.PatchLength != 0)
        {
            if (o.PatchLength < 0 || profile.HistoryLength % o.PatchLength != 0)
                throw new ArgumentOutOfRangeException(nameof(options), o.PatchLength, $"PatchLength must be 0 (the data's default) or divide the history length {profile.HistoryLength}.");
            profile = profile with { PatchLength = o.PatchLength };
        }
        var split = ManifestSplit.Split(ml, folder.Cases, folder.Manifest, 0.2, 0.25, seed: 1, out string rule);
        if (split.Test.Count == 0 || split.Validation.Count == 0)
            throw new InvalidOperationException("The report needs train, validation and test patients.");
        // Every window carries the labels of all three horizons (and a 15-min future), whichever are reported: the
        // windows of a one-horizon run are those of the full report, and the other horizons can serve as auxiliary labels.
        var horizons = new double[] { 5, 10, 15 };
        IDataView Windows(IReadOnlyList<SurgicalCase> cases, double stride) =>
            ml.Data.Cache(ml.IOHFuse().Data.CreateWindows(cases, profile.Windows(horizons, o.Horizons[0], stride)));
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
        var plots = o.Horizons.ToDictionary(h => h, _ => new PlotData());
        var scoredTests = new Dictionary<(int Horizon, string Method, int? Seed), ScoredWindows>();
        var paired = new List<PairedRow>();
        void Add(int horizon, string method, int? seed, ScoredWindows v, ScoredWindows t, TimeSpan time, string note = "")
        {
            if (seed is null || seed == o.Seeds[0])
            {
                if (!IsAblation(method))
                    plots[horizon].Curves.Add((method, t));
            }
            var m = evaluator.Evaluate(method, horizon, v, t);
            rows.Add((horizon, method, seed, m, time, note));
            scoredTests[(horizon, method, seed)] = t;
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
                (LinearPaths, BaselinePipelines.LinearHistoryPaths(ml, label), false),
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
                Add(horizon, GruMethod, seed, validationRows.Scored(gru.Score(validationRows.Histories), horizon), testRows.Scored(gru.Score(testRows.Histories), horizon),
                    gru.Duration, $"best epoch {gru.ValidationAurocs.ToList().IndexOf(gru.ValidationAurocs.Max()) + 1}");
            }

            // IOHFuseLM over every seed, then its ablations (one seed, the ablation horizons): each changes one thing.
            var variants = new List<(string Name, int[] Seeds, Action<IohFuseLMOptions> Configure, bool Augment)> { (FullModel, o.Seeds.ToArray(), _ => { }, false) };
            if (o.Ablations && o.AblationHorizons.Contains(horizon))
            {
                int first = o.Seeds[0];
                variants.Add(("IOHFuseLM without pretraining", [first], x => x.PretrainEpochs = 0, false));
                variants.Add((o.UnfreezeBackbone ? "IOHFuseLM, backbone frozen in stage 2" : "IOHFuseLM, backbone fine-tuned in stage 2", [first], x => x.UnfreezeBackbone = !o.UnfreezeBackbone, false));
                variants.Add(("IOHFuseLM with diffusion augmentation", [first], _ => { }, true));
                string[] otherLabels = horizons.Where(x => x != horizon).Select(x => $"Label{x}").ToArray();
                variants.Add((o.AuxiliaryHorizons ? "IOHFuseLM without auxiliary horizon labels" : "IOHFuseLM with auxiliary horizon labels", [first],
                    x => x.AuxiliaryLabelColumnNames = o.AuxiliaryHorizons ? [] : otherLabels, false));
                variants.Add((o.EarlierTimesWeight > 0 ? "IOHFuseLM without earlier prediction times" : "IOHFuseLM with earlier prediction times", [first],
                    x => x.EarlierPredictionTimesLossWeight = o.EarlierTimesWeight > 0 ? 0 : 1, false));
                variants.Add((o.PretrainOnFuture ? "IOHFuseLM, stage 1 on history only" : "IOHFuseLM, stage 1 also on history + future", [first],
                    x => { x.PretrainOnFuture = !o.PretrainOnFuture; x.PretrainEpochs = Math.Max(1, o.PretrainEpochs); }, false));
            }
            foreach (var (name, seeds, configure, augment) in variants)
            {
                foreach (int seed in seeds)
                {
                    var trainerOptions = new IohFuseLMOptions
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
                        BatchSize = o.BatchSize,
                        FineTuneLearningRate = o.FineTuneLearningRate,
                        FineTuneSchedule = o.FineTuneSchedule,
                        ForecastLoss = o.ForecastLoss,
                        HypotensionWeight = o.HypotensionWeight,
                        PositiveClassWeight = o.PositiveClassWeight,
                        ForecastLossWeight = o.ForecastLossWeight,
                        PretrainOnFuture = o.PretrainOnFuture,
                        EarlierPredictionTimesLossWeight = o.EarlierTimesWeight,
                        AuxiliaryLabelColumnNames = o.AuxiliaryHorizons ? horizons.Where(x => x != horizon).Select(x => $"Label{x}").ToArray() : [],
                        Seed = seed,
                        Progress = new LineProgress(p => log($"    {name} {p.Stage} epoch {p.Epoch}/{p.TotalEpochs}: loss {p.Loss:F4}" +
                            (p.ValidationAuroc is double a ? $", validation AUROC {a:F3}" : string.Empty) + $" ({p.Elapsed.TotalSeconds:F0} s)")),
                    };
                    configure(trainerOptions);
                    var clock = Stopwatch.StartNew();
                    var trainView = train;
                    string note = string.Empty;
                    if (augment)
                    {
                        // Synthetic hypotensive windows join stage 1 only (the trainer fine-tunes and validates on original rows).
                        using var augmenter = ml.IOHFuse().Data.DiffusionAugmentation(new DiffusionAugmentationOptions
                        {
                            Epochs = o.AugmentationEpochs, Seed = seed, LabelColumnName = label, SourceLabelColumnName = label, LabelHorizonMinutes = horizon,
                        }).Fit(train);
                        trainView = ml.Data.Cache(augmenter.Transform(train));
                        note = string.Create(CultureInfo.InvariantCulture, $"{Experiment.CountTrue(trainView, IohFuseColumns.IsSynthetic):N0} synthetic stage-1 rows; ");
                    }
                    using var model = ml.IOHFuse().Trainers.IohFuseLM(trainerOptions).Fit(trainView, validation);
                    var trainTime = clock.Elapsed; // augmentation (when any) + Fit; scoring below is not training
                    var s = model.TrainingSummary;
                    // Cached: the metrics and the plots read the scored test windows in separate passes.
                    var scoredTest = ml.Data.Cache(model.Transform(test));
                    var testScores = ScoredWindows.FromDataView(scoredTest, label, forecastColumnName: IohFuseColumns.Forecast, forecastSamples: forecastSamples);
                    Add(horizon, name, seed, ScoredWindows.FromDataView(model.Transform(validation), label), testScores,
                        trainTime, note + (s.BestEpoch == 0 ? "kept its current-MAP start" : $"best epoch {s.BestEpoch}") + (s.ForecastIsPersistence ? "; forecast reset to persistence" : string.Empty));
                    if (name == FullModel && seed == o.Seeds[0])
                        plots[horizon].Ours = TestOutputs.Read(scoredTest, label, forecastSamples);
                }
            }

            // IOHFuseLM (first seed) against the strongest competitors on the very same windows: a paired bootstrap
            // tells a small margin from zero where the methods' separate intervals overlap.
            if (scoredTests.TryGetValue((horizon, FullModel, o.Seeds[0]), out var ours))
            {
                foreach (var (method, competitorSeed) in PairedCompetitors.Select(c => (c, c == GruMethod ? o.Seeds[0] : (int?)null)))
                {
                    if (!scoredTests.TryGetValue((horizon, method, competitorSeed), out var theirs))
                        continue;
                    var comparison = evaluator.Compare(ours, theirs);
                    paired.Add(new PairedRow(horizon, method, comparison));
                    log($"  {horizon} min IOHFuseLM seed {o.Seeds[0]} minus {method}: AUROC {comparison.AurocDifference}, AUPRC {comparison.AuprcDifference}");
                }
            }
        }

        Directory.CreateDirectory(outDirectory);
        foreach (var (h, data) in plots)
        {
            Plots.RocPr(data.Curves, h, Path.Combine(outDirectory, $"roc-pr-{h}min.png"));
            if (data.Ours is { } ours)
            {
                Plots.Calibration(ours.Probability, ours.Labels, h, Path.Combine(outDirectory, $"calibration-{h}min.png"));
                var episodes = ours.Episodes(4).Select(i => ($"{ours.CaseIds[i]}: {h}-min forecast", ours.History[i], ours.Future[i], ours.Forecast[i])).ToList();
                if (episodes.Count > 0)
                    Plots.Forecasts(episodes, profile.SamplePeriodSeconds, ours.History[0].Length, Path.Combine(outDirectory, $"forecast-{h}min.png"));
            }
        }
        string path = Path.Combine(outDirectory, "report.md");
        File.WriteAllText(path, Markdown(o, folder, profile, rule, split, trainRows.Count, validationRows.Count, testRows, rows, paired, plots, total.Elapsed));
        return path;
    }

    private static string Markdown(RealDataReportOptions o, CaseFolder folder, DataProfile profile, string rule, CaseSplit split, int trainWindows,
        int validationWindows, WindowArrays test, List<(int Horizon, string Method, int? Seed, ForwardMetrics Metrics, TimeSpan Time, string Note)> rows,
        List<PairedRow> paired, Dictionary<int, PlotData> plots, TimeSpan total)
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
        md.AppendLine(string.Create(inv, $"- IOHFuseLM: series only, d={o.ModelDimension}, {o.NumberOfHeads} heads, {o.NumberOfLayers} layers, {o.PretrainEpochs} pretraining + up to {o.FineTuneEpochs} fine-tuning epochs (best on validation kept), batch {o.BatchSize}, stage-2 learning rate {o.FineTuneLearningRate:G3} ({o.FineTuneSchedule.ToString().ToLowerInvariant()} schedule), forecast loss {(o.ForecastLoss == ForecastLoss.AbsoluteError ? "absolute" : "squared")} error with hypotensive steps weighted {o.HypotensionWeight:G3}×, backbone {(o.UnfreezeBackbone ? "fine-tuned in stage 2" : "frozen in stage 2 except LayerNorms")}, positive-class weight {(o.PositiveClassWeight > 0 ? o.PositiveClassWeight.ToString("G3", inv) : "negatives/positives (capped at 20)")}, forecast-loss weight {o.ForecastLossWeight:G3}, {(o.AuxiliaryHorizons ? "the other horizons' labels as auxiliary tasks" : "no auxiliary labels")}, stage 1 on {(o.PretrainOnFuture ? "history and history + future" : "history only")}, {(o.EarlierTimesWeight > 0 ? $"the labels of the earlier patch ends inside each window trained beside the window's own (loss weight {o.EarlierTimesWeight:G3})" : "no labels of earlier prediction times")}. GRU: 2 layers × 64 units over the same history, {o.GruEpochs} epochs (best on validation kept). Hand-feature LR: MAP now, 5-min mean, 15-min slope, 15-min minimum, 15-min SD, (MAP − 75)². FastTree: all 15 MAP hand features."));
        md.AppendLine("- Forecast MAE: mean absolute error over the horizon; *Current MAP* row = persistence (last MAP held).").AppendLine();

        md.AppendLine("## AUROC on held-out patients").AppendLine();
        md.AppendLine("| method | " + string.Join(" | ", o.Horizons.Select(h => $"{h} min")) + " |").AppendLine("|---|" + string.Concat(o.Horizons.Select(_ => "---|")));
        foreach (string method in rows.Select(r => r.Method).Distinct())
            md.AppendLine($"| {method} | " + string.Join(" | ", o.Horizons.Select(h => Summary(rows.Where(r => r.Horizon == h && r.Method == method).ToList(), m => m.Auroc.Value))) + " |");
        md.AppendLine();
        md.AppendLine("## Verdict").AppendLine();
        foreach (int h in o.Horizons)
            md.AppendLine(Verdict(h, rows.Where(r => r.Horizon == h).ToList(), paired.Where(p => p.Horizon == h).ToList()));
        md.AppendLine();

        if (paired.Count > 0)
        {
            md.AppendLine("## Paired differences on the same windows").AppendLine();
            md.AppendLine(string.Create(inv, $"IOHFuseLM minus each method, both scored on the same held-out windows; 95 % intervals from {o.BootstrapReplicates} case-bootstrap replicates in which both are scored on the same resampled recordings (IOHFuseLM and the GRU: seed {o.Seeds[0]}). The seed columns give the point differences of every seed (GRU paired by seed). An interval wholly above zero is a margin these patients can tell from zero; one that straddles zero is a tie."));
            md.AppendLine().AppendLine("| horizon | versus | Δ AUROC (95 % CI) | Δ AUPRC (95 % CI) | Δ AUROC by seed | Δ AUPRC by seed |").AppendLine("|---:|---|---|---|---|---|");
            foreach (var p in paired)
            {
                string BySeed(Func<ForwardMetrics, double> value) => string.Join(" / ", o.Seeds.Select(seed =>
                {
                    var ours = rows.FirstOrDefault(r => r.Horizon == p.Horizon && r.Method == FullModel && r.Seed == seed);
                    var theirs = rows.FirstOrDefault(r => r.Horizon == p.Horizon && r.Method == p.Versus && (r.Seed is null || r.Seed == seed));
                    return ours.Method is null || theirs.Method is null ? "–" : (value(ours.Metrics) - value(theirs.Metrics)).ToString("+0.000;-0.000;+0.000", inv);
                }));
                md.AppendLine(string.Create(inv, $"| {p.Horizon} min | {p.Versus} | {Signed(p.Comparison.AurocDifference)} | {Signed(p.Comparison.AuprcDifference)} | {BySeed(m => m.Auroc.Value)} | {BySeed(m => m.Auprc.Value)} |"));
            }
            md.AppendLine();
        }

        var ablations = rows.Where(r => IsAblation(r.Method) || r.Method == LinearPaths).ToList();
        if (ablations.Count > 0)
        {
            md.AppendLine("## Ablations").AppendLine();
            md.AppendLine(string.Create(inv, $"Each row changes one thing of IOHFuseLM and is compared with IOHFuseLM seed {o.Seeds[0]} at the same horizon (the IOHFuseLM variants are trained with that seed). The linear-paths row is IOHFuseLM's linear history path alone: a logistic regression on the standardised {profile.HistoryLength}-sample history, no patch transformer."));
            md.AppendLine().AppendLine("| horizon | variant | AUROC | Δ AUROC | AUPRC | Δ AUPRC | forecast MAE | train time | note |").AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in ablations.OrderBy(r => r.Horizon))
            {
                var full = rows.First(x => x.Horizon == r.Horizon && x.Method == FullModel && x.Seed == o.Seeds[0]).Metrics;
                var m = r.Metrics;
                md.AppendLine(string.Create(inv, $"| {r.Horizon} min | {r.Method} | {m.Auroc.Value:F3} | {m.Auroc.Value - full.Auroc.Value:+0.000;-0.000;+0.000} | {m.Auprc.Value:F3} | {m.Auprc.Value - full.Auprc.Value:+0.000;-0.000;+0.000} | {(m.ForecastMaeMmHg is double e ? e.ToString("F2", inv) : "–")} | {r.Time.TotalSeconds:F0} s | {r.Note} |"));
            }
            md.AppendLine();
        }

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
            md.AppendLine($"![ROC and PR curves, {h} min](roc-pr-{h}min.png)").AppendLine();
            if (plots[h].Ours is not null)
            {
                md.AppendLine($"![Calibration of IOHFuseLM, {h} min](calibration-{h}min.png)").AppendLine();
                md.AppendLine(string.Create(inv, $"Forecast against actual MAP for held-out hypotensive episodes (IOHFuseLM seed {o.Seeds[0]}; per recording, the positive window whose actual future falls lowest, first four recordings by identifier):")).AppendLine();
                md.AppendLine($"![Forecast vs actual, {h} min](forecast-{h}min.png)").AppendLine();
            }
        }
        return md.ToString();
    }

    /// <summary>The methods IOHFuseLM is compared with window by window: the floor, the strongest ML.NET baseline and the recurrent net.</summary>
    private static readonly string[] PairedCompetitors = ["Current MAP", "FastTree on hand features", GruMethod];

    private const string GruMethod = "GRU (2 × 64)";

    /// <summary>"+0.004 (−0.001 to +0.009)".</summary>
    private static string Signed(MetricInterval m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Value:+0.000;-0.000;+0.000} ({m.Lower:+0.000;-0.000;+0.000} to {m.Upper:+0.000;-0.000;+0.000})");

    /// <summary>One paired comparison of IOHFuseLM with another method at one horizon.</summary>
    private sealed record PairedRow(int Horizon, string Versus, PairedComparison Comparison);

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
    private static string Verdict(int horizon, List<(int Horizon, string Method, int? Seed, ForwardMetrics Metrics, TimeSpan Time, string Note)> runs,
        List<PairedRow> paired)
    {
        var inv = CultureInfo.InvariantCulture;
        var means = runs.GroupBy(r => r.Method).ToDictionary(g => g.Key, g => (Auroc: g.Average(r => r.Metrics.Auroc.Value), Auprc: g.Average(r => r.Metrics.Auprc.Value)));
        if (!means.TryGetValue(FullModel, out var ours))
            return string.Empty;
        var best = means.Where(kv => kv.Key != FullModel && !IsAblation(kv.Key)).MaxBy(kv => kv.Value.Auroc);
        var current = means["Current MAP"];
        string Word(double d) => Math.Round(d, 3) > 0 ? "beats" : Math.Round(d, 3) < 0 ? "**loses to**" : "ties";
        double forecast = runs.Where(r => r.Method == FullModel).Average(r => r.Metrics.ForecastMaeMmHg ?? double.NaN);
        double persistence = runs.First(r => r.Method == "Current MAP").Metrics.ForecastMaeMmHg ?? double.NaN;
        return string.Create(inv,
            $"- **{horizon} min**: IOHFuseLM (mean AUROC {ours.Auroc:F3}, AUPRC {ours.Auprc:F3}) {Word(ours.Auroc - current.Auroc)} current MAP by {ours.Auroc - current.Auroc:+0.000;-0.000;+0.000} AUROC " +
            $"and {Word(ours.Auroc - best.Value.Auroc)} the best other method, {best.Key} ({best.Value.Auroc:F3}), by {ours.Auroc - best.Value.Auroc:+0.000;-0.000;+0.000} AUROC " +
            $"({ours.Auprc - best.Value.Auprc:+0.000;-0.000;+0.000} AUPRC){PairedNote(paired.FirstOrDefault(p => p.Versus == best.Key))}. Forecast MAE {forecast:F2} vs persistence {persistence:F2} mmHg ({(forecast < persistence ? "better" : "**not better**")}).");
    }

    /// <summary>", paired 95 % CI of the AUROC margin … (measurable | a tie)" for the verdict, or nothing without a pairing.</summary>
    private static string PairedNote(PairedRow? p)
    {
        if (p is null)
            return string.Empty;
        string Reading(MetricInterval m) => m.Lower > 0 ? "measurable" : m.Upper < 0 ? "a measurable loss" : "a tie on these patients";
        return string.Create(CultureInfo.InvariantCulture,
            $"; paired 95 % CI (seed 1) of the AUROC margin {Signed(p.Comparison.AurocDifference)}: {Reading(p.Comparison.AurocDifference)}, of the AUPRC margin {Signed(p.Comparison.AuprcDifference)}: {Reading(p.Comparison.AuprcDifference)}");
    }

    /// <summary>IOHFuseLM variants that change one thing (and the linear-paths model) are ablations, not competitors.</summary>
    private static bool IsAblation(string method) => method != FullModel && method.StartsWith(FullModel, StringComparison.Ordinal);

    /// <summary>What one horizon's plots need: each method's test scores (first seed) and IOHFuseLM's outputs.</summary>
    private sealed class PlotData
    {
        public List<(string Method, ScoredWindows Scores)> Curves { get; } = [];

        public TestOutputs? Ours { get; set; }
    }

    private sealed class LineProgress(Action<IohFuseLMProgress> handler) : IProgress<IohFuseLMProgress>
    {
        public void Report(IohFuseLMProgress value) => handler(value);
    }
}
