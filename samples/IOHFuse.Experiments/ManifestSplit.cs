using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using Microsoft.ML;

namespace IOHFuse.Experiments;

/// <summary>
/// The train / validation / test split of a set of recordings: the manifest's fixed split when it gives one for every
/// recording (so reported figures stay comparable across runs and tools), otherwise a seeded split by patient.
/// </summary>
public static class ManifestSplit
{
    /// <summary>Splits <paramref name="cases"/>; says which rule it used in <paramref name="rule"/>.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="cases">Recordings (with <see cref="SurgicalCase.PatientId"/> set where patients repeat).</param>
    /// <param name="manifest">The folder's manifest, if any.</param>
    /// <param name="validationFraction">Patients for validation when there is no fixed split.</param>
    /// <param name="testFraction">Patients for test when there is no fixed split.</param>
    /// <param name="seed">Seed of the patient shuffle.</param>
    /// <param name="rule">A sentence for reports.</param>
    public static CaseSplit Split(MLContext ml, IReadOnlyList<SurgicalCase> cases, CaseManifest? manifest, double validationFraction,
        double testFraction, int seed, out string rule)
    {
        if (manifest is not null)
        {
            var byCase = cases.ToDictionary(c => c.CaseId, c => manifest.SplitOf(c.CaseId));
            if (byCase.Values.All(s => s is "train" or "validation" or "test"))
            {
                rule = $"the fixed patient-level split of {Path.GetFileName(manifest.Path)}";
                return new CaseSplit(
                    cases.Where(c => byCase[c.CaseId] == "train").ToList(),
                    cases.Where(c => byCase[c.CaseId] == "validation").ToList(),
                    cases.Where(c => byCase[c.CaseId] == "test").ToList());
            }
        }
        rule = $"a seeded split by patient (seed {seed}; {validationFraction:P0} validation, {testFraction:P0} test)";
        return ml.IOHFuse().Data.SplitByCase(cases, validationFraction, testFraction, seed);
    }
}
