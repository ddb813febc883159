using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class VitalTrackCsvReaderTests
{
    [TestMethod]
    public void TestReadsMapAndOptionalTracksWithBlanks()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("42.csv", "Time,Solar8000/ART_MBP,Solar8000/ART_SBP,Solar8000/HR\n0,80,120,70\n2,,121,71\n4,82,,\n6,83,123,72\n");
        var c = VitalTrackCsvReader.Read(path);

        Assert.AreEqual("42", c.CaseId);
        Assert.AreEqual("Solar8000/ART_MBP", c.Map.Name);
        CollectionAssert.AreEqual(new double[] { 0, 4, 6 }, c.Map.TimesSeconds);
        CollectionAssert.AreEqual(new float[] { 80, 82, 83 }, c.Map.Values);
        Assert.IsNotNull(c.Sbp);
        Assert.AreEqual(3, c.Sbp.Count);
        Assert.IsNotNull(c.HeartRate);
        Assert.IsNull(c.Dbp);
    }

    [TestMethod]
    public void TestPrefersInvasiveMapOverNonInvasive()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("a.csv", "Time,Solar8000/NIBP_MBP,Solar8000/ART_MBP\n0,90,80\n3,91,81\n");

        Assert.AreEqual("Solar8000/ART_MBP", VitalTrackCsvReader.Read(path).Map.Name);
        var nibp = VitalTrackCsvReader.Read(path, options: new VitalTrackCsvOptions { MapTrackSuffixes = ["NIBP_MBP"] });
        Assert.AreEqual(90f, nibp.Map.Values[0]);
    }

    [TestMethod]
    public void TestRejectsUnsortedDuplicateAndUnknown()
    {
        using var tmp = new TempFiles();
        var unsorted = Assert.ThrowsExactly<InvalidDataException>(() => VitalTrackCsvReader.Read(tmp.Write("u.csv", "Time,S/ART_MBP\n0,80\n6,81\n3,82\n")));
        StringAssert.Contains(unsorted.Message, "not sorted");
        StringAssert.Contains(unsorted.Message, "row 3");
        var dup = Assert.ThrowsExactly<InvalidDataException>(() => VitalTrackCsvReader.Read(tmp.Write("d.csv", "Time,S/ART_MBP\n0,80\n0,81\n")));
        StringAssert.Contains(dup.Message, "duplicate");
        var unknown = Assert.ThrowsExactly<InvalidDataException>(() => VitalTrackCsvReader.Read(tmp.Write("x.csv", "Time,ART_MBP\n0,80\n")));
        StringAssert.Contains(unknown.Message, "unknown column 'ART_MBP'");
        var noMap = Assert.ThrowsExactly<InvalidDataException>(() => VitalTrackCsvReader.Read(tmp.Write("n.csv", "Time,S/HR\n0,80\n")));
        StringAssert.Contains(noMap.Message, "no MAP track");
        var empty = Assert.ThrowsExactly<InvalidDataException>(() => VitalTrackCsvReader.Read(tmp.Write("e.csv", "Time,S/ART_MBP,S/HR\n0,,70\n3,,71\n")));
        StringAssert.Contains(empty.Message, "no values");
        var text = Assert.ThrowsExactly<InvalidDataException>(() => VitalTrackCsvReader.Read(tmp.Write("t.csv", "Time,S/ART_MBP\n0,80\n3,abc\n")));
        StringAssert.Contains(text.Message, "'abc' is not a number");
    }
}
