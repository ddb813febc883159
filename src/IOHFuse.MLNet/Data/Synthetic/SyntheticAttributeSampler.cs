using System.Globalization;

namespace IOHFuse.MLNet.Data;

/// <summary>Draws the static attributes of a synthetic case from <see cref="CohortMarginals"/>.</summary>
internal static class SyntheticAttributeSampler
{
    public static SyntheticPatient Sample(Random r, SyntheticCohortOptions options)
    {
        var surgeries = CohortMarginals.Surgeries;
        var profile = surgeries[r.Categorical(surgeries.Select(s => s.Weight).ToArray())];
        var dept = profile.Departments[r.Categorical(profile.Departments.Select(d => d.Weight).ToArray())];
        var operation = dept.Operations[r.Categorical(dept.Operations.Select(o => o.Weight).ToArray())];
        string approach = CohortMarginals.Approaches[r.Categorical(profile.ApproachWeights)];
        string anesthesia = CohortMarginals.Anesthesias[r.Categorical(profile.AnesthesiaWeights)];
        bool emergency = r.Bernoulli(profile.EmergencyProbability);

        double age = Math.Round(r.FromQuantiles(CohortMarginals.AgeQuantiles));
        bool male = r.Bernoulli(CohortMarginals.MaleProbability);
        double height = male ? r.Gaussian(CohortMarginals.MaleHeightMean, CohortMarginals.MaleHeightSd)
                             : r.Gaussian(CohortMarginals.FemaleHeightMean, CohortMarginals.FemaleHeightSd);
        if (age < 18)
            height = Math.Min(height, 80 + 5.5 * age); // children: a rough growth curve
        double bmi = Math.Clamp(r.Gaussian(CohortMarginals.BmiMean, CohortMarginals.BmiSd), 15, 45);
        if (age < 18)
            bmi = Math.Clamp(r.Gaussian(18, 2.5), 13, 30);
        height = Math.Round(height, 1);
        double weight = Math.Round(bmi * (height / 100) * (height / 100), 1);

        int band = age < 40 ? 0 : age < 60 ? 1 : age < 75 ? 2 : 3;
        float asa = r.Bernoulli(CohortMarginals.AsaMissingProbability) ? float.NaN : 1 + r.Categorical(CohortMarginals.AsaByAgeBand[band]);
        // Emergencies carry more systemic disease: move one ASA class up half the time.
        if (emergency && float.IsFinite(asa) && asa < 4 && r.Bernoulli(0.5))
            asa++;
        int htnBand = age < 20 ? 0 : age < 40 ? 1 : age < 60 ? 2 : age < 80 ? 3 : 4;
        bool hypertension = r.Bernoulli(CohortMarginals.HypertensionByAgeBand[htnBand]);

        double tierLoss = operation.Risk switch { SurgicalRisk.Low => 0.6, SurgicalRisk.High => 1.6, _ => 1.0 };
        double bloodLoss = Math.Round(tierLoss * r.LogNormal(profile.BloodLossMedianMl, profile.BloodLossP90Ml / profile.BloodLossMedianMl, 1.2816) / 10) * 10;
        double durationMinutes = r.LogNormal(profile.DurationMedianMinutes, profile.DurationQ75Minutes / profile.DurationMedianMinutes, 0.6745);
        double hours = Math.Clamp(durationMinutes / 60, options.MinimumDurationHours, options.MaximumDurationHours);

        var attributes = new PatientAttributes
        {
            Age = (float)age,
            Sex = male ? "M" : "F",
            Height = (float)height,
            Weight = (float)weight,
            Asa = asa,
            Emergency = emergency,
            Department = dept.Department,
            SurgeryType = profile.Type,
            SurgeryName = operation.Name,
            Approach = approach,
            Anesthesia = anesthesia,
            Extra = new Dictionary<string, string>
            {
                ["preop_htn"] = hypertension ? "1" : "0",
                ["intraop_ebl"] = bloodLoss.ToString(CultureInfo.InvariantCulture),
            },
        };
        return new SyntheticPatient(attributes, hypertension, bloodLoss, operation.Risk, hours);
    }
}
