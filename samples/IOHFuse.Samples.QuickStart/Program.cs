using System.Diagnostics;
using System.Globalization;
using IOHFuse.Experiments;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;
using IOHFuse.Samples.QuickStart;
using Microsoft.ML;
using Microsoft.ML.Data;
using Spectre.Console;

// The main job: synthetic cohort → case split → clinical text → diffusion augmentation → two-stage IOHFuseLM
// training → forward evaluation against baselines → save model.zip → load it back → PredictionEngine on test windows.
// Usage: dotnet run -c Release --project samples/IOHFuse.Samples.QuickStart [-- --out report --cases 120 --full]
var options = new ExperimentOptions();
string outDir = "report";
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
        case "--cases" when i + 1 < args.Length && int.TryParse(args[i + 1], out int n) && n >= 20: options.NumberOfCases = n; i++; break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], out int s): options.Seed = s; i++; break;
        case "--full":
            // The complete report: all horizons and the ablations (about 4× longer).
            options.Horizons = new[] { 5, 10, 15 };
            options.Ablations = true;
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Options: --out DIR, --cases N (≥ 20), --seed N, --full.");
            return 2;
    }
}

var ml = new MLContext(seed: options.Seed);
var clock = Stopwatch.StartNew();
AnsiConsole.MarkupLine("[bold]IOHFuse.MLNet quick start[/]: forecasting intraoperative hypotension on the embedded synthetic cohort");
ExperimentResult result = null!;
AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .Start(ctx => result = new Experiment(ml, options, new SpectreProgress(ctx)).Run());

// Evaluation table.
Directory.CreateDirectory(outDir);
string reportPath = ReportWriter.Write(result, outDir);
foreach (int horizon in options.Horizons)
{
    var table = new Table().Title($"Held-out cases, {horizon}-minute horizon").AddColumns("method", "AUROC (95% CI)", "AUPRC (95% CI)", "sens", "spec", "alarms/h", "MAE mmHg");
    foreach (var m in result.Metrics.Where(m => m.HorizonMinutes == horizon))
        table.AddRow(Markup.Escape(m.Method), m.Auroc.ToString(), m.Auprc.ToString(), m.Sensitivity.ToString("F2", CultureInfo.InvariantCulture),
            m.Specificity.ToString("F2", CultureInfo.InvariantCulture), m.AlarmsPerHour.ToString("F2", CultureInfo.InvariantCulture),
            m.ForecastMaeMmHg?.ToString("F2", CultureInfo.InvariantCulture) ?? "–");
    AnsiConsole.Write(table);
}

// Save → load (fresh MLContext) → PredictionEngine, as a bedside app would.
string modelPath = Path.Combine(outDir, "model.zip");
ml.Model.Save(result.PrimaryModel!, result.InputSchema!, modelPath);
var appContext = new MLContext();
var loaded = appContext.Model.Load(modelPath, out _);
var engine = appContext.Model.CreatePredictionEngine<IohWindow, IohPrediction>(loaded);
var windows = ml.Data.CreateEnumerable<IohWindow>(result.TestWindows!, reuseRowObject: false)
    .Where((_, i) => i % 97 == 0).Take(8).ToList();
var predictions = new Table().Title($"PredictionEngine over the reloaded model.zip ({new FileInfo(modelPath).Length / 1024.0 / 1024.0:F1} MB), {result.PrimaryHorizon}-min horizon")
    .AddColumns("case", "t (min)", "MAP now", "P(IOH)", "alarm", "forecast min (mmHg)", "actual IOH");
foreach (var w in windows)
{
    var p = engine.Predict(w);
    predictions.AddRow(w.CaseId, (w.Time / 60).ToString("F0", CultureInfo.InvariantCulture), w.History[^1].ToString("F0", CultureInfo.InvariantCulture),
        p.Probability.ToString("F3", CultureInfo.InvariantCulture), p.PredictedLabel ? "[red]yes[/]" : "no",
        p.Forecast.Take(result.PrimaryHorizon * 20).Min().ToString("F0", CultureInfo.InvariantCulture), w.Label ? "yes" : "no");
}
AnsiConsole.Write(predictions);
AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(reportPath)}[/]  model: {Markup.Escape(modelPath)}  total {clock.Elapsed.TotalMinutes:F1} min");
return 0;

/// <summary>What the app reads back from PredictionEngine.</summary>
internal sealed class IohPrediction
{
    public float Score { get; set; }
    public float Probability { get; set; }
    public bool PredictedLabel { get; set; }

    [VectorType]
    public float[] Forecast { get; set; } = Array.Empty<float>();
}
