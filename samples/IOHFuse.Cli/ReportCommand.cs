using System.CommandLine;
using IOHFuse.Experiments;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.Cli;

/// <summary>`iohfuse report`: IOHFuseLM against every baseline on a folder of real recordings, by patient, over seeds.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var defaults = new RealDataReportOptions();
        var data = new Option<string>("--data") { Description = "Folder of recordings (manifest.csv beside or above it gives patients and the split).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Report folder.", DefaultValueFactory = _ => "report-real" };
        var horizons = new Option<string>("--horizons") { Description = "Comma-separated horizons in minutes.", DefaultValueFactory = _ => string.Join(",", defaults.Horizons) };
        var seeds = new Option<int>("--seeds") { Description = "Training seeds of IOHFuseLM and the GRU (1..N).", DefaultValueFactory = _ => defaults.Seeds.Count };
        var finetune = new Option<int>("--finetune-epochs") { Description = "IOHFuseLM stage-2 epochs.", DefaultValueFactory = _ => defaults.FineTuneEpochs };
        var pretrain = new Option<int>("--pretrain-epochs") { Description = "IOHFuseLM stage-1 epochs.", DefaultValueFactory = _ => defaults.PretrainEpochs };
        var gru = new Option<int>("--gru-epochs") { Description = "GRU baseline epochs.", DefaultValueFactory = _ => defaults.GruEpochs };
        var stride = new Option<double>("--train-stride") { Description = "Seconds between training windows.", DefaultValueFactory = _ => defaults.TrainStrideSeconds };
        var dimension = new Option<int>("--dimension") { Description = "IOHFuseLM width.", DefaultValueFactory = _ => defaults.ModelDimension };
        var patch = new Option<int>("--patch") { Description = "IOHFuseLM history samples per patch (0 = the data's default: 4 at a 60-s period).", DefaultValueFactory = _ => defaults.PatchLength };
        var layers = new Option<int>("--layers") { Description = "IOHFuseLM transformer layers.", DefaultValueFactory = _ => defaults.NumberOfLayers };
        var batch = new Option<int>("--batch-size") { Description = "IOHFuseLM mini-batch size.", DefaultValueFactory = _ => defaults.BatchSize };
        var rate = new Option<double>("--learning-rate") { Description = "IOHFuseLM stage-2 learning rate.", DefaultValueFactory = _ => defaults.FineTuneLearningRate };
        var schedule = new Option<LearningRateSchedule>("--schedule") { Description = "IOHFuseLM stage-2 learning-rate schedule (Constant or Cosine).", DefaultValueFactory = _ => defaults.FineTuneSchedule };
        var forecastLoss = new Option<ForecastLoss>("--forecast-loss") { Description = "IOHFuseLM forecast loss (SquaredError or AbsoluteError).", DefaultValueFactory = _ => defaults.ForecastLoss };
        var hypotension = new Option<double>("--hypotension-weight") { Description = "IOHFuseLM forecast-loss weight of target steps < 65 mmHg (1 = plain MSE).", DefaultValueFactory = _ => defaults.HypotensionWeight };
        var positiveWeight = new Option<double>("--positive-weight") { Description = "IOHFuseLM cross-entropy weight of positive windows (0 = negatives/positives, capped at 20).", DefaultValueFactory = _ => defaults.PositiveClassWeight };
        var forecastWeight = new Option<double>("--forecast-weight") { Description = "IOHFuseLM weight of the forecast loss beside the cross-entropy (0 = classification only).", DefaultValueFactory = _ => defaults.ForecastLossWeight };
        var auxiliary = new Option<bool>("--auxiliary-horizons") { Description = "Train IOHFuseLM with the other horizons' labels as auxiliary tasks." };
        var pretrainFuture = new Option<bool>("--pretrain-on-future") { Description = "IOHFuseLM stage 1 also reconstructs windows moved forward to the horizon (history + future)." };
        var earlier = new Option<double>("--earlier-times") { Description = "IOHFuseLM loss weight of the labels of earlier prediction times inside each window (0 = off).", DefaultValueFactory = _ => defaults.EarlierTimesWeight };
        var freeze = new Option<bool>("--freeze-backbone") { Description = "Freeze IOHFuseLM's transformer blocks in stage 2 (default: they train)." };
        var noBaselines = new Option<bool>("--no-baselines") { Description = "Skip the ML.NET baselines except current MAP." };
        var noAblations = new Option<bool>("--no-ablations") { Description = "Skip IOHFuseLM's ablations (without pretraining, other backbone setting, with augmentation)." };
        var noGru = new Option<bool>("--no-gru") { Description = "Skip the GRU baseline." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Case-bootstrap replicates.", DefaultValueFactory = _ => defaults.BootstrapReplicates };
        var command = new Command("report", "Train and evaluate IOHFuseLM, a GRU and the ML.NET baselines on real recordings (split by patient, several seeds); writes report.md.");
        foreach (var o in new Option[] { data, outDir, horizons, seeds, finetune, pretrain, gru, stride, dimension, patch, layers, batch, rate, schedule, forecastLoss, hypotension, positiveWeight, forecastWeight, auxiliary, pretrainFuture, earlier, freeze, noBaselines, noAblations, noGru, bootstrap })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(data)!;
            if (!Directory.Exists(directory))
                throw new CliError($"Data folder '{directory}' does not exist.");
            int[] h;
            try
            {
                h = parse.GetValue(horizons)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            }
            catch (FormatException)
            {
                throw new CliError($"--horizons must list whole minutes, e.g. 5,10,15 (got '{parse.GetValue(horizons)}').");
            }
            foreach (int x in h)
                CliApp.RequireHorizon(x);
            int n = parse.GetValue(seeds);
            if (n < 1)
                throw new CliError($"--seeds must be at least 1 (got {n}).");
            var options = new RealDataReportOptions
            {
                Horizons = h,
                Seeds = Enumerable.Range(1, n).ToArray(),
                FineTuneEpochs = parse.GetValue(finetune),
                PretrainEpochs = parse.GetValue(pretrain),
                GruEpochs = parse.GetValue(gru),
                TrainStrideSeconds = parse.GetValue(stride),
                BootstrapReplicates = parse.GetValue(bootstrap),
                UnfreezeBackbone = !parse.GetValue(freeze),
                ModelDimension = parse.GetValue(dimension),
                NumberOfLayers = parse.GetValue(layers),
                PatchLength = parse.GetValue(patch),
                BatchSize = parse.GetValue(batch),
                FineTuneLearningRate = parse.GetValue(rate),
                FineTuneSchedule = parse.GetValue(schedule),
                ForecastLoss = parse.GetValue(forecastLoss),
                HypotensionWeight = parse.GetValue(hypotension),
                PositiveClassWeight = parse.GetValue(positiveWeight),
                ForecastLossWeight = parse.GetValue(forecastWeight),
                AuxiliaryHorizons = parse.GetValue(auxiliary),
                PretrainOnFuture = parse.GetValue(pretrainFuture),
                EarlierTimesWeight = parse.GetValue(earlier),
                IncludeBaselines = !parse.GetValue(noBaselines),
                IncludeGru = !parse.GetValue(noGru),
                Ablations = !parse.GetValue(noAblations),
            };
            string path = RealDataReport.Run(new MLContext(1), directory, parse.GetValue(outDir)!, options, line => { output.WriteLine(line); output.Flush(); });
            output.WriteLine($"Report: {path}");
            return 0;
        });
        return command;
    }
}
