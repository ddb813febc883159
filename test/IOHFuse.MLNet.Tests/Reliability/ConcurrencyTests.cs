using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// Scoring from many threads (one PredictionEngine per thread over one loaded model), cancelling training, and two
/// models side by side.
/// </summary>
[TestClass]
public sealed class ConcurrencyTests
{
    private const int Threads = 6;
    private static TinyModel? s_a;
    private static TinyModel? s_b;

    private static TinyModel A => s_a ?? throw new InvalidOperationException("class not initialised");

    private static TinyModel B => s_b ?? throw new InvalidOperationException("class not initialised");

    private static readonly FreeRow[] Rows = ToyWindows.Make(48, seed: 91).Select(FreeRow.From).ToArray();

    [ClassInitialize]
    public static void Init(TestContext context)
    {
        s_a = TinyModel.Train(seed: 3);
        s_b = TinyModel.Train(seed: 4);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        s_a?.Dispose();
        s_b?.Dispose();
    }

    private static string Bits(ScoreRow p) =>
        $"{BitConverter.SingleToInt32Bits(p.Score):x8} {BitConverter.SingleToInt32Bits(p.Probability):x8} {string.Join(',', p.Forecast.Select(BitConverter.SingleToInt32Bits))}";

    private static string[] SingleThreaded(MLContext ml, ITransformer model)
    {
        var engine = ml.Model.CreatePredictionEngine<FreeRow, ScoreRow>(model);
        return Rows.Select(r => Bits(engine.Predict(r))).ToArray();
    }

    /// <summary>Each thread creates its own engine (PredictionEngine is not thread-safe) and scores every row, starting
    /// at a different offset so threads hit different rows at the same moment.</summary>
    private static string[][] ManyThreads(MLContext ml, Func<int, ITransformer> modelOfThread)
    {
        var results = new string[Threads][];
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var engine = ml.Model.CreatePredictionEngine<FreeRow, ScoreRow>(modelOfThread(t));
            var mine = new string[Rows.Length];
            start.SignalAndWait();
            for (int k = 0; k < Rows.Length; k++)
            {
                int i = (k + t * 7) % Rows.Length;
                mine[i] = Bits(engine.Predict(Rows[i]));
            }
            results[t] = mine;
        })).ToList();
        workers.ForEach(w => w.Start());
        foreach (var w in workers)
            Assert.IsTrue(w.Join(TimeSpan.FromSeconds(60)), "a scoring thread did not finish");
        return results;
    }

    [TestMethod]
    public void TestEnginePerThreadOverOneLoadedModelIsBitIdentical()
    {
        var ml = new MLContext(seed: 1);
        var loaded = ml.Model.Load(A.Path, out _);
        string[] expected = SingleThreaded(ml, loaded);
        var results = ManyThreads(ml, _ => loaded);
        for (int t = 0; t < Threads; t++)
            CollectionAssert.AreEqual(expected, results[t], $"thread {t}");
        // And the fitted (in-memory) transformer, shared the same way.
        var fitted = ManyThreads(ml, _ => A.Model);
        for (int t = 0; t < Threads; t++)
            CollectionAssert.AreEqual(expected, fitted[t], $"fitted model, thread {t}");
    }

    [TestMethod]
    public void TestTwoModelsSideBySideKeepTheirOwnResults()
    {
        var ml = new MLContext(seed: 1);
        var loadedA = ml.Model.Load(A.Path, out _);
        var loadedB = ml.Model.Load(B.Path, out _);
        string[] expectedA = SingleThreaded(new MLContext(seed: 2), new MLContext().Model.Load(A.Path, out _));
        string[] expectedB = SingleThreaded(new MLContext(seed: 2), new MLContext().Model.Load(B.Path, out _));
        CollectionAssert.AreNotEqual(expectedA, expectedB, "the two seeds must give different models");

        // Interleaved on one thread: a cached network of one model must never serve the other.
        var engineA = ml.Model.CreatePredictionEngine<FreeRow, ScoreRow>(loadedA);
        var engineB = ml.Model.CreatePredictionEngine<FreeRow, ScoreRow>(loadedB);
        for (int i = 0; i < Rows.Length; i++)
        {
            Assert.AreEqual(expectedA[i], Bits(engineA.Predict(Rows[i])), $"A, row {i}");
            Assert.AreEqual(expectedB[i], Bits(engineB.Predict(Rows[i])), $"B, row {i}");
        }

        // And concurrently: even threads score A, odd threads score B.
        var results = ManyThreads(ml, t => t % 2 == 0 ? loadedA : loadedB);
        for (int t = 0; t < Threads; t++)
            CollectionAssert.AreEqual(t % 2 == 0 ? expectedA : expectedB, results[t], $"thread {t}");

        // The same file loaded twice gives two independent, equal models.
        var again = ml.Model.Load(A.Path, out _);
        CollectionAssert.AreEqual(expectedA, SingleThreaded(ml, again));
    }

    [TestMethod]
    public void TestCancelledTrainingLeavesProcessHealthy()
    {
        var ml = new MLContext(seed: 1);
        var data = A.Data;

        // Already cancelled: fails before reading data, no training step.
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            var o = TinyModel.Options(seed: 3);
            o.CancellationToken = cancelled.Token;
            Assert.Throws<OperationCanceledException>(() => ml.IOHFuse().Trainers.IohFuseLM(o).Fit(data));
        }

        // Cancelled from another thread while training runs (many epochs, cancelled after the first report).
        using (var cts = new CancellationTokenSource())
        {
            var o = TinyModel.Options(seed: 3);
            o.PretrainEpochs = 200;
            o.CancellationToken = cts.Token;
            using var firstEpoch = new ManualResetEventSlim();
            int epochsReported = 0;
            o.Progress = new CallbackProgress(_ => { Interlocked.Increment(ref epochsReported); firstEpoch.Set(); });
            var canceller = new Thread(() => { firstEpoch.Wait(TimeSpan.FromSeconds(60)); cts.Cancel(); });
            canceller.Start();
            Assert.Throws<OperationCanceledException>(() => ml.IOHFuse().Trainers.IohFuseLM(o).Fit(data));
            canceller.Join();
            // The other thread cancels while the next epochs run; the trainer checks the token before every batch, so
            // it stops within an epoch or so of the cancel, far from the 200 planned.
            Assert.IsLessThan(200, Volatile.Read(ref epochsReported), "cancellation must stop the 200 epochs");
        }

        // Healthy afterwards: the same seed trains the same model as before the cancellations.
        using var model = ml.IOHFuse().Trainers.IohFuseLM(TinyModel.Options(seed: 3)).Fit(data);
        CollectionAssert.AreEqual(SingleThreaded(ml, A.Model), SingleThreaded(ml, model), "a run after cancellation must match an undisturbed run");
    }

    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class CallbackProgress(Action<IohFuseLMProgress> handler) : IProgress<IohFuseLMProgress>
    {
        public void Report(IohFuseLMProgress value) => handler(value);
    }
}
