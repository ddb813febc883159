using System.Diagnostics;
using System.Globalization;
using IOHFuse.Experiments;
using IOHFuse.MLNet;
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
// A terminal gets live bars; a file or a CI log gets one plain line per stage, epoch and loss (bars redrawn into a
// file repeat themselves and hide the numbers).
bool terminal = !Console.IsOutputRedirected;
AnsiConsole.MarkupLine("[bold]IOHFuse.MLNet quick start[/]: forecasting intraoperative hypotension on the embedded synthetic cohort");
ExperimentResult result = null!;
if (terminal)
{
    AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
        .Start(ctx => result = new Experiment(ml, options, new SpectreProgress(ctx)).Run());
}
else
{
    result = new Experiment(ml, options, new PlainProgress(Console.Out)).Run();
}

// Evaluation table, readable at 80 columns: each 95 % CI on the line under its value.
Directory.CreateDirectory(outDir);
string reportPath = ReportWriter.Write(result, outDir);
foreach (int horizon in options.Horizons)
{
    var table = new Table().Border(TableBorder.Simple).Title($"Held-out cases, {horizon}-minute horizon (95 % CI below each value)")
        .AddColumn("method", c => c.Width(22)).AddColumns("AUROC", "AUPRC", "sens", "spec", "alarms/h", "MAE mmHg");
    foreach (var m in result.Metrics.Where(m => m.HorizonMinutes == horizon))
        table.AddRow(Markup.Escape(m.Method), TwoLines(m.Auroc), TwoLines(m.Auprc), m.Sensitivity.ToString("F2", CultureInfo.InvariantCulture),
            m.Specificity.ToString("F2", CultureInfo.InvariantCulture), m.AlarmsPerHour.ToString("F1", CultureInfo.InvariantCulture),
            m.ForecastMaeMmHg?.ToString("F2", CultureInfo.InvariantCulture) ?? "–");
    AnsiConsole.Write(table);
}

// Save → load (fresh MLContext) → PredictionEngine, as a bedside app would, on a held-out case around a real IOH event.
string modelPath = Path.Combine(outDir, "model.zip");
ml.Model.Save(result.PrimaryModel!, result.InputSchema!, modelPath);
var appContext = new MLContext();
var loaded = appContext.IOHFuse().LoadModel(modelPath, out _);
var info = appContext.IOHFuse().GetModelInfo(loaded);
var engine = appContext.Model.CreatePredictionEngine<IohWindow, IohPrediction>(loaded);
var testWindows = ml.Data.CreateEnumerable<IohWindow>(result.TestWindows!, reuseRowObject: false).ToList();
var demo = AlarmDemo.Find(testWindows, engine, info);
AnsiConsole.Write(demo.Table($"PredictionEngine over the reloaded model.zip ({new FileInfo(modelPath).Length / 1024.0 / 1024.0:F1} MB), {info.HorizonMinutes:0}-min horizon"));
AnsiConsole.MarkupLine(Markup.Escape(demo.Summary));
AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(reportPath)}[/]  model: {Markup.Escape(modelPath)}  total {clock.Elapsed.TotalMinutes:F1} min");
return 0;

static string TwoLines(IOHFuse.MLNet.Evaluation.MetricInterval m) =>
    string.Create(CultureInfo.InvariantCulture, $"{m.Value:F3}\n[grey]{m.Lower:F3}–{m.Upper:F3}[/]");

/// <summary>What the app reads back from PredictionEngine.</summary>
internal sealed class IohPrediction
{
    public float Score { get; set; }
    public float Probability { get; set; }
    public bool PredictedLabel { get; set; }

    [VectorType]
    public float[] Forecast { get; set; } = Array.Empty<float>();
}
