using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// Bad training data: each problem fails Fit before any training step with a specific exception naming the column,
/// row or option (checked data is read first, so these tests cost milliseconds, not a training run).
/// </summary>
[TestClass]
public sealed class FitBadInputTests
{
    private static List<ToyWindows.Row> Rows() => ToyWindows.Make(48, seed: 31);

    private static TException FitThrows<TException>(IEnumerable<ToyWindows.Row> rows, Action<IohFuseLMOptions>? configure = null)
        where TException : Exception
    {
        var ml = new MLContext(seed: 1);
        var options = TinyModel.Options();
        configure?.Invoke(options);
        return Assert.ThrowsExactly<TException>(() => ml.IOHFuse().Trainers.IohFuseLM(options).Fit(ml.Data.LoadFromEnumerable(rows)));
    }

    [TestMethod]
    public void TestNonFiniteHistoryNamesColumnAndRow()
    {
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var rows = Rows();
            rows[7].History[3] = bad;
            var ex = FitThrows<InvalidDataException>(rows);
            StringAssert.Contains(ex.Message, "'History'");
            StringAssert.Contains(ex.Message, "row 7");
        }
    }

    [TestMethod]
    public void TestAllMissingWindowNamesRow()
    {
        var rows = Rows();
        Array.Fill(rows[11].History, float.NaN);
        var ex = FitThrows<InvalidDataException>(rows);
        StringAssert.Contains(ex.Message, "row 11");
    }

    [TestMethod]
    public void TestNegativeOrAbsurdMapNamesColumnRowAndValue()
    {
        foreach (float bad in new[] { -5f, 401f, 1e30f })
        {
            var rows = Rows();
            rows[9].History[30] = bad;
            var ex = FitThrows<InvalidDataException>(rows);
            StringAssert.Contains(ex.Message, "'History'", $"value {bad}");
            StringAssert.Contains(ex.Message, "row 9", $"value {bad}");
            StringAssert.Contains(ex.Message, "0–400 mmHg", $"value {bad}");
        }

        var future = Rows();
        future[4].Future[2] = -1f;
        var fx = FitThrows<InvalidDataException>(future);
        StringAssert.Contains(fx.Message, "'Future'");
        StringAssert.Contains(fx.Message, "row 4");
    }

    [TestMethod]
    public void TestNonFiniteFutureNamesColumnAndRow()
    {
        var rows = Rows();
        rows[5].Future[0] = float.NaN;
        var ex = FitThrows<InvalidDataException>(rows);
        StringAssert.Contains(ex.Message, "'Future'");
        StringAssert.Contains(ex.Message, "row 5");
    }

    [TestMethod]
    public void TestEmptyTrainingDataIsRefused()
    {
        var ex = FitThrows<ArgumentException>(Array.Empty<ToyWindows.Row>());
        StringAssert.Contains(ex.Message, "no rows");
    }

    [TestMethod]
    public void TestOneClassOnlyIsRefused()
    {
        foreach (bool value in new[] { false, true })
        {
            var rows = Rows();
            foreach (var r in rows) r.Label = value;
            var ex = FitThrows<ArgumentException>(rows);
            StringAssert.Contains(ex.Message, "'Label'");
            StringAssert.Contains(ex.Message, "both classes");
        }
    }

    [TestMethod]
    public void TestSingleRowIsRefusedAndSingleCaseTrains()
    {
        var one = FitThrows<ArgumentException>(Rows().Take(1));
        StringAssert.Contains(one.Message, "both classes");

        // One case with both classes is legitimate training data (e.g. a first smoke test): it trains and scores.
        var ml = new MLContext(seed: 1);
        var rows = Rows();
        foreach (var r in rows) r.CaseId = "only-case";
        var data = ml.Data.LoadFromEnumerable(rows);
        using var model = ml.IOHFuse().Trainers.IohFuseLM(TinyModel.Options()).Fit(data);
        var scored = ml.Data.CreateEnumerable<ScoreRow>(model.Transform(data), reuseRowObject: false).ToList();
        Assert.HasCount(rows.Count, scored);
        Assert.IsTrue(scored.All(s => s.Probability is > 0f and < 1f));
    }

    [TestMethod]
    public void TestOnlySyntheticRowsIsRefused()
    {
        var rows = Rows();
        foreach (var r in rows) r.IsSynthetic = true;
        var ex = FitThrows<ArgumentException>(rows);
        StringAssert.Contains(ex.Message, "synthetic");
    }

    [TestMethod]
    public void TestMissingColumnsNameTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows());
        foreach (string column in new[] { "History", "Label", "Future", "TokenIds", "TokenMask" })
        {
            var without = ml.Transforms.DropColumns(column).Fit(data).Transform(data);
            var ex = Assert.Throws<ArgumentException>(() => ml.IOHFuse().Trainers.IohFuseLM(TinyModel.Options()).Fit(without), column);
            StringAssert.Contains(ex.Message, $"'{column}'", column);
            StringAssert.Contains(ex.Message, "missing", column);
        }
    }

    [TestMethod]
    public void TestMistypedColumnsNameTheColumnAndType()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var cases = new (string Column, DataKind Kind)[]
        {
            ("History", DataKind.Double), ("Label", DataKind.Single), ("TokenIds", DataKind.Int32), ("TokenMask", DataKind.Double), ("IsSynthetic", DataKind.Single),
        };
        foreach (var (column, kind) in cases)
        {
            var mistyped = ml.Transforms.Conversion.ConvertType(column, outputKind: kind).Fit(data).Transform(data);
            var ex = Assert.Throws<ArgumentException>(() => ml.IOHFuse().Trainers.IohFuseLM(TinyModel.Options()).Fit(mistyped), column);
            StringAssert.Contains(ex.Message, $"'{column}'", column);
        }
    }

    [TestMethod]
    public void TestVaryingVectorLengthsNameColumnAndRow()
    {
        var rows = Rows().Select(FreeTrainingRow.From).ToList();
        rows[6].History = rows[6].History[..^1];
        var ml = new MLContext(seed: 1);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => ml.IOHFuse().Trainers.IohFuseLM(TinyModel.Options()).Fit(ml.Data.LoadFromEnumerable(rows)));
        StringAssert.Contains(ex.Message, "'History'");
        StringAssert.Contains(ex.Message, "row 6");
    }

    [TestMethod]
    public void TestHistoryNotDivisibleByPatchLengthNamesOption()
    {
        var ex = FitThrows<ArgumentOutOfRangeException>(Rows(), o => o.PatchLength = 7);
        Assert.AreEqual("PatchLength", ex.ParamName);
    }

    [TestMethod]
    public void TestBadValidationDataIsRefused()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Rows());
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<ToyWindows.Row>());
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.IOHFuse().Trainers.IohFuseLM(TinyModel.Options()).Fit(train, empty));
        StringAssert.Contains(ex.Message, "validation");

        var nan = Rows();
        nan[2].History[0] = float.NaN;
        var vx = Assert.ThrowsExactly<InvalidDataException>(() => ml.IOHFuse().Trainers.IohFuseLM(TinyModel.Options()).Fit(train, ml.Data.LoadFromEnumerable(nan)));
        StringAssert.Contains(vx.Message, "validation");
        StringAssert.Contains(vx.Message, "row 2");
    }

    [TestMethod]
    public void TestNullArgumentsNameTheParameter()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.IOHFuse().Trainers.IohFuseLM(TinyModel.Options());
        Assert.AreEqual("trainData", Assert.ThrowsExactly<ArgumentNullException>(() => trainer.Fit(null!, null)).ParamName);
        Assert.AreEqual("options", Assert.ThrowsExactly<ArgumentNullException>(() => ml.IOHFuse().Trainers.IohFuseLM(null!)).ParamName);
    }
}
