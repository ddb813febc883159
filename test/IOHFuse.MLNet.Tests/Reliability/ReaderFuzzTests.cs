using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Data;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of the file readers with random bytes and mutated valid files, a fixed number per reader: each
/// input either reads into a well-formed case or fails with a documented exception (<see cref="InvalidDataException"/>);
/// nothing else escapes.
/// </summary>
[TestClass]
public sealed class ReaderFuzzTests
{
    // A fixed count, not a time budget: the same inputs are tried on a busy machine as on an idle one.
    private const int Cases = 600;

    /// <summary>Runs <paramref name="read"/> on <see cref="Cases"/> generated files and returns (read, refused).</summary>
    private static (int Read, int Refused) Fuzz(string extension, Func<Random, int, byte[]> make, Action<string> read)
    {
        using var tmp = new TempFiles();
        var random = new Random(20240611);
        int ok = 0, refused = 0, i = 0;
        for (; i < Cases; i++)
        {
            byte[] bytes = make(random, i);
            string path = Path.Combine(tmp.Directory, $"f{i}{extension}");
            File.WriteAllBytes(path, bytes);
            try
            {
                read(path);
                ok++;
            }
            catch (InvalidDataException ex)
            {
                Assert.IsFalse(string.IsNullOrWhiteSpace(ex.Message));
                StringAssert.Contains(ex.Message, Path.GetFileName(path), $"case {i}: the message must name the file");
                refused++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {i}: undocumented {ex.GetType().Name}: {ex.Message}\n--- input (base64) ---\n{Convert.ToBase64String(bytes)}\n{ex}");
            }
            finally
            {
                File.Delete(path);
            }
        }
        Assert.AreEqual(Cases, ok + refused);
        return (ok, refused);
    }

    private static void CheckCase(SurgicalCase c)
    {
        Assert.IsGreaterThan(0, c.Map.Count);
        var t = c.Map.TimesSeconds;
        for (int k = 1; k < t.Length; k++)
            Assert.IsGreaterThan(t[k - 1], t[k], "times must be strictly increasing");
    }

    [TestMethod]
    public void TestCaseCsvReaderSurvivesFuzzing()
    {
        var (ok, refused) = Fuzz(".csv",
            (r, i) => i % 4 == 0 ? FuzzInputs.RandomBytes(r, 400) : System.Text.Encoding.UTF8.GetBytes(FuzzInputs.Mutate(r, FuzzInputs.ValidCaseCsv(r))),
            path => CheckCase(CaseCsvReader.Read(path)));
        Assert.IsGreaterThan(0, ok, "some mutations keep the file valid");
        Assert.IsGreaterThan(0, refused);
    }

    [TestMethod]
    public void TestVitalTrackCsvReaderSurvivesFuzzing()
    {
        var (ok, refused) = Fuzz(".csv",
            (r, i) => i % 4 == 0 ? FuzzInputs.RandomBytes(r, 400) : System.Text.Encoding.UTF8.GetBytes(FuzzInputs.Mutate(r, FuzzInputs.ValidTrackCsv(r))),
            path => CheckCase(VitalTrackCsvReader.Read(path)));
        Assert.IsGreaterThan(0, ok);
        Assert.IsGreaterThan(0, refused);
    }

    [TestMethod]
    public void TestClinicalTableSurvivesFuzzing()
    {
        var (ok, refused) = Fuzz(".csv",
            (r, i) => i % 4 == 0 ? FuzzInputs.RandomBytes(r, 400) : System.Text.Encoding.UTF8.GetBytes(FuzzInputs.Mutate(r, FuzzInputs.ValidClinicalTable(r))),
            path =>
            {
                var table = ClinicalTable.Read(path);
                foreach (var (id, attributes) in table.Attributes)
                {
                    Assert.IsFalse(string.IsNullOrWhiteSpace(id));
                    Assert.IsNotNull(attributes);
                }
            });
        Assert.IsGreaterThan(0, ok);
        Assert.IsGreaterThan(0, refused);
    }

    [TestMethod]
    public void TestVitalFileReaderSurvivesFuzzing()
    {
        var (ok, refused) = Fuzz(".vital",
            (r, i) => (i % 4) switch
            {
                0 => FuzzInputs.RandomBytes(r, 400),                                           // not gzip at all
                1 => FuzzInputs.MutateBytes(r, FuzzInputs.Gzip(FuzzInputs.ValidVitalBody(r))),  // damaged gzip
                _ => FuzzInputs.Gzip(FuzzInputs.MutateBytes(r, FuzzInputs.ValidVitalBody(r))), // intact gzip, damaged .vital body
            },
            path =>
            {
                var file = VitalFileReader.Read(path);
                Assert.IsNotNull(file.Tracks);
                CheckCase(VitalFileReader.ReadCase(path));
            });
        Assert.IsGreaterThan(0, ok);
        Assert.IsGreaterThan(0, refused);
    }
}
