using System.CommandLine;
using System.Diagnostics;
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
    public static Command Create(TextWriter output)
    {
        var data = new DataOptions();
        var dimension = new Option<int>("--dimension") { Description = "Model width.", DefaultValueFactory = _ => 64 };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => 4 };
        var layers = new Option<int>("--layers") { Description = "Transformer layers.", DefaultValueFactory = _ => 2 };
        var pretrain = new Option<int>("--pretrain-epochs") { Description = "Stage-1 (masked-patch) epochs.", DefaultValueFactory = _ => 1 };
        var finetune = new Option<int>("--finetune-epochs") { Description = "Stage-2 epochs.", DefaultValueFactory = _ => 3 };
        var noText = new Option<bool>("--no-text") { Description = "Train the series-only model (no clinical text)." };
        var augment = new Option<int>("--augment-epochs") { Description = "Diffusion augmenter epochs; 0 disables augmentation.", DefaultValueFactory = _ => 30 };
        var stride = new Option<double>("--stride") { Description = "Training window stride in seconds.", DefaultValueFactory = _ => 120 };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads (0 = default).", DefaultValueFactory = _ => 0 };
        var output_ = new Option<string>("--out") { Description = "Output model file.", DefaultValueFactory = _ => "model.zip" };

        var command = new Command("train", "Train IOHFuseLM on the synthetic cohort or on your case files and save model.zip.");
        data.AddTo(command);
        foreach (var o in new Option[] { dimension, heads, layers, pretrain, finetune, noText, augment, stride, device, threads, output_ })
            command.Options.Add(o);

        command.SetAction(parse =>
        {
            int horizon = CliApp.RequireHorizon(parse.GetValue(data.Horizon));
            int seed = parse.GetValue(data.Seed);
            var computeDevice = CliApp.ParseDevice(parse.GetValue(device)!);
            var ml = new MLContext(seed);
            var clock = Stopwatch.StartNew();
            var cases = CaseSource.Load(ml, parse.GetValue(data.Data), parse.GetValue(data.Clinical), parse.GetValue(data.Cases), seed, output);
            if (cases.Count < 4)
                throw new CliError($"Training needs at least 4 cases (train and validation are split by case); got {cases.Count}.");
            var split = ml.IOHFuse().Data.SplitByCase(cases, validationFraction: 0.2, testFraction: 0, seed: seed);
            var trainWindows = ml.IOHFuse().Data.CreateWindows(split.Train, new WindowOptions { StrideSeconds = parse.GetValue(stride) });
            var validationWindows = ml.IOHFuse().Data.CreateWindows(split.Validation, new WindowOptions { StrideSeconds = 60 });
            output.WriteLine($"Cases: {split.Train.Count} train, {split.Validation.Count} validation. Windows: {trainWindows.Statistics.Windows} train, {validationWindows.Statistics.Windows} validation.");

            var text = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(trainWindows);
            IDataView train = ml.Data.Cache(text.Transform(trainWindows));
            var validation = ml.Data.Cache(text.Transform(validationWindows));
            int augmentEpochs = parse.GetValue(augment);
            if (augmentEpochs > 0)
            {
                output.WriteLine($"Diffusion augmentation ({augmentEpochs} epochs)...");
                using var augmenter = ml.IOHFuse().Transforms.DiffusionAugmentation(new DiffusionAugmentationOptions
                {
                    Epochs = augmentEpochs, Seed = seed, Device = computeDevice, Threads = parse.GetValue(threads),
                }).Fit(train);
                train = ml.Data.Cache(augmenter.Transform(train));
            }

            string label = $"Label{horizon}";
            var model = ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
            {
                LabelColumnName = label,
                UseText = !parse.GetValue(noText),
                VocabularySize = text.VocabularySize,
                ModelDimension = parse.GetValue(dimension),
                NumberOfHeads = parse.GetValue(heads),
                NumberOfLayers = parse.GetValue(layers),
                PretrainEpochs = parse.GetValue(pretrain),
                FineTuneEpochs = parse.GetValue(finetune),
                Seed = seed,
                Device = computeDevice,
                Threads = parse.GetValue(threads),
                Progress = new LineProgress(output),
            }).Fit(train, validation);

            string path = parse.GetValue(output_)!;
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            ml.Model.Save(text.Append<ITransformer>(model), trainWindows.Schema, path);
            var summary = model.TrainingSummary;
            // Epoch 0 is the untrained IOH head (the current-MAP rule): say so rather than print a bare 0.
            string kept = summary.BestEpoch == 0 ? "kept the current-MAP start: no epoch beat it on validation" : $"best epoch {summary.BestEpoch}";
            output.WriteLine($"Saved {path} ({label}, {kept}, validation AUROC {summary.ValidationAurocs.DefaultIfEmpty(double.NaN).Max():F3}) in {clock.Elapsed.TotalSeconds:F0} s.");
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
