using System.CommandLine;
using System.Text;
using IOHFuse.Experiments;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using Microsoft.ML;

namespace IOHFuse.Cli;

/// <summary>`iohfuse evaluate`: forward evaluation of a saved model against current MAP on the same windows.</summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output)
    {
        var data = new DataOptions();
        var model = new Option<string>("--model") { Description = "model.zip to evaluate.", DefaultValueFactory = _ => "model.zip" };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Share of patients used only to fix the alarm threshold when the data has no fixed split; the rest are reported.", DefaultValueFactory = _ => 0.3 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Case-bootstrap replicates for the 95 % CIs.", DefaultValueFactory = _ => 200 };
        var outDir = new Option<string>("--out") { Description = "Report folder.", DefaultValueFactory = _ => "evaluation" };
        var command = new Command("evaluate", "Evaluate a model.zip on held-out cases against the current-MAP baseline; writes report.md.");
        data.AddTo(command);
        command.Options.Add(model);
        command.Options.Add(validationFraction);
        command.Options.Add(bootstrap);
        command.Options.Add(outDir);

        command.SetAction(parse =>
        {
            double fraction = parse.GetValue(validationFraction);
            if (fraction is <= 0 or >= 1)
                throw new CliError($"--validation-fraction must be in (0, 1) (got {fraction}).");
            int seed = parse.GetValue(data.Seed);
            var ml = new MLContext(seed);
            string modelPath = parse.GetValue(model)!;
            var loaded = ModelFile.Load(ml, modelPath);
            var info = ml.IOHFuse().GetModelInfo(loaded);
            int horizon = parse.GetResult(data.Horizon) is { Implicit: false } || !double.IsFinite(info.HorizonMinutes)
                ? CliApp.RequireHorizon(parse.GetValue(data.Horizon)) : CliApp.RequireHorizon((int)Math.Round(info.HorizonMinutes));
            var source = CaseSource.Load(ml, parse.GetValue(data.Data), parse.GetValue(data.Clinical), parse.GetValue(data.Cases), seed + 1000,
                info.SamplePeriodSeconds, data.FileOptions(parse), output);
            // With a fixed split: the validation recordings fix the threshold and the test recordings are reported.
            // Without one: a share of patients fixes the threshold and the rest are reported.
            var split = ManifestSplit.Split(ml, source.Cases, source.Manifest, fraction, 0, seed, out string rule);
            var reported = split.Test.Count > 0 ? split.Test : split.Train;
            var windows = new WindowOptions
            {
                SamplePeriodSeconds = info.SamplePeriodSeconds,
                HistoryMinutes = info.HistoryMinutes,
                HorizonsMinutes = [horizon],
                PrimaryHorizonMinutes = horizon,
                StrideSeconds = Math.Max(info.SamplePeriodSeconds, 60),
            };
            var validation = ml.IOHFuse().Data.CreateWindows(split.Validation, windows);
            var test = ml.IOHFuse().Data.CreateWindows(reported, windows);
            ModelFile.RequireIohFuseOutputs(loaded, test.Schema, modelPath);

            string label = $"Label{horizon}";
            var evaluator = new ForwardEvaluator(ml, new ForwardEvaluationOptions { BootstrapReplicates = parse.GetValue(bootstrap), Seed = seed, StrideSeconds = windows.StrideSeconds });
            var baseline = ml.IOHFuse().Transforms.CurrentMapBaseline().Fit(test);
            int forecastSamples = (int)Math.Round(horizon * 60 / info.SamplePeriodSeconds);
            var rows = new List<ForwardMetrics>
            {
                evaluator.Evaluate("Current MAP", horizon, ScoredWindows.FromDataView(baseline.Transform(validation), label), ScoredWindows.FromDataView(baseline.Transform(test), label)),
                evaluator.Evaluate("IOHFuseLM", horizon, ScoredWindows.FromDataView(loaded.Transform(validation), label),
                    ScoredWindows.FromDataView(loaded.Transform(test), label, forecastColumnName: IohFuseColumns.Forecast, forecastSamples: forecastSamples)),
            };
            string table = ReportWriter.MainTable(rows);
            string directory = parse.GetValue(outDir)!;
            Directory.CreateDirectory(directory);
            var md = new StringBuilder()
                .AppendLine($"# Evaluation of {Path.GetFileName(modelPath)}, {horizon}-minute horizon").AppendLine()
                .AppendLine($"Model: {info}. Split: {rule}; {split.Validation.Count} recordings fix the alarm threshold (80 % sensitivity), {reported.Count} are reported. " +
                            $"Windows: {info.HistoryMinutes:0.#} min MAP history at {info.SamplePeriodSeconds:0.##} s, stride {windows.StrideSeconds:0} s, no IOH event in progress at t. 95 % CIs resample cases.").AppendLine()
                .AppendLine(table);
            string reportPath = Path.Combine(directory, "report.md");
            File.WriteAllText(reportPath, md.ToString());
            output.WriteLine(ReportWriter.TextTable(rows));
            output.WriteLine($"Report: {reportPath}");
            return 0;
        });
        return command;
    }
}
