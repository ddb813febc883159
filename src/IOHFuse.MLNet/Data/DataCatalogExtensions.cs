using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet;

/// <summary>Data entries of <c>mlContext.IOHFuse().Data</c>: synthetic cohort, windows and case-level splits.</summary>
public static class DataCatalogExtensions
{
    /// <summary>Generates the seeded synthetic default cohort (see <see cref="SyntheticCohortGenerator"/>).</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="options">Options; defaults (300 cases of 2–4 h at 3 s, seed 1) when null.</param>
    public static IReadOnlyList<SurgicalCase> GenerateSyntheticCohort(this IOHFuseDataCatalog catalog, SyntheticCohortOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SyntheticCohortGenerator(options).Generate();
    }

    /// <summary>
    /// Creates the streaming IOH window view over cases (see <see cref="IohWindowDataView"/> for columns and the label rule).
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="cases">Cases; the list is captured (copied), the cases themselves are not.</param>
    /// <param name="options">Window options; defaults (3 s, 15 min history, horizons 5/10/15 min, 60 s stride) when null.</param>
    public static IohWindowDataView CreateWindows(this IOHFuseDataCatalog catalog, IEnumerable<SurgicalCase> cases, WindowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(cases);
        var list = cases.ToList();
        for (int i = 0; i < list.Count; i++)
            if (list[i] is null)
                throw new ArgumentException($"Case at position {i} is null.", nameof(cases));
        return new IohWindowDataView(list, options ?? new WindowOptions());
    }

    /// <summary>
    /// Splits cases (never windows) into train, validation and test sets by patient: every recording of one
    /// <see cref="SurgicalCase.PatientId"/> lands in the same set. The result depends only on the ids and the seed, not
    /// on the input order: patients are sorted by id, shuffled with the seed, and cut by the fractions (of patients).
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="cases">Cases with unique ids.</param>
    /// <param name="validationFraction">Fraction of cases for validation, in [0, 1).</param>
    /// <param name="testFraction">Fraction of cases for test, in [0, 1); with <paramref name="validationFraction"/> below 1.</param>
    /// <param name="seed">Shuffle seed.</param>
    public static CaseSplit SplitByCase(this IOHFuseDataCatalog catalog, IEnumerable<SurgicalCase> cases,
        double validationFraction = 0.15, double testFraction = 0.15, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(cases);
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be in [0, 1).");
        if (!(testFraction >= 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "must be in [0, 1).");
        if (validationFraction + testFraction >= 1)
            throw new ArgumentException("Validation and test fractions must sum to less than 1.", nameof(testFraction));

        var sorted = cases.OrderBy(c => c.CaseId, StringComparer.Ordinal).ToArray();
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i].CaseId == sorted[i - 1].CaseId)
                throw new ArgumentException($"Case id '{sorted[i].CaseId}' appears more than once.", nameof(cases));
        var patients = sorted.GroupBy(c => c.PatientId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(patients);
        int test = (int)Math.Round(patients.Length * testFraction);
        int validation = (int)Math.Round(patients.Length * validationFraction);
        List<SurgicalCase> Take(Range r) => patients[r].SelectMany(g => g).ToList();
        return new CaseSplit(
            Train: Take((test + validation)..),
            Validation: Take(test..(test + validation)),
            Test: Take(..test));
    }
}
