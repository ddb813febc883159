using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class CaseSplitTests
{
    private static List<SurgicalCase> Cases(int n)
        => Enumerable.Range(0, n).Select(i => new SurgicalCase($"case{i}", TestTracks.Regular(3, 3, _ => 80f))).ToList();

    [TestMethod]
    public void TestNoCaseInTwoSplits()
    {
        var cases = Cases(100);
        var split = new MLContext().IOHFuse().Data.SplitByCase(cases, 0.2, 0.1, seed: 5);

        Assert.HasCount(70, split.Train);
        Assert.HasCount(20, split.Validation);
        Assert.HasCount(10, split.Test);
        var all = split.Train.Concat(split.Validation).Concat(split.Test).Select(c => c.CaseId).ToList();
        Assert.HasCount(100, all.Distinct());
        Assert.IsEmpty(split.Train.Select(c => c.CaseId).Intersect(split.Test.Select(c => c.CaseId)));
        Assert.IsEmpty(split.Train.Select(c => c.CaseId).Intersect(split.Validation.Select(c => c.CaseId)));
        Assert.IsEmpty(split.Validation.Select(c => c.CaseId).Intersect(split.Test.Select(c => c.CaseId)));
    }

    [TestMethod]
    public void TestSplitIsDeterministicAndOrderFree()
    {
        var cases = Cases(50);
        var data = new MLContext().IOHFuse().Data;
        var a = data.SplitByCase(cases, 0.2, 0.2, seed: 3);
        var b = data.SplitByCase(Enumerable.Reverse(cases), 0.2, 0.2, seed: 3);
        var c = data.SplitByCase(cases, 0.2, 0.2, seed: 4);

        CollectionAssert.AreEqual(a.Test.Select(x => x.CaseId).ToList(), b.Test.Select(x => x.CaseId).ToList());
        CollectionAssert.AreNotEqual(a.Test.Select(x => x.CaseId).ToList(), c.Test.Select(x => x.CaseId).ToList());
    }

    [TestMethod]
    public void TestSplitRejectsDuplicateIdsAndBadFractions()
    {
        var data = new MLContext().IOHFuse().Data;
        var dup = Cases(3).Append(new SurgicalCase("case1", TestTracks.Regular(3, 3, _ => 80f))).ToList();

        Assert.ThrowsExactly<ArgumentException>(() => data.SplitByCase(dup));
        Assert.ThrowsExactly<ArgumentException>(() => data.SplitByCase(Cases(3), 0.5, 0.5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.SplitByCase(Cases(3), -0.1, 0.1));
    }
}
