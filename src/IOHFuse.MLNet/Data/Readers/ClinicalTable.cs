using System.Globalization;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// Static attributes by case id, read from a clinical table with the VitalDB clinical-information columns
/// (caseid, age, sex, height, weight, bmi, asa, emop, department, optype, opname, approach, ane_type, ...) through a
/// Microsoft.Data.Analysis DataFrame. Columns other than those mapped to <see cref="PatientAttributes"/> go to
/// <see cref="PatientAttributes.Extra"/> when non-empty.
/// </summary>
public sealed class ClinicalTable
{
    private const string CaseIdColumn = "caseid";

    private static readonly HashSet<string> Mapped = new(StringComparer.OrdinalIgnoreCase)
    {
        CaseIdColumn, "age", "sex", "height", "weight", "bmi", "asa", "emop", "department", "optype", "opname", "approach", "ane_type",
    };

    private ClinicalTable(Dictionary<string, PatientAttributes> byId) => Attributes = byId;

    /// <summary>Attributes by case id (the text of the caseid column).</summary>
    public IReadOnlyDictionary<string, PatientAttributes> Attributes { get; }

    /// <summary>Reads a clinical table. Age "&gt;89" is read as 90; empty cells are unknown.</summary>
    /// <param name="path">CSV file (UTF-8, a BOM is accepted).</param>
    /// <exception cref="InvalidDataException">No caseid column, an empty or duplicate case id, or a numeric cell that is not a number.</exception>
    public static ClinicalTable Read(string path)
    {
        var frame = CsvTable.Load(path);
        var names = frame.Columns.Select(c => c.Name).ToList();
        if (!names.Contains(CaseIdColumn, StringComparer.OrdinalIgnoreCase))
            throw new InvalidDataException($"'{path}': no '{CaseIdColumn}' column; found {string.Join(", ", names.Take(10))}{(names.Count > 10 ? ", ..." : "")}.");
        string Col(string name) => names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) ?? string.Empty;
        var extraColumns = names.Where(n => !Mapped.Contains(n)).ToList();

        float Num(string name, long row)
        {
            string c = Col(name);
            if (c.Length == 0)
                return float.NaN;
            if (name == "age" && CsvTable.Text(frame, c, row) == ">89")
                return 90f; // VitalDB top-codes ages above 89
            return (float)CsvTable.Number(frame, c, row, path);
        }
        string Txt(string name, long row) => Col(name) is { Length: > 0 } c ? CsvTable.Text(frame, c, row) : string.Empty;

        var byId = new Dictionary<string, PatientAttributes>(StringComparer.Ordinal);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            string id = Txt(CaseIdColumn, r);
            if (id.Length == 0)
                throw new InvalidDataException($"'{path}', data row {r + 1}: empty case id.");
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string c in extraColumns)
                if (CsvTable.Text(frame, c, r) is { Length: > 0 } v)
                    extra[c] = v;
            float emop = Num("emop", r);
            var attributes = new PatientAttributes
            {
                Age = Num("age", r),
                Sex = Txt("sex", r).ToUpperInvariant() switch { "M" or "MALE" => "M", "F" or "FEMALE" => "F", _ => string.Empty },
                Height = Num("height", r),
                Weight = Num("weight", r),
                Bmi = Num("bmi", r),
                Asa = Num("asa", r),
                Emergency = float.IsNaN(emop) ? null : emop != 0f,
                Department = Txt("department", r),
                SurgeryType = Txt("optype", r),
                SurgeryName = Txt("opname", r),
                Approach = Txt("approach", r),
                Anesthesia = Txt("ane_type", r),
                Extra = extra,
            };
            if (!byId.TryAdd(id, attributes))
                throw new InvalidDataException($"'{path}', data row {r + 1}: case id '{id}' appears more than once.");
        }
        return new ClinicalTable(byId);
    }

    /// <summary>Sets <see cref="SurgicalCase.Attributes"/> of every case whose id is in the table.</summary>
    /// <param name="cases">Cases to update.</param>
    /// <returns>Ids of the cases not found in the table (their attributes are left unchanged).</returns>
    public IReadOnlyList<string> AttachTo(IEnumerable<SurgicalCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var unknown = new List<string>();
        foreach (var c in cases)
        {
            if (Attributes.TryGetValue(NormalizeId(c.CaseId), out var a))
                c.Attributes = a;
            else
                unknown.Add(c.CaseId);
        }
        return unknown;
    }

    // Case ids like "0042" or "42.0" from other sources still match the table's integer ids.
    private string NormalizeId(string id)
        => Attributes.ContainsKey(id) ? id
        : double.TryParse(id, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n == Math.Floor(n) && Math.Abs(n) < 1e15
            ? ((long)n).ToString(CultureInfo.InvariantCulture) : id;
}
