using System.CommandLine;
using System.Diagnostics;
using IOHFuse.Experiments;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Text;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.Cli;

/// <summary>`iohfuse train`: featurizer (+ augmentation) + IOHFuseLM, saved as one model.zip.</summary>
internal static class TrainCommand
{
    /// <summary>The real-data recipe: the report's defaults.</summary>
    private static RealDataReportOptions Recipe => new();

    public static Command Create(TextWriter output)
    {
        var data = new DataOptions();
        var period = new Option<double?>("--period") { Description = "Model sample period in seconds, 1–60 (default: from the recordings' median sample interval; 3 for the synthetic cohort)." };
        var history = new Option<double?>("--history") { Description = "History in minutes (default: 15 at periods below 20 s, 60 at 20 s and above)." };
        var text = new Option<string>("--text") { Description = "auto (use the clinical text when any case has attributes), on or off.", DefaultValueFactory = _ => "auto" };
        var dimension = new Option<int>("--dimension") { Description = "Model width.", DefaultValueFactory = _ => 64 };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => 4 };
        var layers = new Option<int>("--layers") { Description = "Transformer layers.", DefaultValueFactory = _ => 2 };
        var pretrain = new Option<int>("--pretrain-epochs") { Description = "Stage-1 (masked-patch) epochs.", DefaultValueFactory = _ => 1 };
        var finetune = new Option<int?>("--finetune-epochs") { Description = $"Stage-2 epochs (default: {Recipe.FineTuneEpochs} with --data, as in the real-data report; 3 on the synthetic cohort)." };
        var augment = new Option<int?>("--augment-epochs") { Description = "Diffusion augmenter epochs; 0 disables augmentation (default: 30 on the synthetic cohort, 0 with --data: real recordings bring their own events)." };
        var stride = new Option<double?>("--stride") { Description = $"Training window stride in seconds (default: {Recipe.TrainStrideSeconds} with --data, 120 on the synthetic cohort)." };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads (0 = default).", DefaultValueFactory = _ => 0 };
        var output_ = new Option<string>("--out") { Description = "Output model file.", DefaultValueFactory = _ => "model.zip" };

        var command = new Command("train", "Train IOHFuseLM on the synthetic cohort or on your recordings and save model.zip.");
        data.AddTo(command);
        foreach (var o in new Option[] { period, history, text, dimension, heads, layers, pretrain, finetune, augment, stride, device, threads, output_ })
            command.Options.Add(o);

        command.SetAction(parse =>
        {
            int horizon = CliApp.RequireHorizon(parse.GetValue(data.Horizon));
            int seed = parse.GetValue(data.Seed);
            var computeDevice = CliApp.ParseDevice(parse.GetValue(device)!);
            bool? useText = CliApp.ParseSwitch(parse.GetValue(text)!, "--text");
            double? requestedPeriod = parse.GetValue(period);
            if (requestedPeriod is double rp && !(rp >= 1 && rp <= 60))
                throw new CliError($"--period must be between 1 and 60 seconds (got {rp}).");
            // Augmentation exists for scarce events; real folders such as real-icu-map are rich in them and large, so the
            // augmenter's cost buys nothing by default there.
            int augmentEpochs = parse.GetValue(augment) ?? (parse.GetValue(data.Data) is null ? 30 : 0);
            if (augmentEpochs < 0)
                throw new CliError($"--augment-epochs must be 0 or more (got {augmentEpochs}).");
            var ml = new MLContext(seed);
            var clock = Stopwatch.StartNew();
            var loaded = CaseSource.Load(ml, parse.GetValue(data.Data), parse.GetValue(data.Clinical), parse.GetValue(data.Cases), seed, requestedPeriod,
                data.FileOptions(parse), output);
            var profile = CliApp.Profile(loaded, requestedPeriod, parse.GetValue(history), useText);
            var split = ManifestSplit.Split(ml, loaded.Cases, loaded.Manifest, validationFraction: 0.2, testFraction: 0, seed, out string rule);
            if (split.Train.Count == 0 || split.Validation.Count == 0)
                throw new CliError($"Training needs recordings of at least two patients (train and validation are split by patient); got {loaded.Cases.Count} recording(s).");
            double[] horizons = [horizon];
            // Real folders train with the recipe docs/reports/real-icu judged (strides, batch, learning rate and schedule,
            // forecast loss); the synthetic cohort keeps the library's defaults.
            bool real = parse.GetValue(data.Data) is not null;
            var trainWindows = ml.IOHFuse().Data.CreateWindows(split.Train, profile.Windows(horizons, horizon, parse.GetValue(stride) ?? (real ? Recipe.TrainStrideSeconds : 120)));
            var validationWindows = ml.IOHFuse().Data.CreateWindows(split.Validation, profile.Windows(horizons, horizon, real ? Recipe.ValidationStrideSeconds : 60));
            output.WriteLine($"Model: {profile}.");
            output.WriteLine($"Split: {rule}. Cases: {split.Train.Count} train, {split.Validation.Count} validation{(split.Test.Count > 0 ? $" ({split.Test.Count} test recordings left out)" : string.Empty)}. " +
                $"Windows: {trainWindows.Statistics.Windows} train, {validationWindows.Statistics.Windows} validation.");
            if (trainWindows.Statistics.Windows == 0 || validationWindows.Statistics.Windows == 0)
                throw new CliError($"No {(trainWindows.Statistics.Windows == 0 ? "training" : "validation")} windows: every candidate was dropped ({CliApp.DropSummary(trainWindows.Statistics.Windows == 0 ? trainWindows.Statistics : validationWindows.Statistics)}).");

            ClinicalTextTransformer? featurizer = profile.UseText ? ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(trainWindows) : null;
            IDataView train = ml.Data.Cache(featurizer?.Transform(trainWindows) ?? trainWindows);
            var validation = ml.Data.Cache(featurizer?.Transform(validationWindows) ?? validationWindows);
            if (augmentEpochs > 0)
            {
                output.WriteLine($"Diffusion augmentation ({augmentEpochs} epochs)...");
                using var augmenter = ml.IOHFuse().Data.DiffusionAugmentation(new DiffusionAugmentationOptions
                {
                    Epochs = augmentEpochs, Seed = seed, Device = computeDevice, Threads = parse.GetValue(threads),
                    LabelColumnName = $"Label{horizon}", SourceLabelColumnName = $"Label{horizon}", LabelHorizonMinutes = horizon,
                }).Fit(train);
                train = ml.Data.Cache(augmenter.Transform(train));
            }

            string label = $"Label{horizon}";
            var trainerOptions = new IohFuseLMOptions
            {
                LabelColumnName = label,
                UseText = profile.UseText,
                PatchLength = profile.PatchLength,
                ModelDimension = parse.GetValue(dimension),
                NumberOfHeads = parse.GetValue(heads),
                NumberOfLayers = parse.GetValue(layers),
                PretrainEpochs = parse.GetValue(pretrain),
                FineTuneEpochs = parse.GetValue(finetune) ?? (real ? Recipe.FineTuneEpochs : 3),
                Seed = seed,
                Device = computeDevice,
                Threads = parse.GetValue(threads),
                Progress = new LineProgress(output),
            };
            if (real)
            {
                trainerOptions.BatchSize = Recipe.BatchSize;
                trainerOptions.FineTuneLearningRate = Recipe.FineTuneLearningRate;
                trainerOptions.FineTuneSchedule = Recipe.FineTuneSchedule;
                trainerOptions.ForecastLoss = Recipe.ForecastLoss;
                trainerOptions.HypotensionWeight = Recipe.HypotensionWeight;
                trainerOptions.UnfreezeBackbone = Recipe.UnfreezeBackbone;
                // The earlier times' labels need a series-only model (text tokens see every patch); the horizon comes
                // from the windows' label annotation.
                if (!profile.UseText)
                    trainerOptions.EarlierPredictionTimesLossWeight = Recipe.EarlierTimesWeight;
            }
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"IOHFuseLM: d={trainerOptions.ModelDimension}, {trainerOptions.NumberOfLayers} layers, {trainerOptions.PretrainEpochs} + {trainerOptions.FineTuneEpochs} epochs, batch {trainerOptions.BatchSize}, " +
                $"learning rate {trainerOptions.FineTuneLearningRate:G3} ({trainerOptions.FineTuneSchedule.ToString().ToLowerInvariant()}), forecast loss {trainerOptions.ForecastLoss}{(trainerOptions.EarlierPredictionTimesLossWeight > 0 ? ", labels of earlier prediction times" : string.Empty)}{(real ? " (the real-data report's recipe)" : string.Empty)}."));
            var model = ml.IOHFuse().Trainers.IohFuseLM(trainerOptions).Fit(train, validation);

            string path = parse.GetValue(output_)!;
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            ITransformer chain = featurizer is null ? model : featurizer.Append<ITransformer>(model);
            ml.Model.Save(chain, trainWindows.Schema, path);
            var summary = model.TrainingSummary;
            // Epoch 0 is the untrained IOH head (the current-MAP rule): say so rather than print a bare 0.
            string kept = summary.BestEpoch == 0 ? "kept the current-MAP start: no epoch beat it on validation" : $"best epoch {summary.BestEpoch}";
            output.WriteLine($"Saved {path} ({label}, {kept}, validation AUROC {summary.ValidationAurocs.DefaultIfEmpty(double.NaN).Max():F3}) in {clock.Elapsed.TotalSeconds:F0} s.");
            output.WriteLine($"  {model.Info}");
            model.Dispose();
            return 0;
        });
        return command;
    }

    private sealed class LineProgress(TextWriter output) : IProgress<IohFuseLMProgress>
    {
        public void Report(IohFuseLMProgress p) => output.WriteLine(
            $"  {p.Stage} epoch {p.Epoch}/{p.TotalEpochs}: loss {p.Loss:F4}{(p.ValidationAuroc is double a ? $", validation AUROC {a:F3}" : string.Empty)} ({p.Elapsed.TotalSeconds:F0} s)");
    }
}
