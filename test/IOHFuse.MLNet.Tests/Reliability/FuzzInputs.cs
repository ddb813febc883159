using System.IO.Compression;
using System.Text;
using IOHFuse.MLNet.Tests.Helpers;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>Seeded random inputs for the fuzz tests: valid files, their mutations, random bytes and odd values.</summary>
internal static class FuzzInputs
{
    private static readonly string[] OddTexts =
    [
        "", " ", "\t", "NaN", "-1", "1e308", "-0", "ü", "患者", "🩺", "\"quoted, with comma\"", "line\nbreak", "\0", "a|b",
        new string('x', 5000), "General", "M", "F", "Emergency", "<script>", "DROP TABLE", "\u202Eevil", "\uD800",
    ];

    private static readonly float[] OddNumbers =
    [
        float.NaN, float.PositiveInfinity, float.NegativeInfinity, -1f, 0f, -0f, 1e-45f, 1e30f, float.MaxValue, float.MinValue, 250f, 7f, 120f,
    ];

    public static string OddText(Random r) => r.Next(3) == 0 ? RandomString(r, r.Next(0, 40)) : OddTexts[r.Next(OddTexts.Length)];

    public static float OddNumber(Random r) => r.Next(3) == 0 ? (float)(r.NextDouble() * 400 - 50) : OddNumbers[r.Next(OddNumbers.Length)];

    public static string RandomString(Random r, int length)
    {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
            sb.Append((char)r.Next(r.Next(4) == 0 ? 0x3000 : 0x80));
        return sb.ToString();
    }

    public static byte[] RandomBytes(Random r, int maxLength)
    {
        var bytes = new byte[r.Next(maxLength)];
        r.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Character-level mutations of a valid text file: deletions, insertions of CSV-significant characters,
    /// duplicated or swapped lines, truncation.</summary>
    public static string Mutate(Random r, string valid)
    {
        const string alphabet = ",\n\r\"-.eE0123456789 aNn\t;";
        var s = new StringBuilder(valid);
        int edits = 1 + r.Next(4);
        for (int e = 0; e < edits && s.Length > 0; e++)
        {
            int at = r.Next(s.Length);
            switch (r.Next(6))
            {
                case 0: s.Remove(at, 1); break;
                case 1: s.Insert(at, alphabet[r.Next(alphabet.Length)]); break;
                case 2: s[at] = alphabet[r.Next(alphabet.Length)]; break;
                case 3: s.Length = at; break;
                case 4:
                {
                    var lines = s.ToString().Split('\n').ToList();
                    int i = r.Next(lines.Count);
                    lines.Insert(r.Next(lines.Count), lines[i]);
                    s.Clear().Append(string.Join('\n', lines));
                    break;
                }
                default:
                {
                    var lines = s.ToString().Split('\n');
                    int i = r.Next(lines.Length), j = r.Next(lines.Length);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    s.Clear().Append(string.Join('\n', lines));
                    break;
                }
            }
        }
        return s.ToString();
    }

    /// <summary>Flips, overwrites, deletes or truncates bytes.</summary>
    public static byte[] MutateBytes(Random r, byte[] valid)
    {
        var bytes = new List<byte>(valid);
        int edits = 1 + r.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = r.Next(bytes.Count);
            switch (r.Next(4))
            {
                case 0: bytes[at] ^= (byte)(1 << r.Next(8)); break;
                case 1: bytes[at] = (byte)r.Next(256); break;
                case 2: bytes.RemoveAt(at); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return bytes.ToArray();
    }

    public static string ValidCaseCsv(Random r)
    {
        var sb = new StringBuilder("time_s,map_mmhg,sbp_mmhg,dbp_mmhg,hr_bpm\n");
        int n = 3 + r.Next(30);
        for (int i = 0; i < n; i++)
            sb.Append($"{i * 3},{70 + r.Next(30)},{110 + r.Next(30)},{55 + r.Next(20)},{(r.Next(5) == 0 ? "" : (60 + r.Next(40)).ToString(System.Globalization.CultureInfo.InvariantCulture))}\n");
        return sb.ToString();
    }

    public static string ValidTrackCsv(Random r)
    {
        var sb = new StringBuilder("Time,Solar8000/ART_MBP,Solar8000/ART_SBP,Solar8000/HR,Solar8000/NIBP_MBP\n");
        int n = 3 + r.Next(30);
        for (int i = 0; i < n; i++)
            sb.Append($"{i * 2},{(r.Next(6) == 0 ? "" : (70 + r.Next(30)).ToString(System.Globalization.CultureInfo.InvariantCulture))},{110 + r.Next(30)},{60 + r.Next(40)},\n");
        return sb.ToString();
    }

    public static string ValidClinicalTable(Random r)
    {
        var sb = new StringBuilder("caseid,age,sex,height,weight,bmi,asa,emop,department,optype,opname,approach,ane_type,preop_htn\n");
        int n = 1 + r.Next(12);
        for (int i = 0; i < n; i++)
            sb.Append($"{i + 1},{(r.Next(8) == 0 ? ">89" : (20 + r.Next(70)).ToString(System.Globalization.CultureInfo.InvariantCulture))},{(r.Next(2) == 0 ? "M" : "F")},{150 + r.Next(40)},{45 + r.Next(60)},,{1 + r.Next(4)},{r.Next(2)},General surgery,Colorectal,Hemicolectomy,Open,General,{r.Next(2)}\n");
        return sb.ToString();
    }

    /// <summary>The uncompressed body of a small valid .vital file (the layout the reader's own tests build).</summary>
    public static byte[] ValidVitalBody(Random r)
    {
        var body = new VitalBodyWriter();
        double start = 1_700_000_000;
        int numerics = 1 + r.Next(6);
        for (int i = 0; i < numerics; i++)
            body.Numeric(start + r.Next(20), 60 + r.Next(40));
        int samples = 10 + r.Next(60);
        return body.Wave(start, Enumerable.Range(0, samples).Select(_ => (ushort)(340 + r.Next(40))).ToArray()).ToArray();
    }

    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(body);
        return output.ToArray();
    }
}
