using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// Options of <see cref="ClinicalTextFeaturizer"/>: which columns hold the static patient attributes, how the clinical
/// sentence is worded, and how it is tokenized (GPT-2 BPE plus optional whole-word domain tokens).
/// </summary>
/// <remarks>
/// An attribute whose column name is <see langword="null"/> is not used: it is left out of the sentence. An attribute
/// whose column is configured but whose value is missing in a row (NaN, empty text) is phrased as unknown
/// ("age unknown", "ASA class unknown"), never dropped silently. A configured column that the input lacks makes
/// <c>Fit</c> fail with an error naming it; set the option to <see langword="null"/> when the data has no such attribute.
/// </remarks>
public sealed class ClinicalTextFeaturizerOptions
{
    /// <summary>Default value of <see cref="MaximumTokens"/>: 80, as the reference implementation (<c>--max_txt_len 80</c>).</summary>
    public const int DefaultMaximumTokens = 80;

    /// <summary>Default value of <see cref="PaddingTokenId"/>: GPT-2's <c>&lt;|endoftext|&gt;</c> id, 50256.</summary>
    public const int DefaultPaddingTokenId = 50256;

    /// <summary>
    /// The default template. With every attribute known it reads, for example:
    /// "A 72-year-old elderly male, BMI 27.4 (overweight), ASA class 3, undergoing elective colorectal surgery
    /// (low anterior resection) in general surgery, open approach, under general anaesthesia."
    /// </summary>
    public const string DefaultTemplate =
        "{patient}, {bmi_phrase}, {asa_phrase}, {surgery_phrase}, {approach_phrase}, {anesthesia_phrase}. {extras_phrase}";

    /// <summary>
    /// The default domain words: clinical words that GPT-2 BPE splits into two to seven pieces and that the default
    /// sentence (or a user's template) commonly uses; words GPT-2 already has as one token ("hypertension",
    /// "anesthesia", "elderly", "emergency") are left out so their pretrained embeddings stay in use. Each becomes one
    /// new token id after the GPT-2 vocabulary: hypotension = 50257, hypotensive = 50258, ... in list order.
    /// </summary>
    public static IReadOnlyList<string> DefaultDomainWords { get; } = Array.AsReadOnly(new[]
    {
        "hypotension", "hypotensive", "vasopressor", "vasoconstrictive", "anaesthesia", "elective", "colorectal",
        "resection", "videoscopic", "laparoscopic", "thoracic", "biliary", "pancreas", "transplantation", "gynecology",
        "urology", "paediatric", "sedation-analgesia",
    });

    /// <summary>Age in years (numeric; NaN = unknown). Default <see cref="IohFuseColumns.Age"/>.</summary>
    public string? AgeColumnName { get; set; } = IohFuseColumns.Age;

    /// <summary>Sex (text: "M"/"Male", "F"/"Female", empty = unknown). Default <see cref="IohFuseColumns.Sex"/>.</summary>
    public string? SexColumnName { get; set; } = IohFuseColumns.Sex;

    /// <summary>
    /// Height in cm (numeric; NaN = unknown). Not in the default sentence, but used to compute the BMI when the BMI is
    /// missing, and available to templates as <c>{height}</c>. Default <see cref="IohFuseColumns.Height"/>.
    /// </summary>
    public string? HeightColumnName { get; set; } = IohFuseColumns.Height;

    /// <summary>Weight in kg (numeric; NaN = unknown); see <see cref="HeightColumnName"/>. Default <see cref="IohFuseColumns.Weight"/>.</summary>
    public string? WeightColumnName { get; set; } = IohFuseColumns.Weight;

    /// <summary>Body-mass index in kg/m² (numeric; NaN = unknown). Default <see cref="IohFuseColumns.Bmi"/>.</summary>
    public string? BmiColumnName { get; set; } = IohFuseColumns.Bmi;

    /// <summary>ASA physical status 1 to 6 (numeric; NaN or outside 1–6 = unknown). Default <see cref="IohFuseColumns.Asa"/>.</summary>
    public string? AsaColumnName { get; set; } = IohFuseColumns.Asa;

    /// <summary>
    /// Emergency operation: Boolean, numeric (non-zero = emergency, NaN = unknown) or text ("1", "true", "yes", "Y",
    /// "E", "emergency" vs "0", "false", "no", "N", "elective"; empty = unknown). Default <see cref="IohFuseColumns.Emergency"/>.
    /// </summary>
    public string? EmergencyColumnName { get; set; } = IohFuseColumns.Emergency;

    /// <summary>Surgical department (text, empty = unknown). Default <see cref="IohFuseColumns.Department"/>.</summary>
    public string? DepartmentColumnName { get; set; } = IohFuseColumns.Department;

    /// <summary>Surgery type (text, empty = unknown). Default <see cref="IohFuseColumns.SurgeryType"/>.</summary>
    public string? SurgeryTypeColumnName { get; set; } = IohFuseColumns.SurgeryType;

    /// <summary>Surgery (procedure) name (text, empty = unknown). Default <see cref="IohFuseColumns.SurgeryName"/>.</summary>
    public string? SurgeryNameColumnName { get; set; } = IohFuseColumns.SurgeryName;

    /// <summary>Surgical approach (text, empty = unknown). Default <see cref="IohFuseColumns.Approach"/>.</summary>
    public string? ApproachColumnName { get; set; } = IohFuseColumns.Approach;

    /// <summary>Anaesthesia type (text, empty = unknown). Default <see cref="IohFuseColumns.Anesthesia"/>.</summary>
    public string? AnesthesiaColumnName { get; set; } = IohFuseColumns.Anesthesia;

    /// <summary>
    /// Further scalar columns (text, numeric or Boolean) phrased after the main sentence as "name: value", joined by
    /// "; " (Boolean as yes/no, missing as unknown). Empty by default.
    /// </summary>
    public IList<string> ExtraAttributeColumns { get; set; } = new List<string>();

    /// <summary>Output column for the sentence (text); <see langword="null"/> = do not emit it. Default <see cref="IohFuseColumns.ClinicalText"/>.</summary>
    public string? OutputTextColumnName { get; set; } = IohFuseColumns.ClinicalText;

    /// <summary>
    /// Output column for the token ids: an Int64 vector of variable declared size that always holds exactly
    /// <see cref="MaximumTokens"/> elements. Default <see cref="IohFuseColumns.TokenIds"/>.
    /// </summary>
    public string TokenIdsColumnName { get; set; } = IohFuseColumns.TokenIds;

    /// <summary>
    /// Output column for the attention mask: a Single vector of variable declared size that always holds exactly
    /// <see cref="MaximumTokens"/> elements, 1 for a token and 0 for padding. Default <see cref="IohFuseColumns.TokenMask"/>.
    /// </summary>
    public string TokenMaskColumnName { get; set; } = IohFuseColumns.TokenMask;

    /// <summary>
    /// Number of token positions per row, from 1 to 4096. Longer sentences keep their first tokens and are counted as
    /// truncated; shorter ones are padded with <see cref="PaddingTokenId"/>. Default 80.
    /// </summary>
    public int MaximumTokens { get; set; } = DefaultMaximumTokens;

    /// <summary>
    /// The sentence template with named placeholders in braces (write <c>{{</c> and <c>}}</c> for literal braces);
    /// <see langword="null"/> = <see cref="DefaultTemplate"/>. Placeholders: <c>{patient}</c>, <c>{age}</c>,
    /// <c>{age_group}</c>, <c>{sex}</c>, <c>{height}</c>, <c>{weight}</c>, <c>{bmi}</c>, <c>{bmi_class}</c>,
    /// <c>{bmi_phrase}</c>, <c>{asa}</c>, <c>{asa_phrase}</c>, <c>{emergency}</c>, <c>{department}</c>,
    /// <c>{surgery_type}</c>, <c>{surgery_name}</c>, <c>{surgery_phrase}</c>, <c>{approach}</c>,
    /// <c>{approach_phrase}</c>, <c>{anesthesia}</c>, <c>{anesthesia_phrase}</c>, <c>{extras}</c>,
    /// <c>{extras_phrase}</c> (see docs/clinical-text.md). Value placeholders render "unknown" for a missing value
    /// and nothing for an unused attribute; separators left empty around unused attributes are tidied
    /// (", ," becomes ",", ", ." becomes ".", runs of spaces become one).
    /// </summary>
    public string? Template { get; set; }

    /// <summary>
    /// Whole words (letters, digits, hyphens, apostrophes; matched case-insensitively at word boundaries) that get
    /// one new token id each, numbered from 50257 in list order, instead of their GPT-2 pieces, as the reference
    /// implementation's expanded tokenizer did. Default <see cref="DefaultDomainWords"/>; an empty list is allowed.
    /// </summary>
    public IList<string> DomainWords { get; set; } = new List<string>(DefaultDomainWords);

    /// <summary>
    /// Token id written into padding positions (their mask is 0), 0 or more. Default 50256, GPT-2's
    /// <c>&lt;|endoftext|&gt;</c>, which keeps padding distinct from real text (the reference implementation pads
    /// with 0, which is GPT-2's "!"). An id at or above the vocabulary size enlarges
    /// <see cref="ClinicalTextTransformer.VocabularySize"/>.
    /// </summary>
    public int PaddingTokenId { get; set; } = DefaultPaddingTokenId;

    /// <summary>A deep copy, so a fitted transformer is not changed by later edits of the caller's options.</summary>
    internal ClinicalTextFeaturizerOptions Clone()
    {
        var copy = (ClinicalTextFeaturizerOptions)MemberwiseClone();
        copy.ExtraAttributeColumns = new List<string>(ExtraAttributeColumns ?? new List<string>());
        copy.DomainWords = new List<string>(DomainWords ?? new List<string>());
        return copy;
    }
}
