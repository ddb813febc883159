using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// Bad rows at Predict/Transform time, through the fitted transformer and through the loaded model.zip: each fails
/// with an ArgumentException-family error that names the problem, never a NaN probability and never a native crash.
/// </summary>
[TestClass]
public sealed class PredictBadInputTests
{
    private static TinyModel? s_model;

    private static TinyModel Model => s_model ?? throw new InvalidOperationException("class not initialised");

    [ClassInitialize]
    public static void Init(TestContext context) => s_model = TinyModel.Train();

    [ClassCleanup]
    public static void Cleanup() => s_model?.Dispose();

    /// <summary>Both doors: the in-memory transformer and the chain loaded from model.zip.</summary>
    private static IEnumerable<(string Door, ITransformer Model)> Doors()
    {
        yield return ("fitted", Model.Model);
        yield return ("loaded", new MLContext(seed: 2).Model.Load(Model.Path, out _));
    }

    private static FreeRow Good() => FreeRow.From(ToyWindows.Make(1, seed: 77)[0]);

    private static TException PredictThrows<TException>(ITransformer model, FreeRow row, string door)
        where TException : Exception
    {
        var ml = new MLContext(seed: 3);
        var engine = ml.Model.CreatePredictionEngine<FreeRow, ScoreRow>(model);
        ScoreRow? result = null;
        var ex = Assert.Throws<TException>(() => result = engine.Predict(row), $"{door}: the row must be refused");
        Assert.IsNull(result, $"{door}: no score may be returned for a refused row");
        return ex;
    }

    [TestMethod]
    public void TestGoodRowScoresFinitelyThroughBothDoors()
    {
        foreach (var (door, model) in Doors())
        {
            var engine = new MLContext(seed: 3).Model.CreatePredictionEngine<FreeRow, ScoreRow>(model);
            var p = engine.Predict(Good());
            Assert.IsTrue(float.IsFinite(p.Score), door);
            Assert.IsTrue(p.Probability is > 0f and < 1f, door);
            Assert.HasCount(ToyWindows.FutureLength, p.Forecast);
        }
    }

    [TestMethod]
    public void TestWrongHistoryLengthNamesExpectedLength()
    {
        foreach (var (door, model) in Doors())
        {
            foreach (int length in new[] { 0, 1, ToyWindows.HistoryLength - 1, ToyWindows.HistoryLength + 1, 5 * ToyWindows.HistoryLength })
            {
                var row = Good();
                row.History = Enumerable.Repeat(80f, length).ToArray();
                var ex = PredictThrows<ArgumentException>(model, row, door);
                StringAssert.Contains(ex.Message, $"{ToyWindows.HistoryLength} values", $"{door}, length {length}");
            }
        }
    }

    [TestMethod]
    public void TestWrongTokenLengthNamesExpectedLength()
    {
        foreach (var (door, model) in Doors())
        {
            var row = Good();
            row.TokenIds = new long[ToyWindows.TextLength + 3];
            var ex = PredictThrows<ArgumentException>(model, row, door);
            StringAssert.Contains(ex.Message, $"{ToyWindows.TextLength} values", door);

            row = Good();
            row.TokenMask = new float[1];
            ex = PredictThrows<ArgumentException>(model, row, door);
            StringAssert.Contains(ex.Message, $"{ToyWindows.TextLength} values", door);
        }
    }

    [TestMethod]
    public void TestNonPhysiologicalMapIsRefusedWithPosition()
    {
        var cases = new (float Value, string Text)[]
        {
            (float.NaN, "NaN"), (float.PositiveInfinity, "∞"), (float.NegativeInfinity, "-∞"), (-5f, "-5"), (1000f, "1000"), (400.5f, "400.5"),
        };
        foreach (var (door, model) in Doors())
        {
            foreach (var (value, text) in cases)
            {
                var row = Good();
                row.History[17] = value;
                var ex = PredictThrows<ArgumentOutOfRangeException>(model, row, door);
                StringAssert.Contains(ex.Message, "position 17", $"{door}, {text}");
                StringAssert.Contains(ex.Message, "0–400 mmHg", $"{door}, {text}");
            }
        }
    }

    [TestMethod]
    public void TestAllMissingWindowIsRefused()
    {
        foreach (var (door, model) in Doors())
        {
            var row = Good();
            Array.Fill(row.History, float.NaN);
            var ex = PredictThrows<ArgumentOutOfRangeException>(model, row, door);
            StringAssert.Contains(ex.Message, "position 0", door);
        }
    }

    [TestMethod]
    public void TestNegativeTokenIdIsRefused()
    {
        foreach (var (door, model) in Doors())
        {
            var row = Good();
            row.TokenIds[2] = -1;
            var ex = PredictThrows<ArgumentOutOfRangeException>(model, row, door);
            StringAssert.Contains(ex.Message, "negative", door);
        }
    }

    [TestMethod]
    public void TestTokenIdsNeverSeenInTrainingShareTheUnknownRow()
    {
        // The toy rows use ids 100–149, 1000 and 2000; 4096 and long.MaxValue are unknown to the model, so both score
        // the same, while a known id in that slot scores differently (the slot is read at all).
        foreach (var (door, model) in Doors())
        {
            var engine = new MLContext(seed: 3).Model.CreatePredictionEngine<FreeRow, ScoreRow>(model);
            float ScoreWith(long id)
            {
                var row = Good();
                row.TokenIds[2] = id;
                return engine.Predict(row).Score;
            }
            float unseen = ScoreWith(4096), huge = ScoreWith(long.MaxValue), known = ScoreWith(1000);
            Assert.IsTrue(float.IsFinite(unseen), door);
            Assert.AreEqual(unseen, huge, door);
            Assert.AreNotEqual(unseen, known, door);
        }
    }

    [TestMethod]
    public void TestBadRowInBatchTransformNamesTheProblemAndLaterRowsStillScore()
    {
        foreach (var (door, model) in Doors())
        {
            var ml = new MLContext(seed: 3);
            var rows = Enumerable.Range(0, 5).Select(_ => Good()).ToList();
            rows[3].History[0] = float.NaN;
            var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
            // ML.NET's parallel cursor may wrap the error ("Splitter/consolidator worker encountered exception…");
            // the IOHFuse exception is then its InnerException, unchanged.
            var thrown = Assert.Throws<Exception>(() => ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).ToList(), door);
            var ex = thrown as ArgumentOutOfRangeException
                ?? (thrown is InvalidOperationException { InnerException: ArgumentOutOfRangeException inner } ? inner : null);
            Assert.IsNotNull(ex, $"{door}: unexpected {thrown}");
            StringAssert.Contains(ex.Message, "position 0", door);

            // The failure leaves nothing behind: the next good rows score.
            var engine = ml.Model.CreatePredictionEngine<FreeRow, ScoreRow>(model);
            Assert.IsTrue(float.IsFinite(engine.Predict(Good()).Probability), door);
        }
    }

    [TestMethod]
    public void TestMissingOrMistypedColumnsAtTransformNameTheColumn()
    {
        var ml = new MLContext(seed: 3);
        var data = Model.Data;
        foreach (var (door, model) in Doors())
        {
            foreach (string column in new[] { "History", "TokenIds", "TokenMask" })
            {
                var without = ml.Transforms.DropColumns(column).Fit(data).Transform(data);
                var ex = Assert.Throws<ArgumentException>(() => model.Transform(without), $"{door}, missing {column}");
                StringAssert.Contains(ex.Message, $"'{column}'", $"{door}, missing {column}");
            }

            var doubles = ml.Transforms.Conversion.ConvertType("History", outputKind: DataKind.Double).Fit(data).Transform(data);
            // The fitted transformer checks types itself (ArgumentException naming 'History'); the loaded chain is plain
            // ML.NET, which reports InvalidOperationException naming the helper column '__IOHFuse_History'.
            var typed = Assert.Throws<Exception>(() => model.Transform(doubles), $"{door}, mistyped History");
            Assert.IsInstanceOfType(typed, door == "fitted" ? typeof(ArgumentException) : typeof(InvalidOperationException), door);
            StringAssert.Contains(typed.Message, "History", door);
        }
    }

    [TestMethod]
    public void TestFixedSizeHistoryOfWrongLengthFailsAtSchemaTime()
    {
        var ml = new MLContext(seed: 3);
        var rows = new[] { new ShortRow() };
        var data = ml.Data.LoadFromEnumerable(rows);
        var ex = Assert.Throws<ArgumentException>(() => Model.Model.GetOutputSchema(data.Schema));
        StringAssert.Contains(ex.Message, $"{ToyWindows.HistoryLength} values");
        StringAssert.Contains(ex.Message, "'History'");
    }

    /// <summary>A caller whose History was declared one sample short.</summary>
    internal sealed class ShortRow
    {
        [VectorType(ToyWindows.HistoryLength - 1)]
        public float[] History { get; set; } = new float[ToyWindows.HistoryLength - 1];

        [VectorType(ToyWindows.TextLength)]
        public long[] TokenIds { get; set; } = new long[ToyWindows.TextLength];

        [VectorType(ToyWindows.TextLength)]
        public float[] TokenMask { get; set; } = new float[ToyWindows.TextLength];
    }
}
