using System.Globalization;
using System.Text;
using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet.Tests.Data;

/// <summary>Recordings as exports come: HemoSphere-style 20-s files with a date, a time of day and a units row, `;` files
/// with decimal commas, tab files, a 500-Hz arterial wave, and folders with files that cannot be used.</summary>
[TestClass]
public sealed class ExportFormTests
{
    /// <summary>A HemoSphere-style export: Datum/Time columns, a units row, extra columns, one row per 20 s, crossing midnight.</summary>
    internal static string HemoSphereExport(int rows, double startSecondsOfDay = 23 * 3600 + 50 * 60)
    {
        var text = new StringBuilder("Datum,Time,MAP (mmHg),HPI,CO,SVV\n,,mmHg,,L/min,%\n");
        var day = new DateTime(2026, 12, 2);
        for (int i = 0; i < rows; i++)
        {
            var at = day.AddSeconds(startSecondsOfDay + 20 * i);
            double map = 78 + 8 * Math.Sin(i / 15.0);
            string mapCell = i % 97 == 5 ? "---" : map.ToString("F0", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{at:dd.MM.yyyy},{at:HH:mm:ss},{mapCell},{i % 100},5.1,12\n");
        }
        return text.ToString();
    }

    [TestMethod]
    public void TestReadsHemoSphereStyleExport()
    {
        using var tmp = new TempFiles();
        var file = CaseFileReader.Read(tmp.Write("hemo.csv", HemoSphereExport(990)));

        Assert.AreEqual("column 'MAP (mmHg)'", file.MapSource);
        CollectionAssert.AreEquivalent(new[] { "HPI", "CO", "SVV" }, file.IgnoredColumns.ToArray());
        Assert.IsTrue(file.Notes.Any(n => n.Contains("units", StringComparison.Ordinal)), string.Join("; ", file.Notes));
        var map = file.Case.Map;
        Assert.AreEqual(990, map.Count);
        Assert.AreEqual(20, file.MedianIntervalSeconds, 1e-9);
        Assert.AreEqual(989 * 20, map.TimesSeconds[^1] - map.TimesSeconds[0], 1e-6, "time runs on across midnight");
        Assert.IsTrue(float.IsNaN(map.Values[5]), "the '---' placeholder is a missing value");
        Assert.AreEqual(78f, map.Values[0]);
    }

    [TestMethod]
    public void TestTimeOfDayAloneRunsOnAcrossMidnight()
    {
        using var tmp = new TempFiles();
        var file = CaseFileReader.Read(tmp.Write("night.csv", "Time,MAP\n23:59:20,80\n23:59:40,81\n00:00:00,82\n00:00:20,83\n"));
        CollectionAssert.AreEqual(new[] { 0.0, 20, 40, 60 }, file.Case.Map.TimesSeconds.Select(t => t - file.Case.Map.TimesSeconds[0]).ToArray());
        Assert.IsTrue(file.Notes.Any(n => n.Contains("midnight", StringComparison.Ordinal)), string.Join("; ", file.Notes));
    }

    [TestMethod]
    public void TestReadsSemicolonFileWithDecimalCommas()
    {
        using var tmp = new TempFiles();
        var file = CaseFileReader.Read(tmp.Write("eu.csv", "time_s;ART_MBP;HR;Temp\n0;80,5;70;36,6\n1;81,25;71;36,6\n2;;72;36,7\n"));

        Assert.AreEqual("column 'ART_MBP'", file.MapSource);
        CollectionAssert.AreEqual(new[] { 80.5f, 81.25f }, file.Case.Map.Values.Take(2).ToArray());
        Assert.IsTrue(float.IsNaN(file.Case.Map.Values[2]));
        Assert.AreEqual(72f, file.Case.HeartRate!.Values[2]);
        CollectionAssert.AreEqual(new[] { "Temp" }, file.IgnoredColumns.ToArray());
    }

    [TestMethod]
    public void TestReadsTabFileAndNamedMapColumn()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("tab.tsv", "seconds\tABPMean\tPressure2\n0\t70\t90\n60\t72\t91\n120\t74\t92\n");
        Assert.AreEqual("column 'ABPMean'", CaseFileReader.Read(path).MapSource);
        var chosen = CaseFileReader.Read(path, new CaseFileOptions { MapSource = "Pressure2" });
        Assert.AreEqual("column 'Pressure2'", chosen.MapSource);
        CollectionAssert.AreEqual(new[] { 90f, 91f, 92f }, chosen.Case.Map.Values.ToArray());
        var absent = Assert.ThrowsExactly<InvalidDataException>(() => CaseFileReader.Read(path, new CaseFileOptions { MapSource = "MAP2" }));
        StringAssert.Contains(absent.Message, "there is no column 'MAP2'");
    }

    [TestMethod]
    public void TestMapFromA500HzWaveCsv()
    {
        // Ten minutes of a 500-Hz arterial wave at 72 beats/min: a pulse between 60 and 120 mmHg whose mean is 85,
        // then a fall to a mean of 60 from minute 5.
        using var tmp = new TempFiles();
        var text = new StringBuilder("time_s,ART\n");
        const int rate = 500;
        for (int i = 0; i < 10 * 60 * rate; i++)
        {
            double t = i / (double)rate;
            double mean = t < 300 ? 85 : 60;
            double pressure = mean + 25 * Math.Sin(2 * Math.PI * 1.2 * t);
            text.Append(CultureInfo.InvariantCulture, $"{t:0.000},{pressure:F1}\n");
        }
        var file = CaseFileReader.Read(tmp.Write("wave.csv", text.ToString()));

        StringAssert.StartsWith(file.MapSource, "wave 'ART' (500 Hz)");
        var map = file.Case.Map;
        Assert.AreEqual(300, map.Count, "one MAP value per 2-s window");
        Assert.AreEqual(2, file.MedianIntervalSeconds, 1e-9);
        // A 2-s window holds 2.4 beats, so a window mean is within the part-beat's share of the pulse amplitude.
        Assert.AreEqual(85, map.Values[10], 4);
        Assert.AreEqual(60, map.Values[200], 4);
        Assert.AreEqual(85, map.Values.Take(150).Average(), 0.5);
    }

    [TestMethod]
    public void TestFolderNamesEachUnusableFileOnce()
    {
        using var tmp = new TempFiles();
        tmp.Write("good.csv", "time_s,map_mmhg\n0,80\n60,81\n");
        tmp.Write("nomap.csv", "time_s,hr_bpm\n0,80\n");
        tmp.Write("empty.csv", string.Empty);
        tmp.Write("notes.md", "not a recording");
        var folder = CaseFileReader.ReadFolder(tmp.Directory);

        Assert.HasCount(1, folder.Files);
        Assert.HasCount(2, folder.Skipped);
        var nomap = folder.Skipped.Single(s => s.Path.EndsWith("nomap.csv", StringComparison.Ordinal));
        StringAssert.Contains(nomap.Reason, "no MAP column");
        Assert.DoesNotContain("\n", nomap.Reason, "one line per file");
        StringAssert.Contains(folder.Skipped.Single(s => s.Path.EndsWith("empty.csv", StringComparison.Ordinal)).Reason, "empty");
    }
}
