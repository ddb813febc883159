using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Helpers;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class ClinicalTableTests
{
    private const string Header = "caseid,age,sex,height,weight,bmi,asa,emop,department,optype,opname,approach,ane_type,preop_htn";

    [TestMethod]
    public void TestJoinsAttributesByCaseId()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("clinical.csv", "\uFEFF" + Header + "\n1,>89,F,150,50,,3,1,General surgery,Colorectal,Hemicolectomy,Open,General,1\n2,45,M,175,80,26.1,,0,Thoracic surgery,Major resection,Lung lobectomy,Videoscopic,General,\n");
        var table = ClinicalTable.Read(path);
        var cases = new[] { "1", "2", "3" }.Select(id => new SurgicalCase(id, TestTracks.Regular(2, 3, _ => 80))).ToList();
        var unknown = table.AttachTo(cases);

        CollectionAssert.AreEqual(new[] { "3" }, unknown.ToList());
        var a = cases[0].Attributes;
        Assert.AreEqual(90f, a.Age);
        Assert.AreEqual("F", a.Sex);
        Assert.AreEqual(50f / (1.5f * 1.5f), a.Bmi, 1e-3f); // computed: the bmi cell is empty
        Assert.AreEqual(3f, a.Asa);
        Assert.IsTrue(a.Emergency);
        Assert.IsFalse(cases[1].Attributes.Emergency, "emop 0 is elective");
        Assert.AreEqual("Hemicolectomy", a.SurgeryName);
        Assert.AreEqual("1", a.Extra["preop_htn"]);
        Assert.IsTrue(float.IsNaN(cases[1].Attributes.Asa));
        Assert.AreEqual(26.1f, cases[1].Attributes.Bmi, 1e-4f);
        Assert.AreSame(PatientAttributes.Unknown, cases[2].Attributes);
    }

    [TestMethod]
    public void TestRejectsDuplicateIdsAndMissingCaseIdColumn()
    {
        using var tmp = new TempFiles();
        var dup = Assert.ThrowsExactly<InvalidDataException>(() => ClinicalTable.Read(tmp.Write("d.csv", Header + "\n1,50,M,170,70,,2,0,a,b,c,d,e,0\n1,51,M,170,70,,2,0,a,b,c,d,e,0\n")));
        StringAssert.Contains(dup.Message, "data row 2: case id '1' appears more than once");
        var noId = Assert.ThrowsExactly<InvalidDataException>(() => ClinicalTable.Read(tmp.Write("n.csv", "id,age\n1,50\n")));
        StringAssert.Contains(noId.Message, "no 'caseid' column");
    }

    [TestMethod]
    public void TestReadsRealVitalDbClinicalTable()
    {
        string path = SharedData.RequireFile("vitaldb_clinical_data.csv");
        var table = ClinicalTable.Read(path);

        Assert.HasCount(6388, table.Attributes);
        Assert.AreEqual(8, table.Attributes.Values.Count(a => a.Age == 90f)); // the ">89" rows
        Assert.AreEqual(782, table.Attributes.Values.Count(a => a.Emergency == true));
        Assert.AreEqual(133, table.Attributes.Values.Count(a => float.IsNaN(a.Asa)));
        Assert.AreEqual(3243, table.Attributes.Values.Count(a => a.Sex == "M"));
        Assert.AreEqual(1350, table.Attributes.Values.Count(a => a.SurgeryType == "Colorectal"));
    }
}
