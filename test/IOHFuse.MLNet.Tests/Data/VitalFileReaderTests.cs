using System.IO.Compression;
using System.Text;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Helpers;

namespace IOHFuse.MLNet.Tests.Data;

[TestClass]
public sealed class VitalFileReaderTests
{
    /// <summary>Writes a minimal .vital file: one device, a numeric ART_MBP track (float32) and a uint16 ART wave with gain/offset.</summary>
    private static string WriteTinyVital(TempFiles tmp, bool withNumeric = true)
    {
        var body = new VitalBodyWriter();
        body.Packet(6, b => { b.Write((byte)5); b.Write((ushort)0); });
        double start = 1_700_000_000;
        if (withNumeric)
        {
            // Written out of order on purpose: the reader sorts by time.
            foreach (var (dt, v) in new[] { (4.0, 82f), (0.0, 80f), (2.0, 81f) })
                body.Numeric(start + dt, v);
        }
        // Wave: 60 samples at 10 Hz, raw 360 → 0.5 × 360 − 100 = 80 mmHg.
        body.Wave(start, Enumerable.Repeat((ushort)360, 60).ToArray());
        string path = Path.Combine(tmp.Directory, withNumeric ? "tiny.vital" : "wave.vital");
        using (var f = File.Create(path))
        using (var gz = new GZipStream(f, CompressionLevel.Fastest))
            gz.Write(body.ToArray());
        return path;
    }

    [TestMethod]
    public void TestReadsHandBuiltFile()
    {
        using var tmp = new TempFiles();
        var file = VitalFileReader.Read(WriteTinyVital(tmp));
        Assert.HasCount(2, file.Tracks);
        Assert.AreEqual("Solar8000/ART_MBP", file.Tracks[0].Name);
        Assert.AreEqual(60L, file.Find("Solar8000/ART")!.SampleCount);

        var c = VitalFileReader.ReadCase(Path.Combine(tmp.Directory, "tiny.vital"));
        Assert.AreEqual("tiny", c.CaseId);
        CollectionAssert.AreEqual(new double[] { 0, 2, 4 }, c.Map.TimesSeconds);
        CollectionAssert.AreEqual(new float[] { 80, 81, 82 }, c.Map.Values);
    }

    [TestMethod]
    public void TestMapFromWaveWhenNoNumeric()
    {
        using var tmp = new TempFiles();
        var file = VitalFileReader.ReadCaseFile(WriteTinyVital(tmp, withNumeric: false));
        var c = file.Case;

        // 6 s of wave at 10 Hz → means over 2-s windows (the first may be partial depending on the start's phase).
        Assert.IsGreaterThanOrEqualTo(2, c.Map.Count);
        Assert.IsTrue(c.Map.Values.All(v => Math.Abs(v - 80f) < 1e-3f));
        StringAssert.Contains(file.MapSource, "wave");
        StringAssert.Contains(file.MapSource, "mean per 2 s");
    }

    [TestMethod]
    public void TestRejectsGarbageAndTruncatedFiles()
    {
        using var tmp = new TempFiles();
        var garbage = Assert.ThrowsExactly<InvalidDataException>(() => VitalFileReader.Read(tmp.Write("g.vital", "not gzip at all")));
        StringAssert.Contains(garbage.Message, "g.vital");
        byte[] good = File.ReadAllBytes(WriteTinyVital(tmp));
        string truncated = Path.Combine(tmp.Directory, "t.vital");
        File.WriteAllBytes(truncated, good[..(good.Length * 2 / 3)]);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => VitalFileReader.Read(truncated));
        StringAssert.Contains(ex.Message, "t.vital");
    }

    [TestMethod]
    public void TestReadsRealVitalFile()
    {
        string path = SharedData.RequireFile("QUI12_230718_175152.vital");
        var file = VitalFileReader.Read(path);

        Assert.HasCount(49, file.Tracks);
        var mbp = file.Find("Demo/ART_MBP")!;
        Assert.AreEqual(13, mbp.RecordCount);
        Assert.AreEqual(7, mbp.MonitorType);
        var (_, mbpValues) = mbp.GetSamples();
        Assert.IsTrue(mbpValues.All(v => v is >= 80 and <= 89), "Demo/ART_MBP is 80–89 mmHg");
        Assert.AreEqual(244457L, file.Find("Demo/ART")!.SampleCount);
        Assert.AreEqual(14, file.Find("Infinity/NIBP_MBP")!.RecordCount);

        // SNUADCM/ART3: uint16 with gain/offset, no transducer: all -497…4.9 mmHg, so cleaning invalidates all of it.
        var art3 = file.Find("SNUADCM/ART3")!;
        Assert.AreEqual(62612L, art3.SampleCount);
        var (t3, v3) = art3.GetSamples();
        Assert.IsLessThan(5f, v3.Max());
        Assert.IsGreaterThan(-498f, v3.Min());
        var cleaned = new TrackCleaner().Clean(new TimedTrack("ART3", "mmHg", t3, v3));
        Assert.IsTrue(cleaned.Values.All(float.IsNaN));

        // The numeric MAP tracks hold 13–14 samples over 24 s; the arterial wave beside them 40 min: the wave is chosen,
        // and the reader says so.
        var chosen = VitalFileReader.ReadCaseFile(path);
        Assert.AreEqual("Demo/ART", chosen.Case.Map.Name);
        StringAssert.Contains(chosen.MapSource, "wave 'Demo/ART'");
        Assert.IsGreaterThan(35 * 60.0, chosen.Case.Map.DurationSeconds - 0, "about 40 min of MAP (with a 40-min gap)");
        Assert.AreEqual(0.0, chosen.Case.Map.TimesSeconds[0]);
        Assert.IsTrue(chosen.Notes.Any(n => n.Contains("Demo/ART_MBP", StringComparison.Ordinal)), "the numeric track not used is named");

        // --track chooses.
        var numeric = VitalFileReader.ReadCaseFile(path, options: new VitalFileOptions { Track = "Demo/ART_MBP" });
        Assert.AreEqual("Demo/ART_MBP", numeric.Case.Map.Name);
        Assert.AreEqual(13, numeric.Case.Map.Count);
        Assert.ThrowsExactly<InvalidDataException>(() => VitalFileReader.ReadCaseFile(path, options: new VitalFileOptions { Track = "NoSuch/TRACK" }));
    }

    [TestMethod]
    public void TestRealWaveGivesPlausibleMap()
    {
        string path = SharedData.RequireFile("QUI12_230718_175152.vital");
        var c = VitalFileReader.ReadCase(path, options: new VitalFileOptions { NumericMapSuffixes = [] });

        StringAssert.Contains(c.Map.Name, "Demo/ART");
        double mean = c.Map.Values.Average(v => (double)v);
        Assert.IsTrue(mean is > 75 and < 90, $"mean MAP from the wave {mean}"); // wave mean 82.2 mmHg
    }
}
