using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Tests.Training;

[TestClass]
public sealed class IohFuseLMTrainerTests
{
    internal static IohFuseLMOptions TinyOptions(int seed = 3) => new()
    {
        SamplePeriodSeconds = 3,
        ModelDimension = 16,
        NumberOfHeads = 2,
        NumberOfLayers = 2,
        PatchLength = 10,
        PretrainEpochs = 2,
        FineTuneEpochs = 3,
        BatchSize = 32,
        PretrainLearningRate = 3e-3,
        FineTuneLearningRate = 3e-3,
        Seed = seed,
        Device = ComputeDevice.Cpu,
        Threads = 2,
        // The toy tests check one stage at a time on every row; the held-out validation split has its own tests.
        ValidationFraction = 0,
    };

    private sealed class ScoreRow
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }

        [VectorType]
        public float[] Forecast { get; set; } = Array.Empty<float>();
    }

    [TestMethod]
    public void TestLossFallsInBothStages()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(400, seed: 11));
        var options = TinyOptions();
        options.PretrainEpochs = 4;
        options.FineTuneEpochs = 5;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data);
        var s = model.TrainingSummary;
        Assert.HasCount(4, s.PretrainLosses);
        Assert.HasCount(5, s.FineTuneLosses);
        Assert.IsLessThan(s.PretrainLosses[0], s.PretrainLosses[^1], "stage-1 loss must fall");
        Assert.IsLessThan(s.FineTuneLosses[0], s.FineTuneLosses[^1], "stage-2 loss must fall");
    }

    [TestMethod]
    public void TestTrainingGainsOverItsUntrainedStartOnHeldOutRows()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(ToyWindows.Make(400, seed: 51));
        var validation = ml.Data.LoadFromEnumerable(ToyWindows.Make(150, seed: 52));
        var test = ml.Data.LoadFromEnumerable(ToyWindows.Make(300, seed: 53));
        var options = TinyOptions();
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 4;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(train, validation);
        Assert.AreNotEqual(0, model.TrainingSummary.BestEpoch, "an epoch must beat the start on the validation rows");

        // The untrained network's IOH logit is the current-MAP rule (FusedNetworkTests.TestUntrainedNetworkStartsAtCurrentMapAndPersistence),
        // so its ranking is that of −MAP(t): the start that training must improve on, on rows it never saw.
        var start = ml.Transforms.CustomMapping<HistoryOnly, ScoreOnly>((i, o) => o.Score = -i.History[^1], contractName: null);
        double Auroc(IDataView scored) => ml.BinaryClassification.EvaluateNonCalibrated(scored).AreaUnderRocCurve;
        double trained = Auroc(model.Transform(test)), untrained = Auroc(start.Fit(test).Transform(test));
        Assert.IsGreaterThan(untrained + 0.01, trained, $"held-out AUROC: trained {trained:F3}, untrained start {untrained:F3}");
    }

    private sealed class HistoryOnly
    {
        [VectorType]
        public float[] History { get; set; } = [];
    }

    private sealed class ScoreOnly
    {
        public float Score { get; set; }

        // ML.NET's evaluator asks for the column; AUROC does not use it.
        public bool PredictedLabel { get; set; }
    }

    [TestMethod]
    public void TestAlarmThresholdIsChosenOnValidationAndShipsWithTheModel()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(ToyWindows.Make(300, seed: 21));
        var validation = ml.Data.LoadFromEnumerable(ToyWindows.Make(200, seed: 22));
        var options = TinyOptions();
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        options.TargetSensitivity = 0.9;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(train, validation);
        float threshold = model.Info.DecisionThreshold;
        Assert.AreNotEqual(0.5f, threshold, "the threshold is chosen, not the 0.5 default");

        var rows = ml.Data.CreateEnumerable<ScoreRow>(model.Transform(validation), reuseRowObject: false).ToList();
        var labels = ToyWindows.Make(200, seed: 22).Select(w => w.Label).ToList();
        Assert.IsTrue(rows.All(r => r.PredictedLabel == (r.Probability >= threshold)), "PredictedLabel is the alarm at the stored threshold");
        double sensitivity = rows.Where((_, i) => labels[i]).Count(r => r.PredictedLabel) / (double)labels.Count(l => l);
        Assert.IsGreaterThanOrEqualTo(0.9, sensitivity, "the alarm reaches the target sensitivity on the rows it was chosen on");

        string path = Path.Combine(Path.GetTempPath(), $"iohfuse-threshold-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, train.Schema, path);
            var loaded = new MLContext(0).Model.Load(path, out _);
            Assert.AreEqual(threshold, new MLContext(0).IOHFuse().GetModelInfo(loaded).DecisionThreshold, "the threshold is stored in model.zip");
        }
        finally
        {
            File.Delete(path);
        }

        options.DecisionThreshold = 0.3f;
        using var fixedModel = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(train, validation);
        Assert.AreEqual(0.3f, fixedModel.Info.DecisionThreshold, "an explicit threshold is kept");
    }

    [TestMethod]
    public void TestCosineScheduleFallsFromTheLearningRateToOnePercentOverThePlannedSteps()
    {
        var o = new IohFuseLMOptions { FineTuneLearningRate = 2e-3 };
        Assert.AreEqual(LearningRateSchedule.Cosine, o.FineTuneSchedule);
        var rates = Enumerable.Range(0, 100).Select(step => IohFuseLMTrainer.ScheduledRate(o, step, 100)).ToArray();
        Assert.AreEqual(2e-3, rates[0], 1e-12);
        Assert.AreEqual(2e-5, rates[^1], 1e-12);
        Assert.AreEqual((2e-3 + 2e-5) / 2, IohFuseLMTrainer.ScheduledRate(o, 50, 101), 1e-12, "halfway is the mean of start and floor");
        for (int i = 1; i < rates.Length; i++)
            Assert.IsLessThan(rates[i - 1], rates[i], $"step {i}");
        o.FineTuneSchedule = LearningRateSchedule.Constant;
        Assert.AreEqual(2e-3, IohFuseLMTrainer.ScheduledRate(o, 99, 100));
        o.FineTuneSchedule = (LearningRateSchedule)7;
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => o.Validate());
    }

    [TestMethod]
    public void TestWithoutPretrainedWeightsStageTwoTrainsTheBlocks()
    {
        // Freezing randomly initialised blocks would leave stage 2 tuning heads on random features, so by default
        // (UnfreezeBackbone null, no GPT-2 weights) the attention and MLP weights train too.
        var options = TinyOptions();
        Assert.IsNull(options.UnfreezeBackbone);
        var (afterPretrain, afterFineTune) = WeightsAfterEachStage(options);
        var blockWeights = afterPretrain.Keys.Where(k => k.StartsWith("h.", StringComparison.Ordinal) && !k.Contains(".ln_", StringComparison.Ordinal)).ToList();
        Assert.IsGreaterThan(10, blockWeights.Count);
        Assert.IsTrue(blockWeights.All(k => !Same(afterPretrain[k], afterFineTune[k])), "every block weight trains in stage 2 by default");
    }

    [TestMethod]
    public void TestFineTuningLeavesFrozenParametersUnchanged()
    {
        var options = TinyOptions();
        options.UnfreezeBackbone = false;
        var (afterPretrain, afterFineTune) = WeightsAfterEachStage(options);
        // Written out rather than derived from the trainer's rule, so a change of the rule shows up here: with the
        // backbone frozen, stage 2 leaves the attention and MLP weights of both blocks and the token embedding alone,
        // and never touches the stage-1 reconstruction head and mask token.
        string[] frozen =
        [
            .. new[] { 0, 1 }.SelectMany(i => new[]
            {
                $"h.{i}.attn.q_proj.weight", $"h.{i}.attn.q_proj.bias", $"h.{i}.attn.k_proj.weight", $"h.{i}.attn.k_proj.bias",
                $"h.{i}.attn.v_proj.weight", $"h.{i}.attn.v_proj.bias", $"h.{i}.attn.out_proj.weight", $"h.{i}.attn.out_proj.bias",
                $"h.{i}.fc.weight", $"h.{i}.fc.bias", $"h.{i}.proj.weight", $"h.{i}.proj.bias",
            }),
            "wte.weight",
        ];
        string[] stageOneOnly = ["pretrain_head.weight", "pretrain_head.bias", "mask_token"];
        var unchanged = afterPretrain.Keys.Where(name => Same(afterPretrain[name], afterFineTune[name])).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(frozen.Concat(stageOneOnly).Order(StringComparer.Ordinal).ToList(), unchanged,
            "exactly the frozen and stage-1-only parameters stay unchanged; every other one (LayerNorms, positions, patch embedding, alignment, heads) trains");
    }

    [TestMethod]
    public void TestSameSeedGivesSameWeightsAndScores()
    {
        var ml = new MLContext(seed: 1);
        var rows = ToyWindows.Make(160, seed: 13);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var a = ml.IOHFuse().Trainers.IohFuseLM(TinyOptions(seed: 5)).Fit(data);
        using var b = ml.IOHFuse().Trainers.IohFuseLM(TinyOptions(seed: 5)).Fit(data);
        using var c = ml.IOHFuse().Trainers.IohFuseLM(TinyOptions(seed: 6)).Fit(data);
        var wa = a.Scorer.Network.state_dict();
        var wb = b.Scorer.Network.state_dict();
        foreach (var (name, t) in wa)
            Assert.IsTrue(Same(t, wb[name]), $"weights '{name}' differ for the same seed");
        CollectionAssert.AreEqual(ScoreBits.Of(a.Transform(data)), ScoreBits.Of(b.Transform(data)));
        CollectionAssert.AreNotEqual(ScoreBits.Of(a.Transform(data)), ScoreBits.Of(c.Transform(data)), "a different seed should give a different model");
    }

    [TestMethod]
    public void TestSaveLoadInFreshProcessReproducesScoresExactly()
    {
        var ml = new MLContext(seed: 1);
        var rows = ToyWindows.Make(160, seed: 14);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var model = ml.IOHFuse().Trainers.IohFuseLM(TinyOptions()).Fit(data);
        var test = ml.Data.LoadFromEnumerable(ToyWindows.Make(40, seed: 99));
        var expected = ScoreBits.Of(model.Transform(test));
        string path = Path.Combine(Path.GetTempPath(), $"iohfuse-model-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var actual = FreshProcessScorer.Score(ml, path, test);
            CollectionAssert.AreEqual(expected, actual, "scores from model.zip loaded in a fresh process must be bit-identical");

            // Same process, fresh MLContext: PredictionEngine over the loaded chain matches batch Transform.
            var fresh = new MLContext(seed: 42);
            var loaded = fresh.Model.Load(path, out _);
            var engine = fresh.Model.CreatePredictionEngine<ToyWindows.Row, ScoreRow>(loaded);
            var batch = fresh.Data.CreateEnumerable<ScoreRow>(loaded.Transform(test), reuseRowObject: false).ToList();
            var testRows = ToyWindows.Make(40, seed: 99);
            for (int i = 0; i < testRows.Count; i++)
            {
                var single = engine.Predict(testRows[i]);
                Assert.AreEqual(BitConverter.SingleToInt32Bits(batch[i].Score), BitConverter.SingleToInt32Bits(single.Score), $"row {i}");
                Assert.AreEqual(batch[i].PredictedLabel, single.PredictedLabel);
                CollectionAssert.AreEqual(batch[i].Forecast, single.Forecast);
                Assert.HasCount(ToyWindows.FutureLength, single.Forecast);
                Assert.IsTrue(single.Probability is > 0 and < 1);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TestOutputsWorkWithBinaryClassificationEvaluate()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(300, seed: 15));
        var validation = ml.Data.LoadFromEnumerable(ToyWindows.Make(120, seed: 16));
        var options = TinyOptions();
        options.FineTuneEpochs = 4;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data, validation);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(validation));
        Assert.IsGreaterThan(0.8, metrics.AreaUnderRocCurve, "the toy task is easy: AUROC should be high");
        Assert.IsFalse(double.IsNaN(metrics.LogLoss));
        Assert.AreEqual("validation", model.TrainingSummary.CalibratedOn);
        Assert.IsNotEmpty(model.TrainingSummary.ValidationAurocs);
        var scored = ml.Data.CreateEnumerable<ScoreRow>(model.Transform(validation), reuseRowObject: false).ToList();
        var ordered = scored.OrderBy(r => r.Score).ToList();
        for (int i = 1; i < ordered.Count; i++)
            Assert.IsGreaterThanOrEqualTo(ordered[i - 1].Probability, ordered[i].Probability, "calibrated probability must increase with the score");
    }

    /// <summary>A forecast pushed far off by an extreme hypotension weight is worse than persistence on validation rows:
    /// by default the model then forecasts persistence exactly; with the fallback off it keeps its own forecast.</summary>
    [TestMethod]
    public void TestForecastWorseThanPersistenceFallsBackToPersistence()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(300, seed: 21));
        var validationRows = ToyWindows.Make(120, seed: 22);
        var validation = ml.Data.LoadFromEnumerable(validationRows);
        IohFuseLMOptions Skewed(bool fallback)
        {
            var o = TinyOptions();
            o.HypotensionWeight = 1000;
            o.ForecastLossWeight = 10;
            o.FineTuneLearningRate = 1e-2;
            o.ForecastFallsBackToPersistence = fallback;
            return o;
        }

        using var guarded = ml.IOHFuse().Trainers.IohFuseLM(Skewed(fallback: true)).Fit(data, validation);
        using var unguarded = ml.IOHFuse().Trainers.IohFuseLM(Skewed(fallback: false)).Fit(data, validation);

        var s = guarded.TrainingSummary;
        Assert.IsNotNull(s.ForecastValidationMae);
        Assert.IsNotNull(s.PersistenceValidationMae);
        Assert.IsGreaterThan(s.PersistenceValidationMae.Value, s.ForecastValidationMae.Value, "the skewed forecast should be worse than persistence");
        Assert.IsTrue(s.ForecastIsPersistence);
        Assert.IsFalse(unguarded.TrainingSummary.ForecastIsPersistence);
        Assert.AreEqual(s.ForecastValidationMae, unguarded.TrainingSummary.ForecastValidationMae, "same seed, same training: only the fallback differs");

        var guardedOut = ml.Data.CreateEnumerable<ForecastRow>(guarded.Transform(validation), reuseRowObject: false).ToList();
        var unguardedOut = ml.Data.CreateEnumerable<ForecastRow>(unguarded.Transform(validation), reuseRowObject: false).ToList();
        int differs = 0;
        for (int i = 0; i < validationRows.Count; i++)
        {
            float last = validationRows[i].History[^1];
            foreach (float f in guardedOut[i].Forecast)
                Assert.AreEqual(last, f, 1e-3f, $"row {i}: the fallback forecast is the last MAP");
            if (unguardedOut[i].Forecast.Any(f => Math.Abs(f - last) > 0.5f))
                differs++;
        }
        Assert.IsGreaterThan(validationRows.Count / 2, differs, "without the fallback the trained forecast is kept");
    }

    private sealed class ForecastRow
    {
        public float[] Forecast { get; set; } = Array.Empty<float>();
    }

    [TestMethod]
    public void TestSeriesOnlyModelNeedsNoTokenColumns()
    {
        var ml = new MLContext(seed: 1);
        var rows = ToyWindows.Make(160, seed: 17);
        var data = ml.Data.LoadFromEnumerable(rows);
        var withoutText = ml.Transforms.DropColumns("TokenIds", "TokenMask").Fit(data).Transform(data);
        var options = TinyOptions();
        options.UseText = false;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(withoutText);
        Assert.AreEqual(0, model.TextLength);
        string path = Path.Combine(Path.GetTempPath(), $"iohfuse-series-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, withoutText.Schema, path);
            var loaded = new MLContext().Model.Load(path, out _);
            CollectionAssert.AreEqual(ScoreBits.Of(model.Transform(withoutText)), ScoreBits.Of(loaded.Transform(withoutText)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TestCancellationStopsTrainingPromptly()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(400, seed: 18));
        using var cts = new CancellationTokenSource();
        var options = TinyOptions();
        options.PretrainEpochs = 50;
        options.CancellationToken = cts.Token;
        int epochsReported = 0;
        options.Progress = new SynchronousProgress<IohFuseLMProgress>(_ => { epochsReported++; cts.Cancel(); });
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data));
        // The token is checked before every batch, so the epoch after the cancelling report never completes.
        Assert.AreEqual(1, epochsReported, "cancellation after the first epoch must not run the other 49");

        // The process stays healthy: a new training run works.
        options.PretrainEpochs = 1;
        options.FineTuneEpochs = 1;
        options.CancellationToken = default;
        options.Progress = null;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data);
        Assert.IsNotNull(model);
    }

    [TestMethod]
    public void TestBadInputFailsWithColumnNames()
    {
        var ml = new MLContext(seed: 1);
        var rows = ToyWindows.Make(50, seed: 19);
        var data = ml.Data.LoadFromEnumerable(rows);
        var missing = ml.Transforms.DropColumns("History").Fit(data).Transform(data);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.IOHFuse().Trainers.IohFuseLM(TinyOptions()).Fit(missing));
        StringAssert.Contains(ex.Message, "'History'");

        foreach (var r in rows) r.Label = false;
        var noPositives = ml.Data.LoadFromEnumerable(rows);
        var ex2 = Assert.ThrowsExactly<ArgumentException>(() => ml.IOHFuse().Trainers.IohFuseLM(TinyOptions()).Fit(noPositives));
        StringAssert.Contains(ex2.Message, "both classes");

        rows[3].History[5] = float.NaN;
        rows[4].Label = true;
        var nan = ml.Data.LoadFromEnumerable(rows);
        var ex3 = Assert.ThrowsExactly<InvalidDataException>(() => ml.IOHFuse().Trainers.IohFuseLM(TinyOptions()).Fit(nan));
        StringAssert.Contains(ex3.Message, "row 3");

        var bad = TinyOptions();
        bad.NumberOfHeads = 3;
        var ex4 = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.IOHFuse().Trainers.IohFuseLM(bad));
        Assert.AreEqual("NumberOfHeads", ex4.ParamName);
    }

    /// <summary>Trains on toy windows and returns copies of the weights after stage 1 and after stage 2.</summary>
    private static (Dictionary<string, Tensor> AfterPretrain, Dictionary<string, Tensor> AfterFineTune) WeightsAfterEachStage(IohFuseLMOptions options)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(200, seed: 12));
        var trainer = ml.IOHFuse().Trainers.IohFuseLM(options);
        Dictionary<string, Tensor>? afterPretrain = null;
        Dictionary<string, Tensor>? afterFineTune = null;
        trainer.StageCompleted = (stage, net) =>
        {
            var copy = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            if (stage == "Pretrain") afterPretrain = copy; else afterFineTune = copy;
        };
        using var model = trainer.Fit(data);
        Assert.IsNotNull(afterPretrain);
        Assert.IsNotNull(afterFineTune);
        return (afterPretrain, afterFineTune);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
