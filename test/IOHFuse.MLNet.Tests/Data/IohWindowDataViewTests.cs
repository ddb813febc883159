using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class IohWindowDataViewTests
{
    [TestMethod]
    public void TestCreateEnumerableOfDefaultWindows()
    {
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 3, MinimumDurationHours = 1, MaximumDurationHours = 1 });
        var view = ml.IOHFuse().Data.CreateWindows(cases);

        Assert.AreEqual(300, ((VectorDataViewType)view.Schema[IohFuseColumns.History].Type).Size);
        var rows = ml.Data.CreateEnumerable<IohWindow>(view, reuseRowObject: false).ToList();
        Assert.HasCount((int)view.Statistics.Windows, rows);
        Assert.AreEqual(rows.Count, (int)view.GetRowCount()!);
        Assert.IsTrue(rows.All(r => r.History.Length == 300 && r.Future.Length == 300));
        Assert.IsTrue(rows.All(r => r.History.All(float.IsFinite) && r.Future.All(float.IsFinite)));
        Assert.IsTrue(rows.All(r => r.Label == r.Label5));
        Assert.AreEqual(cases[0].Attributes.SurgeryName, rows[0].SurgeryName);
        // The last history sample is the MAP at t on the 3 s grid.
        Assert.AreEqual(cases[0].Map.Values[(int)(rows[0].Time / 3)], rows[0].History[^1]);
    }
}
