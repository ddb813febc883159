namespace IOHFuse.MLNet.Data;

/// <summary>
/// Numbers derived from the VitalDB clinical information table (6,388 non-cardiac surgical cases, Seoul National
/// University Hospital; Lee et al., Sci Data 2022) that the synthetic cohort draws its static attributes from.
/// Only aggregate marginals are embedded: counts per category and quantiles.
/// </summary>
internal static class CohortMarginals
{
    public static readonly string[] Approaches = ["Open", "Videoscopic", "Robotic"];

    public static readonly string[] Anesthesias = ["General", "Spinal", "Sedationalgesia"];

    /// <summary>Age quantiles in years (0.9 % of cases are under 18).</summary>
    public static readonly (double P, double Value)[] AgeQuantiles =
        [(0, 2), (0.01, 18), (0.05, 30), (0.10, 36), (0.25, 48), (0.50, 59), (0.75, 68), (0.90, 76), (0.95, 78), (0.99, 84), (1, 90)];

    public const double MaleProbability = 0.508;

    /// <summary>Adult height mean/sd in cm by sex, and BMI mean/sd in kg/m².</summary>
    public const double MaleHeightMean = 168.3, MaleHeightSd = 6.4, FemaleHeightMean = 156.5, FemaleHeightSd = 6.1;

    public const double BmiMean = 23.3, BmiSd = 3.6;

    /// <summary>Share of cases with an empty ASA field (2.1 %).</summary>
    public const double AsaMissingProbability = 0.021;

    /// <summary>ASA 1–4 counts by age band (&lt; 40, 40–59, 60–74, ≥ 75). ASA 6 (organ donors, 0.2 %) is not generated.</summary>
    public static readonly double[][] AsaByAgeBand =
    [
        [401, 285, 90, 13],
        [908, 1305, 214, 9],
        [426, 1566, 264, 15],
        [56, 539, 133, 11],
    ];

    /// <summary>Pre-operative hypertension share by age band (&lt; 20, 20–39, 40–59, 60–79, ≥ 80).</summary>
    public static readonly double[] HypertensionByAgeBand = [0.01, 0.06, 0.21, 0.44, 0.62];

    private static OperationProfile Op(string name, double weight, SurgicalRisk risk) => new(name, weight, risk);

    private const SurgicalRisk L = SurgicalRisk.Low, I = SurgicalRisk.Intermediate, H = SurgicalRisk.High;

    /// <summary>Surgery types with counts, department split, approach (Open/Videoscopic/Robotic) and anaesthesia
    /// (General/Spinal/Sedationalgesia) counts, emergency share, anaesthesia-time quartiles and blood loss.</summary>
    public static readonly SurgeryProfile[] Surgeries =
    [
        new("Colorectal", 1350, [("General surgery", 1, [Op("Anterior resection", 247, I), Op("Hemicolectomy", 193, I), Op("Low anterior resection", 181, I), Op("Hernia repair", 161, L)])],
            [988, 359, 3], [1164, 186, 0], 0.115, 140, 100, 195, 100, 400),
        new("Biliary/Pancreas", 812, [("General surgery", 1, [Op("Cholecystectomy", 503, I), Op("Pylorus preserving pancreaticoduodenectomy", 123, H), Op("Distal pancreatectomy", 52, H), Op("Pancreaticoduodenectomy", 19, H)])],
            [238, 513, 61], [812, 0, 0], 0.119, 105, 79, 243, 200, 600),
        new("Others", 799, [("General surgery", 485, [Op("Exploratory laparotomy", 205, I), Op("Excision", 159, L), Op("Debridement of wound", 38, L)]),
                            ("Thoracic surgery", 277, [Op("Thymectomy", 44, I), Op("Excision", 40, L)]),
                            ("Gynecology", 35, [Op("Excision", 1, L)]), ("Urology", 2, [Op("Excision", 1, L)])],
            [582, 182, 35], [725, 46, 28], 0.295, 143, 105, 219, 200, 1000),
        new("Stomach", 676, [("General surgery", 1, [Op("Distal gastrectomy", 342, I), Op("Total gastrectomy", 97, I), Op("Pylorus preserving gastrectomy", 68, I), Op("Gastric wedge resection", 42, I)])],
            [141, 505, 30], [675, 1, 0], 0.077, 269, 226, 318, 100, 400),
        new("Major resection", 584, [("Thoracic surgery", 364, [Op("Lung lobectomy", 1, I)]), ("Gynecology", 141, [Op("Radical hysterectomy", 40, I), Op("Ovarian cystectomy", 25, L)]),
                                     ("Urology", 79, [Op("Radical prostatectomy", 1, I)])],
            [69, 416, 99], [584, 0, 0], 0.026, 211, 175, 259, 150, 500),
        new("Minor resection", 553, [("Thoracic surgery", 463, [Op("Lung wedge resection", 230, I), Op("Metastasectomy", 102, I), Op("Lung segmentectomy", 61, I)]),
                                     ("Gynecology", 54, [Op("Biopsy", 1, L)]), ("Urology", 36, [Op("Biopsy", 1, L)])],
            [21, 530, 2], [553, 0, 0], 0.063, 166, 110, 210, 100, 300),
        new("Breast", 434, [("General surgery", 1, [Op("Breast-conserving surgery", 295, L), Op("Simple mastectomy", 66, L), Op("Total mastectomy", 32, L), Op("Excision", 26, L)])],
            [434, 0, 0], [432, 0, 2], 0.028, 111, 90, 140, 50, 150),
        new("Transplantation", 403, [("General surgery", 396, [Op("Kidney transplantation", 128, I), Op("Liver transplantation", 108, H), Op("Donor nephrectomy", 84, I), Op("Donor hepatectomy", 70, H)]),
                                     ("Thoracic surgery", 7, [Op("Lung transplantation", 1, H)])],
            [257, 146, 0], [403, 0, 0], 0.258, 345, 275, 415, 400, 2450),
        new("Vascular", 262, [("General surgery", 1, [Op("Ligation and stripping", 120, L), Op("Arteriovenous fistula", 29, L), Op("Aortoiliac bypass", 15, H), Op("Endarterectomy", 14, I)])],
            [262, 0, 0], [180, 40, 42], 0.187, 164, 125, 220, 200, 1480),
        new("Hepatic", 258, [("General surgery", 1, [Op("Liver segmentectomy", 95, H), Op("Hemihepatectomy", 88, H), Op("Liver sectionectomy", 40, H), Op("Extended hemihepatectomy", 26, H)])],
            [163, 95, 0], [258, 0, 0], 0.101, 280, 233, 334, 350, 1050),
        new("Thyroid", 257, [("General surgery", 1, [Op("Thyroid lobectomy", 115, L), Op("Total thyroidectomy", 114, L), Op("Parathyroidectomy", 14, L)])],
            [210, 8, 39], [257, 0, 0], 0.004, 147, 125, 206, 50, 200),
    ];
}
