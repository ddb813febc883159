using System.Diagnostics;
using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// Trains IOHFuseLM: a TorchSharp network that fuses the MAP history with the clinical sentence's tokens by
/// token-level cross-attention and a causal transformer, in two stages.
/// </summary>
/// <remarks>
/// <para><b>Input columns:</b> Label (Boolean), History (Single vector, mmHg), Future (Single vector, mmHg; forecast
/// target), TokenIds (Int64 vector) and TokenMask (Single vector) from the clinical-text featurizer, and optionally
/// IsSynthetic (Boolean) from diffusion augmentation.</para>
/// <para><b>Output columns:</b> Score (logit), Probability (Platt-calibrated), PredictedLabel, Forecast (mmHg).</para>
/// <para><b>Stage 1</b> (domain-adaptive pretraining): 20 % of patches are replaced by a learned mask token and
/// reconstructed, on all rows including synthetic ones. <b>Stage 2</b> (fine-tuning) on original rows only: forecast
/// MSE weighted on hypotensive steps plus class-weighted binary cross-entropy, backbone frozen except LayerNorms and
/// positions by default. The IOH logit starts at the current-MAP rule (its learned paths are zero-initialised), as
/// the forecast starts at persistence. Stage 2 keeps whichever of its starting point and its epochs has the best
/// validation AUROC, and stops early; calibration, the forecast check and the alarm threshold use the validation rows:
/// those given to Fit, else <see cref="IohFuseLMOptions.ValidationFraction"/> of the cases held out whole.</para>
/// </remarks>
public sealed class IohFuseLMTrainer : IEstimator<IohFuseLMTransformer>
{
    private readonly MLContext _mlContext;
    private readonly IHost _host;
    private readonly IohFuseLMOptions _options;

    internal IohFuseLMTrainer(MLContext mlContext, IohFuseLMOptions options)
    {
        _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _host = ((IHostEnvironment)mlContext).Register(nameof(IohFuseLMTrainer));
    }

    /// <summary>Test hook: called with "Pretrain"/"FineTune" and the network after each stage.</summary>
    internal Action<string, FusedNetwork>? StageCompleted { get; set; }

    /// <summary>Trains on <paramref name="input"/> without validation data.</summary>
    public IohFuseLMTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>; <paramref name="validationData"/> (original rows only) drives
    /// early stopping and calibration.</summary>
    public IohFuseLMTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = _options;
        var token = o.CancellationToken;
        var clock = Stopwatch.StartNew();
        using var ch = _host.Start("Fit");

        var rows = TrainingRows.Read(trainData, o, "training", token, ch);
        TrainingRows? validation = validationData is null ? null : TrainingRows.Read(validationData, o, "validation", token, ch);
        int seed = o.Seed ?? _host.Rand.Next();
        RequireOriginalRowsOfBothClasses(rows, o, "the", nameof(trainData));
        if (validation is null && o.ValidationFraction > 0)
        {
            if (HoldOutCases(rows, o, seed, ch) is { } split)
            {
                (rows, validation) = split;
                RequireOriginalRowsOfBothClasses(rows, o, "the remaining", nameof(trainData));
            }
        }
        else if (validation is not null)
        {
            validation = OriginalValidationRows(validation, o, ch);
        }
        var original = Enumerable.Range(0, rows.Count).Where(i => !rows.Synthetic[i]).ToArray();
        int positives = original.Count(i => rows.Labels[i]);
        if (validation is not null)
        {
            if (validation.HistoryLength != rows.HistoryLength)
                throw new ArgumentException($"Validation history length {validation.HistoryLength} differs from training ({rows.HistoryLength}).", nameof(validationData));
            if (validation.TextLength != rows.TextLength)
                throw new ArgumentException($"Validation token length {validation.TextLength} differs from training ({rows.TextLength}).", nameof(validationData));
        }

        var (period, horizon) = TimeBase(trainData.Schema);
        // The embedding gets a row per token id the training rows use (plus the unknown row), not one per GPT-2 id.
        TokenVocabulary? vocabulary = null;
        if (o.UseText)
        {
            vocabulary = TokenVocabulary.FromIds(rows.TokenIds);
            vocabulary.ToRows(rows.TokenIds, rows.TokenIds);
            if (validation is not null)
                vocabulary.ToRows(validation.TokenIds, validation.TokenIds);
        }
        if (rows.HistoryLength % o.PatchLength != 0)
            throw new ArgumentOutOfRangeException(nameof(o.PatchLength), o.PatchLength, $"must divide the history length {rows.HistoryLength} of column '{o.HistoryColumnName}'.");

        var config = new FusedModelConfig(rows.HistoryLength, o.PatchLength, Math.Max(1, rows.FutureLength), o.UseText ? rows.TextLength : 0,
            vocabulary?.RowCount ?? 0, o.ModelDimension, o.NumberOfHeads, o.NumberOfLayers, o.FeedForwardMultiplier, o.Dropout);
        config.Validate();

        TorchRuntime.ApplyThreads(o.Threads);
        var device = TorchRuntime.ResolveDevice(o.Device, _mlContext);
        // The Fit's own generators: TorchSharp's process-wide generator is neither reset nor read, so concurrent
        // Fits and the application's own draws don't change this model.
        using var generator = new torch.Generator((ulong)seed);
        var random = new Random(seed);
        if (o.Augmentation is { } augmentation)
            rows = TrainingAugmentation.Append(rows, augmentation, o, period, horizon, seed, device, ch);

        var network = new FusedNetwork(config, generator);
        try
        {
            if (o.Gpt2WeightsPath is not null)
            {
                int loaded = Gpt2SafetensorsLoader.Load(network, o.Gpt2WeightsPath, vocabulary);
                ch.Info(MessageSensitivity.None, $"Initialised {loaded} tensors from GPT-2 checkpoint.");
            }
            network.to(device);
            ch.Info(MessageSensitivity.None, $"IOHFuseLM {FusedScorer.Describe(config)}: {network.parameters().Sum(p => p.numel()):N0} parameters on {device.type}; " +
                $"{rows.Count} rows ({rows.Count - original.Length} synthetic), {positives} positives of {original.Length} original.");

            var pretrainLosses = new List<double>();
            if (o.PretrainEpochs > 0)
                Pretrain(network, rows, random, generator, device, clock, pretrainLosses, ch, token);
            StageCompleted?.Invoke("Pretrain", network);

            double posWeight = o.PositiveClassWeight > 0 ? o.PositiveClassWeight : ClassWeight.Balanced(original.Length - positives, positives);
            var fineTuneLosses = new List<double>();
            var aurocs = new List<double>();
            int bestEpoch = FineTune(network, rows, original, validation, posWeight, period, horizon, random, generator, device, clock, fineTuneLosses, aurocs, ch, token);
            StageCompleted?.Invoke("FineTune", network);

            // One pass over the calibration rows gives the logits for Platt scaling and, on validation rows with a future
            // column, the forecast errors (resetting the forecast paths afterwards does not change the logits).
            var calibrationRows = validation ?? rows;
            int[] calibrationIndex = validation is null ? original : Enumerable.Range(0, validation.Count).ToArray();
            bool checkForecast = validation is not null && validation.FutureLength > 0;
            var (logits, forecastMae, persistenceMae) = Outputs(network, calibrationRows, calibrationIndex, device, token, checkForecast);
            bool forecastIsPersistence = false;
            if (checkForecast)
            {
                ch.Info(MessageSensitivity.None, $"Validation forecast MAE {forecastMae:F2} mmHg, persistence {persistenceMae:F2} mmHg.");
                if (o.ForecastFallsBackToPersistence && forecastMae > persistenceMae)
                {
                    // A forecast that does worse than holding the last value would mislead at the bedside.
                    network.ResetForecastToPersistence();
                    forecastIsPersistence = true;
                    ch.Warning(MessageSensitivity.None, "The trained forecast was worse than persistence on validation rows; the model forecasts persistence.");
                }
            }

            var calibrationLabels = calibrationIndex.Select(i => calibrationRows.Labels[i]).ToArray();
            var (slope, offset) = FitPlatt(logits, calibrationLabels);
            var calibrated = new FusedModelMetadata(config, slope, offset, 0.5f, $"label column '{o.LabelColumnName}'", period, horizon, vocabulary?.Ids.ToArray());
            float threshold = o.DecisionThreshold ?? ChooseThreshold(calibrated, logits, calibrationLabels, o.TargetSensitivity, validation is null, ch);
            var metadata = calibrated with { DecisionThreshold = threshold };
            var scorer = new FusedScorer(network, metadata, device);
            var summary = new IohFuseLMTrainingSummary(seed, rows.Count, rows.Count - original.Length, original.Length, positives,
                pretrainLosses, fineTuneLosses, aurocs, bestEpoch, posWeight, validation is null ? "training" : "validation", clock.Elapsed,
                forecastMae, persistenceMae, forecastIsPersistence);
            var inner = FusedModelLowering.CreateEstimator(_mlContext, o, scorer).Fit(trainData);
            ch.Info(MessageSensitivity.None, $"IOHFuseLM trained in {clock.Elapsed.TotalSeconds:F1} s (best epoch {bestEpoch}).");
            return new IohFuseLMTransformer(o.Clone(), scorer, inner, summary);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Splits <paramref name="rows"/> by case into training and validation (<see cref="IohFuseLMOptions.ValidationFraction"/>
    /// of the cases, drawn with a generator of the Fit's own seed). Synthetic rows keep the case of the window they
    /// were made from, so those of held-out cases are dropped rather than trained on. Draws again (up to 20 times)
    /// when the held-out rows have one class only, since neither early stopping nor calibration works then.
    /// </summary>
    /// <returns>The split, or null (with a warning) when the data has too few cases to hold any out.</returns>
    internal static (TrainingRows Train, TrainingRows Validation)? HoldOutCases(TrainingRows rows, IohFuseLMOptions o, int seed, IChannel ch)
    {
        string fix = $"pass validation data to Fit(train, validation), or set {nameof(IohFuseLMOptions.ValidationFraction)} = 0 to calibrate on the training rows";
        if (rows.CaseIds.Length == 0)
            throw new ArgumentException($"Fit holds out {o.ValidationFraction:P0} of the cases for early stopping, calibration and the alarm threshold, but the training data has no case column '{o.CaseIdColumnName}' (Text): name it with {nameof(IohFuseLMOptions.CaseIdColumnName)}, {fix}.", "trainData");
        var cases = Enumerable.Range(0, rows.Count).Where(i => !rows.Synthetic[i]).Select(i => rows.CaseIds[i])
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        int held = (int)Math.Ceiling(cases.Length * o.ValidationFraction);
        if (held >= cases.Length)
        {
            // A single case (a quick test, one long recording) still trains; the user is told what it costs.
            ch.Warning(MessageSensitivity.None, $"The training data has {cases.Length} case(s) in column '{o.CaseIdColumnName}': too few to hold out {o.ValidationFraction:P0} of them, so early stopping is off and calibration and the alarm threshold use the training rows (optimistic). Give Fit more cases or validation data.");
            return null;
        }
        // Its own stream, so the training draws that follow are the same as with Fit(train, validation).
        var random = new Random(unchecked(seed * 31 + 17));
        for (int attempt = 1; attempt <= 20; attempt++)
        {
            var order = (string[])cases.Clone();
            random.Shuffle(order);
            var heldOut = new HashSet<string>(order.Take(held), StringComparer.Ordinal);
            var validationIndex = Enumerable.Range(0, rows.Count).Where(i => !rows.Synthetic[i] && heldOut.Contains(rows.CaseIds[i])).ToArray();
            int positives = validationIndex.Count(i => rows.Labels[i]);
            if (positives == 0 || positives == validationIndex.Length)
                continue;
            var trainIndex = Enumerable.Range(0, rows.Count).Where(i => !heldOut.Contains(rows.CaseIds[i])).ToArray();
            int droppedSynthetic = Enumerable.Range(0, rows.Count).Count(i => rows.Synthetic[i] && heldOut.Contains(rows.CaseIds[i]));
            ch.Info(MessageSensitivity.None, $"Validation: {held} of {cases.Length} cases held out by '{o.CaseIdColumnName}' ({validationIndex.Length} rows, {positives} positive)" +
                (droppedSynthetic > 0 ? $"; {droppedSynthetic} synthetic rows made from them dropped." : "."));
            return (rows.Subset(trainIndex), rows.Subset(validationIndex));
        }
        throw new ArgumentException($"In 20 draws of {held} held-out cases (of {cases.Length}), the held-out rows never had both label classes; {fix}.", "trainData");
    }

    private static void RequireOriginalRowsOfBothClasses(TrainingRows rows, IohFuseLMOptions o, string which, string parameter)
    {
        int original = rows.Synthetic.Count(s => !s);
        int positives = Enumerable.Range(0, rows.Count).Count(i => !rows.Synthetic[i] && rows.Labels[i]);
        if (original == 0)
            throw new ArgumentException("The training data has only synthetic rows; stage 2 needs original rows.", parameter);
        if (positives == 0 || positives == original)
            throw new ArgumentException($"Column '{o.LabelColumnName}' has only {(positives == 0 ? "false" : "true")} values among {which} {original} original training rows; both classes are needed.", parameter);
    }

    /// <summary>Validation data given to Fit, without synthetic rows (they would grade the model on its own
    /// augmenter's output), and with both classes.</summary>
    private static TrainingRows OriginalValidationRows(TrainingRows validation, IohFuseLMOptions o, IChannel ch)
    {
        int synthetic = validation.Synthetic.Count(s => s);
        if (synthetic > 0)
        {
            if (synthetic == validation.Count)
                throw new ArgumentException("The validation data has only synthetic rows; validation needs original rows.", "validationData");
            ch.Warning(MessageSensitivity.None, $"{synthetic} synthetic validation rows (column '{o.SyntheticFlagColumnName}') were left out: validation uses original rows only.");
            validation = validation.Subset(Enumerable.Range(0, validation.Count).Where(i => !validation.Synthetic[i]).ToArray());
        }
        int positives = validation.PositiveCount;
        if (positives == 0 || positives == validation.Count)
            throw new ArgumentException($"Column '{o.LabelColumnName}' has only {(positives == 0 ? "false" : "true")} values among the {validation.Count} validation rows; early stopping, calibration and the alarm threshold need both classes.", "validationData");
        return validation;
    }

    /// <summary>The sample period and horizon: from the options, else from the columns' annotations (or the label name).</summary>
    private (double PeriodSeconds, double HorizonMinutes) TimeBase(DataViewSchema schema)
    {
        var o = _options;
        double period = o.SamplePeriodSeconds > 0 ? o.SamplePeriodSeconds
            : schema.GetColumnOrNull(o.HistoryColumnName) is { } h && IohFuseAnnotations.GetSamplePeriodSeconds(h) is double p ? p
            : throw new ArgumentException($"Column '{o.HistoryColumnName}' does not say its sample period (no {IohFuseAnnotations.SamplePeriodSeconds} annotation, which windows from mlContext.IOHFuse().Data.CreateWindows carry): set {nameof(IohFuseLMOptions)}.{nameof(IohFuseLMOptions.SamplePeriodSeconds)}.", "trainData");
        double horizon = o.HorizonMinutes > 0 ? o.HorizonMinutes
            : schema.GetColumnOrNull(o.LabelColumnName) is { } l && IohFuseAnnotations.GetHorizonMinutes(l) is double m ? m
            : double.TryParse(o.LabelColumnName.StartsWith("Label", StringComparison.Ordinal) ? o.LabelColumnName[5..].Replace('_', '.') : string.Empty,
                System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double parsed) && parsed > 0 ? parsed
            : double.NaN;
        return (period, horizon);
    }

    private void Pretrain(FusedNetwork network, TrainingRows rows, Random random, torch.Generator generator, Device device, Stopwatch clock,
        List<double> losses, IChannel ch, CancellationToken token)
    {
        var o = _options;
        var cfg = network.Config;
        var parameters = PretrainParameters(network);
        using var optimizer = new AdamWOptimizer(parameters, o.PretrainLearningRate, o.WeightDecay);
        int maskedPerRow = MaskedPatchesPerRow(cfg, o);
        if (o.PretrainOnFuture)
            rows = rows.WithForwardShiftedCopies();
        var all = Enumerable.Range(0, rows.Count).ToArray();
        network.train();
        for (int epoch = 1; epoch <= o.PretrainEpochs; epoch++)
        {
            random.Shuffle(all);
            double sum = 0;
            int batches = 0;
            foreach (var batch in all.Chunk(o.BatchSize))
            {
                token.ThrowIfCancellationRequested();
                sum += PretrainStep(network, optimizer, parameters, rows, batch, maskedPerRow, generator, device, o.GradientClipNorm);
                batches++;
            }
            double mean = sum / Math.Max(1, batches);
            losses.Add(mean);
            Report(ch, "Pretrain", epoch, o.PretrainEpochs, mean, null, clock);
        }
    }

    private int FineTune(FusedNetwork network, TrainingRows rows, int[] original, TrainingRows? validation, double posWeight,
        double periodSeconds, double horizonMinutes, Random random, torch.Generator generator, Device device, Stopwatch clock, List<double> losses, List<double> aurocs, IChannel ch, CancellationToken token)
    {
        var o = _options;
        var trainable = FineTuneParameters(network, o.UnfreezeBackbone ?? o.Gpt2WeightsPath is null);
        using var auxiliary = rows.AuxiliaryCount > 0 && o.AuxiliaryLossWeight > 0
            ? new AuxiliaryLabelHead(rows, original, network.Config.ModelDimension, o.AuxiliaryLossWeight, generator, device)
            : null;
        if (auxiliary is not null)
            trainable = trainable.Concat(auxiliary.Parameters).ToList();
        using var earlier = o.EarlierPredictionTimesLossWeight > 0
            ? EarlierTimesHead(network.Config, rows, original, periodSeconds, horizonMinutes, generator, device, ch)
            : null;
        if (earlier is not null)
            trainable = trainable.Concat(earlier.Parameters).ToList();
        using var optimizer = new AdamWOptimizer(trainable, o.FineTuneLearningRate, o.WeightDecay);
        using var posWeightTensor = torch.tensor(new[] { (float)posWeight }, device: device);
        var order = (int[])original.Clone();
        long step = 0, plannedSteps = (long)o.FineTuneEpochs * ((order.Length + o.BatchSize - 1) / o.BatchSize);
        double bestAuroc = double.NegativeInfinity;
        int bestEpoch = o.FineTuneEpochs, sinceBest = 0;
        Dictionary<string, Tensor>? best = null;
        int[]? validationIndex = validation is null ? null : Enumerable.Range(0, validation.Count).ToArray();
        double? ValidationAuroc() => validation is null ? null : Auroc(Logits(network, validation, validationIndex!, device, token), validation.Labels);

        // Records a validation AUROC and snapshots the weights when it is the best so far.
        bool KeepIfBest(int epoch, double auroc)
        {
            aurocs.Add(auroc);
            if (auroc <= bestAuroc)
                return false;
            bestAuroc = auroc;
            bestEpoch = epoch;
            DisposeAll(best);
            best = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            return true;
        }

        try
        {
            if (ValidationAuroc() is double start)
            {
                // Epoch 0 is the starting point (the IOH logit begins at the current-MAP rule); it stays the candidate
                // to beat, so stage 2 never ships weights that rank validation cases worse than where it began.
                KeepIfBest(0, start);
                ch.Info(MessageSensitivity.None, $"FineTune start: validation AUROC {start:F4}");
            }
            for (int epoch = 1; epoch <= o.FineTuneEpochs; epoch++)
            {
                network.train();
                random.Shuffle(order);
                double sum = 0;
                int batches = 0;
                foreach (var batch in order.Chunk(o.BatchSize))
                {
                    token.ThrowIfCancellationRequested();
                    optimizer.LearningRate = ScheduledRate(o, step++, plannedSteps);
                    sum += FineTuneStep(network, optimizer, trainable, rows, batch, device, posWeightTensor, o, auxiliary, earlier);
                    batches++;
                }
                double mean = sum / Math.Max(1, batches);
                losses.Add(mean);

                double? auroc = ValidationAuroc();
                if (auroc is double a)
                    sinceBest = KeepIfBest(epoch, a) ? 0 : sinceBest + 1;
                Report(ch, "FineTune", epoch, o.FineTuneEpochs, mean, auroc, clock);
                if (o.EarlyStoppingPatience > 0 && sinceBest >= o.EarlyStoppingPatience)
                {
                    ch.Info(MessageSensitivity.None, $"Early stopping after epoch {epoch}: no validation AUROC gain for {sinceBest} epochs.");
                    break;
                }
            }
            if (best is not null)
            {
                using var noGrad = torch.no_grad();
                network.load_state_dict(best);
            }
            else
            {
                bestEpoch = losses.Count;
            }
            return bestEpoch;
        }
        finally
        {
            DisposeAll(best);
            foreach (var p in network.parameters()) p.requires_grad = true;
        }
    }

    /// <summary>The stage-2 learning rate at <paramref name="step"/> (0-based) of <paramref name="plannedSteps"/>.</summary>
    internal static double ScheduledRate(IohFuseLMOptions o, long step, long plannedSteps)
    {
        if (o.FineTuneSchedule == LearningRateSchedule.Constant || plannedSteps <= 1)
            return o.FineTuneLearningRate;
        const double floor = 0.01;
        double progress = Math.Min(1.0, step / (double)(plannedSteps - 1));
        return o.FineTuneLearningRate * (floor + (1 - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <summary>Stage-1 trainable parameters: everything except the task heads, which stage 2 owns. Turns gradients on.</summary>
    internal static List<Parameter> PretrainParameters(FusedNetwork network)
    {
        var parameters = network.named_parameters()
            .Where(p => !FusedNetwork.IsTaskHead(p.name))
            .Select(p => p.parameter).ToList();
        foreach (var p in network.parameters()) p.requires_grad = true;
        return parameters;
    }

    /// <summary>Stage-2 trainable parameters; every other parameter gets requires_grad = false.</summary>
    internal static List<Parameter> FineTuneParameters(FusedNetwork network, bool unfreezeBackbone)
    {
        var trainable = network.FineTunableParameters(unfreezeBackbone).Select(p => p.Parameter).ToList();
        var trainableSet = new HashSet<Parameter>(trainable, ReferenceEqualityComparer.Instance);
        foreach (var p in network.parameters())
            p.requires_grad = trainableSet.Contains(p); // Frozen weights get no gradient at all: faster and provably unchanged.
        return trainable;
    }

    internal static int MaskedPatchesPerRow(FusedModelConfig cfg, IohFuseLMOptions o) => Math.Max(1, (int)Math.Round(cfg.PatchCount * o.MaskRatio));

    /// <summary>One stage-1 optimisation step (masked-patch reconstruction) on <paramref name="batch"/>; returns the loss.
    /// Internal so the benchmarks time exactly the step the trainer runs.</summary>
    internal static float PretrainStep(FusedNetwork network, AdamWOptimizer optimizer, IList<Parameter> parameters, TrainingRows rows,
        int[] batch, int maskedPerRow, torch.Generator generator, Device device, double gradientClipNorm)
    {
        var cfg = network.Config;
        using var scope = torch.NewDisposeScope();
        var (history, ids, mask, _, _) = MakeBatch(rows, batch, cfg, device, withTargets: false);
        // Drawn on the CPU, where the Fit's generator lives, then moved: the mask pattern is the same on any device.
        var order = torch.rand([batch.Length, cfg.PatchCount], generator: generator).argsort(1).argsort(1).to(device);
        var masked = order.LessThan(maskedPerRow);                                                       // [n, P]
        var output = network.Forward(history, ids, mask, masked);
        var reconstruction = network.ReconstructPatches(output.PatchStates);                       // [n, P, L]
        var target = FusedModelConfig.Normalize(history).view(batch.Length, cfg.PatchCount, cfg.PatchLength);
        var error = (reconstruction - target).square().mean(new long[] { -1 });                      // [n, P]
        var weight = masked.to_type(ScalarType.Float32);
        var loss = (error * weight).sum() / weight.sum();
        ClearGradients(parameters);
        loss.backward();
        if (gradientClipNorm > 0)
            nn.utils.clip_grad_norm_(parameters, gradientClipNorm);
        optimizer.Step();
        return loss.item<float>();
    }

    /// <summary>One stage-2 optimisation step (forecast MSE + IOH BCE) on <paramref name="batch"/>; returns the loss.
    /// Internal so the benchmarks time exactly the step the trainer runs.</summary>
    internal static float FineTuneStep(FusedNetwork network, AdamWOptimizer optimizer, IList<Parameter> trainable, TrainingRows rows,
        int[] batch, Device device, Tensor posWeightTensor, IohFuseLMOptions o, AuxiliaryLabelHead? auxiliary = null, EarlierPredictionTimesHead? earlier = null)
    {
        using var scope = torch.NewDisposeScope();
        var (history, ids, mask, future, labels) = MakeBatch(rows, batch, network.Config, device, withTargets: true);
        var output = network.Forward(history, ids, mask);
        var loss = nn.functional.binary_cross_entropy_with_logits(output.Logit, labels!, pos_weights: posWeightTensor);
        if (future is not null && o.ForecastLossWeight > 0)
        {
            var targetNorm = FusedModelConfig.Normalize(future);
            var stepWeight = torch.where(future.LessThan(65), (float)o.HypotensionWeight, 1f);   // numbers become 0-d tensors here, not Scalars
            var error = output.Forecast - targetNorm;
            var perStep = o.ForecastLoss == ForecastLoss.AbsoluteError ? error.abs() : error.square();
            loss = loss.Plus((stepWeight * perStep).mean().Times(o.ForecastLossWeight));
        }
        if (auxiliary is not null)
            loss = loss.Plus(auxiliary.Loss(output.LastState, rows, batch));
        if (earlier is not null)
            loss = loss.Plus(earlier.Loss(output.PatchStates, batch));
        ClearGradients(trainable);
        loss.backward();
        if (o.GradientClipNorm > 0)
            nn.utils.clip_grad_norm_(trainable, o.GradientClipNorm);
        optimizer.Step();
        return loss.item<float>();
    }

    /// <summary>The head for <see cref="IohFuseLMOptions.EarlierPredictionTimesLossWeight"/>, with the checks it needs
    /// (a text model is refused earlier, by <see cref="IohFuseLMOptions.Validate"/>).</summary>
    private EarlierPredictionTimesHead EarlierTimesHead(FusedModelConfig config, TrainingRows rows, int[] original, double periodSeconds,
        double horizonMinutes, torch.Generator generator, Device device, IChannel ch)
    {
        var o = _options;
        string name = nameof(IohFuseLMOptions.EarlierPredictionTimesLossWeight);
        if (rows.FutureLength == 0)
            throw new ArgumentException($"{name} needs the future column ({nameof(IohFuseLMOptions.FutureColumnName)}): the labels of earlier times are read from history + future.", "trainData");
        if (!(horizonMinutes > 0))
            throw new ArgumentException($"{name} needs the horizon of label column '{o.LabelColumnName}': set {nameof(IohFuseLMOptions.HorizonMinutes)} (the column has no {IohFuseAnnotations.HorizonMinutes} annotation and its name gives none).", "trainData");
        int horizonSamples = AugmentationColumns.HorizonSamples(horizonMinutes, periodSeconds);
        if (horizonSamples < 1 || Math.Abs(horizonMinutes * 60 / periodSeconds - horizonSamples) > 1e-6)
            throw new ArgumentException($"The horizon {horizonMinutes} min is not a whole number of {periodSeconds}-s samples.", "trainData");
        var head = new EarlierPredictionTimesHead(rows, original, config, new IohEventDetector(periodSeconds), horizonSamples,
            o.EarlierPredictionTimesLossWeight, generator, device);
        ch.Info(MessageSensitivity.None, $"Earlier prediction times: {head.EligibleCount:N0} labelled ({head.PositiveCount:N0} positive) in {original.Length:N0} windows.");
        return head;
    }

    /// <summary>Drops the gradients instead of zeroing them (PyTorch's zero_grad(set_to_none=True)). TorchSharp's
    /// optimizer.zero_grad() writes zeros into every gradient and backward then adds into them: two extra passes over
    /// all trainable weights per step, 6.4 M of them in the token embedding alone. Every optimised parameter gets a
    /// gradient on every step, so AdamW sees exactly the same values (0 + g = g).</summary>
    private static void ClearGradients(IList<Parameter> parameters)
    {
        foreach (var p in parameters)
            p.grad = null;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (var t in tensors.Values) t.Dispose();
    }

    private void Report(IChannel ch, string stage, int epoch, int total, double loss, double? auroc, Stopwatch clock)
    {
        // Every epoch of every stage ends here: give the epoch's freed tensor buffers back to the system (NativeHeap).
        NativeHeap.ReleaseFreedPages();
        string aurocText = auroc is double a ? $", validation AUROC {a:F4}" : string.Empty;
        ch.Info(MessageSensitivity.None, $"{stage} epoch {epoch}/{total}: loss {loss:F4}{aurocText} ({clock.Elapsed.TotalSeconds:F1} s)");
        _options.Progress?.Report(new IohFuseLMProgress(stage, epoch, total, loss, auroc, clock.Elapsed));
    }

    /// <summary>Copies the rows of one batch into fresh arrays and tensors (fresh, because autograd may keep them).</summary>
    private static (Tensor History, Tensor? Ids, Tensor? Mask, Tensor? Future, Tensor? Labels) MakeBatch(
        TrainingRows rows, int[] batch, FusedModelConfig cfg, Device device, bool withTargets)
    {
        int n = batch.Length, h = rows.HistoryLength, t = rows.TextLength, f = rows.FutureLength;
        var hist = new float[n * h];
        long[]? ids = cfg.UsesText ? new long[n * t] : null;
        float[]? mask = cfg.UsesText ? new float[n * t] : null;
        float[]? fut = withTargets && f > 0 ? new float[n * f] : null;
        float[]? lab = withTargets ? new float[n] : null;
        for (int j = 0; j < n; j++)
        {
            int r = batch[j];
            Array.Copy(rows.History, (long)r * h, hist, (long)j * h, h);
            if (ids is not null)
            {
                Array.Copy(rows.TokenIds, (long)r * t, ids, (long)j * t, t);
                Array.Copy(rows.TokenMask, (long)r * t, mask!, (long)j * t, t);
            }
            if (fut is not null)
                Array.Copy(rows.Future, (long)r * f, fut, (long)j * f, f);
            if (lab is not null)
                lab[j] = rows.Labels[r] ? 1f : 0f;
        }
        return (torch.tensor(hist, new long[] { n, h }, device: device),
            ids is null ? null : torch.tensor(ids, new long[] { n, t }, device: device),
            mask is null ? null : torch.tensor(mask, new long[] { n, t }, device: device),
            fut is null ? null : torch.tensor(fut, new long[] { n, f }, device: device),
            lab is null ? null : torch.tensor(lab, new long[] { n }, device: device));
    }

    private static float[] Logits(FusedNetwork network, TrainingRows rows, int[] index, Device device, CancellationToken token) =>
        Outputs(network, rows, index, device, token, forecastErrors: false).Logits;

    /// <summary>Logits of the rows in <paramref name="index"/>, in evaluation mode; with
    /// <paramref name="forecastErrors"/>, also the mean absolute error (mmHg) of the forecast and of persistence against
    /// the future column over the same rows.</summary>
    private static (float[] Logits, double? ForecastMae, double? PersistenceMae) Outputs(FusedNetwork network, TrainingRows rows,
        int[] index, Device device, CancellationToken token, bool forecastErrors)
    {
        var logits = new float[index.Length];
        int length = Math.Min(rows.FutureLength, network.Config.ForecastLength);
        double forecastSum = 0, persistenceSum = 0;
        network.eval();
        using var noGrad = torch.no_grad();
        int offset = 0;
        foreach (var batch in index.Chunk(256))
        {
            token.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var (history, ids, mask, future, _) = MakeBatch(rows, batch, network.Config, device, withTargets: forecastErrors);
            var output = network.Forward(history, ids, mask);
            output.Logit.cpu().data<float>().CopyTo(logits.AsSpan(offset, batch.Length));
            offset += batch.Length;
            if (forecastErrors)
            {
                var target = future!.narrow(1, 0, length);
                var forecast = FusedModelConfig.ToMmHg(output.Forecast.narrow(1, 0, length));
                var last = history.narrow(1, rows.HistoryLength - 1, 1);
                forecastSum += (forecast - target).abs().sum().cpu().item<float>();
                persistenceSum += (last - target).abs().sum().cpu().item<float>();
            }
        }
        network.train();
        if (!forecastErrors)
            return (logits, null, null);
        double count = index.Length * (double)length;
        return (logits, forecastSum / count, persistenceSum / count);
    }

    private sealed class ScoredRow
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public bool PredictedLabel { get; set; }
    }

    /// <summary>AUROC by ML.NET's evaluator; null when the rows hold a single class.</summary>
    private double? Auroc(float[] scores, bool[] labels)
    {
        if (labels.All(l => l) || !labels.Any(l => l))
            return null;
        var view = _mlContext.Data.LoadFromEnumerable(scores.Select((s, i) => new ScoredRow { Label = labels[i], Score = s, PredictedLabel = s > 0 }));
        return _mlContext.BinaryClassification.EvaluateNonCalibrated(view, nameof(ScoredRow.Label), nameof(ScoredRow.Score)).AreaUnderRocCurve;
    }

    /// <summary>The alarm threshold: the highest calibrated probability reaching the target sensitivity on the calibration rows.</summary>
    private static float ChooseThreshold(FusedModelMetadata calibrated, float[] logits, bool[] labels, double targetSensitivity, bool onTrainingRows, IChannel ch)
    {
        var probabilities = logits.Select(calibrated.Probability).ToArray();
        float needed = ForwardEvaluator.ThresholdForSensitivity(probabilities, labels, targetSensitivity, nameof(labels));
        // Halfway down to the next lower probability: the alarm then still holds for that positive row when a later
        // Transform computes its logit a rounding error lower (batched and single-row kernels differ in the last bits).
        float below = probabilities.Where(p => p < needed).DefaultIfEmpty(0f).Max();
        float threshold = Math.Max(1e-6f, (needed + below) / 2);
        ch.Info(MessageSensitivity.None, $"Alarm threshold p >= {threshold:G4}: {targetSensitivity:P0} sensitivity on the {(onTrainingRows ? "training" : "validation")} rows.");
        if (onTrainingRows)
            ch.Warning(MessageSensitivity.None, "No validation set: the alarm threshold was chosen on the training rows, where the model is optimistic; give Fit a validation set.");
        return threshold;
    }

    /// <summary>Platt scaling by ML.NET's calibrator (<see cref="PlattCalibration"/>).</summary>
    private (double Slope, double Offset) FitPlatt(float[] scores, bool[] labels) => PlattCalibration.Fit(_mlContext, scores, labels);

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var o = _options;
        RequireShape(inputSchema, o.HistoryColumnName, vector: true);
        RequireShape(inputSchema, o.LabelColumnName, vector: false);
        if (o.UseText)
        {
            RequireShape(inputSchema, o.TokenIdsColumnName, vector: true);
            RequireShape(inputSchema, o.TokenMaskColumnName, vector: true);
        }
        return FusedModelLowering.CreateEstimator(_mlContext, o, null).GetOutputSchema(inputSchema);
    }

    private static void RequireShape(SchemaShape schema, string name, bool vector)
    {
        var matches = schema.Where(c => c.Name == name).ToList();
        if (matches.Count == 0)
            throw new ArgumentOutOfRangeException(name, $"Column '{name}' is missing from the input schema.");
        var column = matches[^1];
        bool isVector = column.Kind is SchemaShape.Column.VectorKind.Vector or SchemaShape.Column.VectorKind.VariableVector;
        if (isVector != vector)
            throw new ArgumentOutOfRangeException(name, $"Column '{name}' must be a {(vector ? "vector" : "scalar")}, but it is {column.Kind}.");
    }
}
