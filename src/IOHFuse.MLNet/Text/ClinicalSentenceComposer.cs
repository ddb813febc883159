using System.Globalization;
using System.Text;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// Turns one row's attributes into the clinical sentence. The template is parsed once into literal and placeholder
/// parts; rendering is a single pass into a <see cref="StringBuilder"/>. Immutable, so one instance serves all threads.
/// </summary>
internal sealed class ClinicalSentenceComposer
{
    private const string Unknown = "unknown";

    private static readonly string[] PlaceholderNames =
    {
        "patient", "age", "age_group", "sex", "height", "weight", "bmi", "bmi_class", "bmi_phrase", "asa", "asa_phrase",
        "emergency", "department", "surgery_type", "surgery_name", "surgery_phrase", "approach", "approach_phrase",
        "anesthesia", "anesthesia_phrase", "extras", "extras_phrase",
    };

    private static readonly string[] EmergencyWords = { "1", "true", "yes", "y", "e", "emergency", "emergent", "urgent" };
    private static readonly string[] ElectiveWords = { "0", "false", "no", "n", "elective" };

    // A part is either literal text (Placeholder < 0) or the index of a placeholder name.
    private readonly (string Literal, int Placeholder)[] _parts;

    public ClinicalSentenceComposer(string template)
    {
        _parts = Parse(template);
    }

    /// <summary>The placeholder names a template may use.</summary>
    public static IReadOnlyList<string> Placeholders => PlaceholderNames;

    /// <summary>Parses a template, throwing <see cref="ArgumentException"/> naming a bad placeholder or brace.</summary>
    public static (string Literal, int Placeholder)[] Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parts = new List<(string, int)>();
        var literal = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                int end = template.IndexOf('}', i + 1);
                if (end < 0)
                    throw new ArgumentException($"The clinical-text template has an unclosed '{{' at position {i}.", nameof(template));
                string name = template[(i + 1)..end].Trim().ToLowerInvariant();
                int index = Array.IndexOf(PlaceholderNames, name);
                if (index < 0)
                    throw new ArgumentException(
                        $"The clinical-text template uses the unknown placeholder '{{{name}}}'. Known placeholders: {string.Join(", ", PlaceholderNames.Select(p => "{" + p + "}"))}.",
                        nameof(template));
                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), -1));
                    literal.Clear();
                }
                parts.Add(("", index));
                i = end;
            }
            else if (c == '}')
            {
                throw new ArgumentException($"The clinical-text template has a stray '}}' at position {i}; write '}}}}' for a literal brace.", nameof(template));
            }
            else
            {
                literal.Append(c);
            }
        }
        if (literal.Length > 0)
            parts.Add((literal.ToString(), -1));
        return parts.ToArray();
    }

    /// <summary>Renders the sentence for one row.</summary>
    public string Compose(ClinicalValues v)
    {
        var sb = new StringBuilder(256);
        foreach (var (literal, placeholder) in _parts)
        {
            if (placeholder < 0)
                sb.Append(literal);
            else
                AppendPlaceholder(sb, PlaceholderNames[placeholder], v);
        }
        return Tidy(sb);
    }

    private static void AppendPlaceholder(StringBuilder sb, string name, ClinicalValues v)
    {
        switch (name)
        {
            case "patient": AppendPatient(sb, v); break;
            case "age": if (v.IsUsed(ClinicalAttribute.Age)) sb.Append(IsValidAge(v.Age) ? FormatNumber(v.Age) : Unknown); break;
            case "age_group": if (v.IsUsed(ClinicalAttribute.Age)) sb.Append(AgeGroup(v.Age) ?? Unknown); break;
            case "sex": if (v.IsUsed(ClinicalAttribute.Sex)) sb.Append(SexWord(v.Sex) ?? Unknown); break;
            case "height": if (v.IsUsed(ClinicalAttribute.Height)) sb.Append(IsPositive(v.Height) ? FormatNumber(v.Height) : Unknown); break;
            case "weight": if (v.IsUsed(ClinicalAttribute.Weight)) sb.Append(IsPositive(v.Weight) ? FormatNumber(v.Weight) : Unknown); break;
            case "bmi":
                if (UsesBmi(v))
                {
                    float bmi = EffectiveBmi(v);
                    sb.Append(float.IsNaN(bmi) ? Unknown : bmi.ToString("0.0", CultureInfo.InvariantCulture));
                }
                break;
            case "bmi_class": if (UsesBmi(v)) sb.Append(BmiClass(EffectiveBmi(v)) ?? Unknown); break;
            case "bmi_phrase": AppendBmiPhrase(sb, v); break;
            case "asa": if (v.IsUsed(ClinicalAttribute.Asa)) sb.Append(AsaClass(v.Asa)?.ToString(CultureInfo.InvariantCulture) ?? Unknown); break;
            case "asa_phrase": if (v.IsUsed(ClinicalAttribute.Asa)) sb.Append("ASA class ").Append(AsaClass(v.Asa)?.ToString(CultureInfo.InvariantCulture) ?? Unknown); break;
            case "emergency": if (v.IsUsed(ClinicalAttribute.Emergency)) sb.Append(v.Emergency is null ? Unknown : v.Emergency.Value ? "emergency" : "elective"); break;
            case "department": AppendCategory(sb, v, ClinicalAttribute.Department, v.Department); break;
            case "surgery_type": AppendCategory(sb, v, ClinicalAttribute.SurgeryType, v.SurgeryType); break;
            case "surgery_name": AppendCategory(sb, v, ClinicalAttribute.SurgeryName, v.SurgeryName); break;
            case "surgery_phrase": AppendSurgeryPhrase(sb, v); break;
            case "approach": AppendCategory(sb, v, ClinicalAttribute.Approach, v.Approach); break;
            case "approach_phrase":
                if (v.IsUsed(ClinicalAttribute.Approach))
                {
                    string? approach = Category(v.Approach);
                    sb.Append(approach is null ? "approach unknown" : approach + " approach");
                }
                break;
            case "anesthesia": AppendCategory(sb, v, ClinicalAttribute.Anesthesia, v.Anesthesia); break;
            case "anesthesia_phrase": AppendAnesthesiaPhrase(sb, v); break;
            case "extras": AppendExtras(sb, v, sentence: false); break;
            case "extras_phrase": AppendExtras(sb, v, sentence: true); break;
            default: throw new InvalidOperationException($"Unhandled placeholder '{name}'.");
        }
    }

    private static void AppendPatient(StringBuilder sb, ClinicalValues v)
    {
        bool ageUsed = v.IsUsed(ClinicalAttribute.Age), sexUsed = v.IsUsed(ClinicalAttribute.Sex);
        if (!ageUsed && !sexUsed)
        {
            sb.Append("A patient");
            return;
        }
        bool ageKnown = ageUsed && IsValidAge(v.Age);
        string? sexWord = sexUsed ? SexWord(v.Sex) : null;
        bool sexKnown = sexWord is not null;
        bool sexOther = sexUsed && !sexKnown && !string.IsNullOrWhiteSpace(v.Sex);

        sb.Append('A');
        if (ageKnown)
            sb.Append(' ').Append(AgeAdjective(v.Age)).Append(' ').Append(AgeGroup(v.Age));
        sb.Append(' ').Append(sexKnown ? sexWord : "patient");

        bool ageMissing = ageUsed && !ageKnown;
        bool sexMissing = sexUsed && !sexKnown && !sexOther;
        if (sexKnown && ageMissing)
            sb.Append(" patient of unknown age");
        else if (ageMissing && sexMissing)
            sb.Append(" of unknown age and sex");
        else if (ageMissing)
            sb.Append(" of unknown age");
        else if (sexMissing)
            sb.Append(" of unknown sex");
        if (sexOther)
            sb.Append(ageMissing ? " and sex " : " of sex ").Append(v.Sex!.Trim());
    }

    private static void AppendBmiPhrase(StringBuilder sb, ClinicalValues v)
    {
        if (!UsesBmi(v))
            return;
        float bmi = EffectiveBmi(v);
        if (float.IsNaN(bmi))
        {
            sb.Append("BMI unknown");
            return;
        }
        sb.Append("BMI ").Append(bmi.ToString("0.0", CultureInfo.InvariantCulture));
        // WHO's BMI classes are defined for adults; children are judged on growth percentiles, so no class for them.
        bool child = v.IsUsed(ClinicalAttribute.Age) && IsValidAge(v.Age) && v.Age < 18f;
        if (!child)
            sb.Append(" (").Append(BmiClass(bmi)).Append(')');
    }

    private static void AppendSurgeryPhrase(StringBuilder sb, ClinicalValues v)
    {
        bool urgencyUsed = v.IsUsed(ClinicalAttribute.Emergency), typeUsed = v.IsUsed(ClinicalAttribute.SurgeryType);
        bool nameUsed = v.IsUsed(ClinicalAttribute.SurgeryName), departmentUsed = v.IsUsed(ClinicalAttribute.Department);
        if (!urgencyUsed && !typeUsed && !nameUsed && !departmentUsed)
            return;
        string? type = typeUsed ? Category(v.SurgeryType) : null;
        sb.Append("undergoing ");
        if (urgencyUsed && v.Emergency is not null)
            sb.Append(v.Emergency.Value ? "emergency " : "elective ");
        if (type is not null)
            sb.Append(type).Append(' ');
        sb.Append("surgery");
        bool urgencyMissing = urgencyUsed && v.Emergency is null, typeMissing = typeUsed && type is null;
        if (urgencyMissing && typeMissing)
            sb.Append(" of unknown urgency and type");
        else if (urgencyMissing)
            sb.Append(" of unknown urgency");
        else if (typeMissing)
            sb.Append(" of unknown type");
        if (nameUsed)
            sb.Append(" (").Append(Category(v.SurgeryName) ?? "procedure unknown").Append(')');
        if (departmentUsed)
        {
            string? department = Category(v.Department);
            sb.Append(department is null ? " in an unknown department" : " in " + department);
        }
    }

    private static void AppendAnesthesiaPhrase(StringBuilder sb, ClinicalValues v)
    {
        if (!v.IsUsed(ClinicalAttribute.Anesthesia))
            return;
        string? kind = Category(v.Anesthesia);
        if (kind is null)
        {
            sb.Append("under anaesthesia of unknown type");
            return;
        }
        sb.Append("under ").Append(kind);
        // "Sedation-analgesia" or "general anesthesia" already say what it is; don't append "anaesthesia" twice.
        if (!kind.Contains("anaesth", StringComparison.Ordinal) && !kind.Contains("anesth", StringComparison.Ordinal)
            && !kind.Contains("sedation", StringComparison.Ordinal))
            sb.Append(" anaesthesia");
    }

    private static void AppendExtras(StringBuilder sb, ClinicalValues v, bool sentence)
    {
        for (int i = 0; i < v.Extras.Count; i++)
        {
            if (i > 0)
                sb.Append("; ");
            sb.Append(v.Extras[i].Key).Append(": ").Append(v.Extras[i].Value);
        }
        if (sentence && v.Extras.Count > 0)
            sb.Append('.');
    }

    private static void AppendCategory(StringBuilder sb, ClinicalValues v, ClinicalAttribute attribute, string? value)
    {
        if (v.IsUsed(attribute))
            sb.Append(Category(value) ?? Unknown);
    }

    /// <summary>Removes separators left empty by unused attributes and collapses spaces.</summary>
    private static string Tidy(StringBuilder sb)
    {
        var o = new StringBuilder(sb.Length);
        for (int i = 0; i < sb.Length; i++)
        {
            char c = sb[i];
            if (char.IsWhiteSpace(c))
            {
                if (o.Length > 0 && o[^1] != ' ')
                    o.Append(' ');
                continue;
            }
            if (c is ',' or '.' or ';')
            {
                while (o.Length > 0 && o[^1] == ' ')
                    o.Length--;
                if (o.Length == 0)
                    continue;
                // ", ," -> ","; ", ." -> "." and ", ;" -> ";" (the stronger mark replaces the comma).
                if (o[^1] == ',' && c == ',')
                    continue;
                if (o[^1] == ',' && c is '.' or ';')
                    o.Length--;
            }
            o.Append(c);
        }
        while (o.Length > 0 && o[^1] == ' ')
            o.Length--;
        return o.ToString();
    }

    private static bool UsesBmi(ClinicalValues v) =>
        v.IsUsed(ClinicalAttribute.Bmi) || (v.IsUsed(ClinicalAttribute.Height) && v.IsUsed(ClinicalAttribute.Weight));

    /// <summary>The BMI column, or weight / height² when the BMI is missing but both are known.</summary>
    internal static float EffectiveBmi(ClinicalValues v)
    {
        // Rounded to the one decimal the sentence shows, so the class always agrees with the number read.
        if (v.IsUsed(ClinicalAttribute.Bmi) && IsPositive(v.Bmi))
            return MathF.Round(v.Bmi, 1);
        if (v.IsUsed(ClinicalAttribute.Height) && v.IsUsed(ClinicalAttribute.Weight) && IsPositive(v.Height) && IsPositive(v.Weight))
        {
            float m = v.Height / 100f;
            return MathF.Round(v.Weight / (m * m), 1);
        }
        return float.NaN;
    }

    /// <summary>WHO adult BMI classes (kg/m²): &lt;18.5, 18.5–24.9, 25–29.9, 30–34.9, 35–39.9, ≥40.</summary>
    internal static string? BmiClass(float bmi) => bmi switch
    {
        float.NaN => null,
        < 18.5f => "underweight",
        < 25f => "normal weight",
        < 30f => "overweight",
        < 35f => "obesity class I",
        < 40f => "obesity class II",
        _ => "obesity class III",
    };

    private static bool IsPositive(float x) => float.IsFinite(x) && x > 0f;

    private static bool IsValidAge(float age) => float.IsFinite(age) && age >= 0f;

    /// <summary>Pediatric under 18, adult 18–64, elderly 65 and over (the usual geriatric cut-off).</summary>
    internal static string? AgeGroup(float age) =>
        !IsValidAge(age) ? null : age < 18f ? "pediatric" : age < 65f ? "adult" : "elderly";

    /// <summary>"72-year-old" in completed years; infants under one year in months ("4-month-old").</summary>
    private static string AgeAdjective(float age)
    {
        if (age < 1f)
        {
            int months = Math.Max(1, (int)MathF.Round(age * 12f));
            return months.ToString(CultureInfo.InvariantCulture) + "-month-old";
        }
        return ((int)MathF.Floor(age)).ToString(CultureInfo.InvariantCulture) + "-year-old";
    }

    private static string? SexWord(string? sex)
    {
        if (string.IsNullOrWhiteSpace(sex))
            return null;
        var s = sex.AsSpan().Trim();
        if (s.Equals("M", StringComparison.OrdinalIgnoreCase) || s.Equals("male", StringComparison.OrdinalIgnoreCase))
            return "male";
        if (s.Equals("F", StringComparison.OrdinalIgnoreCase) || s.Equals("female", StringComparison.OrdinalIgnoreCase))
            return "female";
        return null;
    }

    /// <summary>ASA 1–6 rounded to the nearest class; anything else is unknown.</summary>
    internal static int? AsaClass(float asa)
    {
        if (!float.IsFinite(asa))
            return null;
        int r = (int)MathF.Round(asa);
        return r is >= 1 and <= 6 ? r : null;
    }

    private static string FormatNumber(float x) => x.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// A category as it reads inside a sentence: capitalized words lower-cased ("General surgery" → "general surgery",
    /// "Biliary/Pancreas" → "biliary/pancreas") while acronyms stay ("VATS lobectomy"); VitalDB's "Others" reads
    /// "other" and "Sedationalgesia" reads "sedation-analgesia". Null for an empty value.
    /// </summary>
    internal static string? Category(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        string v = value.Trim();
        if (v.Equals("Others", StringComparison.OrdinalIgnoreCase))
            return "other";
        if (v.Equals("Sedationalgesia", StringComparison.OrdinalIgnoreCase))
            return "sedation-analgesia";
        var chars = v.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            bool wordStart = i == 0 || !char.IsLetter(chars[i - 1]);
            if (wordStart && char.IsUpper(chars[i]) && i + 1 < chars.Length && char.IsLower(chars[i + 1]))
                chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }

    /// <summary>Parses an emergency flag written as text; null when empty or unreadable.</summary>
    internal static bool? ParseEmergency(ReadOnlySpan<char> text)
    {
        var s = text.Trim();
        if (s.IsEmpty)
            return null;
        foreach (var yes in EmergencyWords)
            if (s.Equals(yes, StringComparison.OrdinalIgnoreCase))
                return true;
        foreach (var no in ElectiveWords)
            if (s.Equals(no, StringComparison.OrdinalIgnoreCase))
                return false;
        return null;
    }
}
