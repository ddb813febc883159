using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class CaseCsvReaderTests
{
    [TestMethod]
    public void TestReadsGenericCase()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("case7.csv", "time_s,map_mmhg,sbp_mmhg,dbp_mmhg,hr_bpm\n0,80,120,60,70\n3,,121,61,71\n6,82,122,62,72\n");
        var c = CaseCsvReader.Read(path, attributes: new PatientAttributes { Age = 70 });

        Assert.AreEqual("case7", c.CaseId);
        Assert.AreEqual(3, c.Map.Count);
        Assert.IsTrue(float.IsNaN(c.Map.Values[1]));
        Assert.AreEqual(70f, c.Attributes.Age);
        Assert.IsNotNull(c.HeartRate);
        Assert.AreEqual(72f, c.HeartRate.Values[2]);
    }

    [TestMethod]
    public void TestMapOnlyIsEnough()
    {
        using var tmp = new TempFiles();
        var c = CaseCsvReader.Read(tmp.Write("m.csv", "time_s,map_mmhg\n0,80\n3,81\n"), "m1");

        Assert.AreEqual("m1", c.CaseId);
        Assert.IsNull(c.Sbp);
    }

    [TestMethod]
    public void TestRejectsBadFiles()
    {
        using var tmp = new TempFiles();
        var missing = Assert.ThrowsExactly<InvalidDataException>(() => CaseCsvReader.Read(tmp.Write("m.csv", "time_s,hr_bpm\n0,80\n")));
        StringAssert.Contains(missing.Message, "no MAP column");
        StringAssert.Contains(missing.Message, "--map-column");
        var empty = Assert.ThrowsExactly<InvalidDataException>(() => CaseCsvReader.Read(tmp.Write("e.csv", "time_s,map_mmhg\n0,\n3,\n")));
        StringAssert.Contains(empty.Message, "has no values");
        var noTime = Assert.ThrowsExactly<InvalidDataException>(() => CaseCsvReader.Read(tmp.Write("t.csv", "when,map_mmhg\n0,80\n")));
        StringAssert.Contains(noTime.Message, "no time column");
        var text = Assert.ThrowsExactly<InvalidDataException>(() => CaseCsvReader.Read(tmp.Write("x.csv", "time_s,map_mmhg\n0,80\n3,eighty\n")));
        StringAssert.Contains(text.Message, "data row 2, column 'map_mmhg': 'eighty' is not a number");
        var dup = Assert.ThrowsExactly<InvalidDataException>(() => CaseCsvReader.Read(tmp.Write("d.csv", "time_s,map_mmhg\n0,80\n3,81\n3,82\n")));
        StringAssert.Contains(dup.Message, "(case d), data row 3: duplicate timestamp");
    }
}
