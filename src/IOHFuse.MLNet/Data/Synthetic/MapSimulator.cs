namespace IOHFuse.MLNet.Data;

/// <summary>
/// Simulates the numeric MAP of one synthetic case (the model is described in docs/synthetic-cohort.md):
/// awake baseline → post-induction drop → maintenance level with bleeding drift and slow wander → hypotension
/// episodes (gradual or abrupt, ended by a vasopressor rescue) and near misses → emergence; plus ventilation and
/// beat-level noise, integer rounding like a monitor's numeric, and artifacts.
/// </summary>
internal static class MapSimulator
{
    /// <summary>Relative hazard of hypotension episodes for a patient (1 for the reference patient).</summary>
    public static double RiskMultiplier(SyntheticPatient p)
    {
        var a = p.Attributes;
        double age = float.IsFinite(a.Age) ? a.Age : 59;
        double m = Math.Exp(Math.Log(1.25) * Math.Clamp(age - 50, -30, 40) / 10);
        if (a.Asa >= 3)
            m *= 1.6;
        if (a.Emergency == true)
            m *= 1.5;
        if (p.Hypertension)
            m *= 1.2;
        m *= p.Risk switch { SurgicalRisk.Low => 0.7, SurgicalRisk.High => 1.5, _ => 1.0 };
        m *= 1 + p.BloodLossMl / 1000;
        if (a.Anesthesia == "Sedationalgesia")
            m *= 0.5;
        return m;
    }

    public static (float[] Map, float[] Clean) Simulate(Random r, SyntheticPatient p, SyntheticCohortOptions o)
    {
        double period = o.SamplePeriodSeconds;
        int n = (int)Math.Round(p.DurationHours * 3600 / period) + 1;
        var a = p.Attributes;
        double age = float.IsFinite(a.Age) ? a.Age : 59;
        bool asa3 = a.Asa >= 3;

        // Awake baseline and the post-induction drop (Südfeld 2017: age, ASA, emergency, baseline).
        double awake = Math.Clamp(90 + 0.2 * (age - 55) + (p.Hypertension ? 8 : 0) + (a.Sex == "M" ? 2 : 0) + r.Gaussian(0, 7), 65, 130);
        double drop = Math.Clamp(0.22 + 0.002 * (age - 55) + (asa3 ? 0.04 : 0) + (a.Emergency == true ? 0.03 : 0) + (p.Hypertension ? 0.03 : 0)
                                 + r.Gaussian(0, 0.06), 0.05, 0.5);
        if (a.Anesthesia == "Sedationalgesia")
            drop *= 0.4;
        double postInduction = awake * (1 - drop);
        double maintenance = Math.Max(awake * (1 - r.Uniform(0.08, 0.20)), postInduction + 3);
        double tInduction = r.Uniform(120, 360);
        double tNadir = tInduction + r.Uniform(180, 360);
        double tIncision = tNadir + r.Uniform(300, 900);
        double tMaintenance = tIncision + r.Uniform(180, 300);
        double tEnd = (n - 1) * period;
        double tEmergence = tEnd - 600;
        double bleedDrift = Math.Min(15, p.BloodLossMl / 100 * r.Uniform(0.5, 1.5));

        var baseline = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = i * period;
            double v = t < tInduction ? awake
                : t < tNadir ? Lerp(awake, postInduction, Smooth((t - tInduction) / (tNadir - tInduction)))
                : t < tIncision ? postInduction
                : t < tMaintenance ? Lerp(postInduction, maintenance, Smooth((t - tIncision) / (tMaintenance - tIncision)))
                : maintenance;
            if (t > tIncision)
                v -= bleedDrift * Math.Min(1, (t - tIncision) / Math.Max(1, tEmergence - tIncision));
            if (t > tEmergence)
                v += (awake - v) * 0.6 * Smooth((t - tEmergence) / 600);
            baseline[i] = v;
        }

        var depth = new double[n];
        double rate = o.BaseEpisodesPerHour * RiskMultiplier(p) / 3600;
        double gradualShare = 0.5 + 0.2 * Math.Min(1, p.BloodLossMl / 1000);
        AddEpisodes(r, depth, baseline, period, tMaintenance, tEmergence, rate, nearMiss: false, gradualShare);
        AddEpisodes(r, depth, baseline, period, tMaintenance, tEmergence, 0.6 * rate + 0.2 / 3600, nearMiss: true, gradualShare);

        // Slow wander (Ornstein–Uhlenbeck, τ = 8 min, sd 4 mmHg), ventilation (4–6 s period) and beat-level noise.
        double phi = Math.Exp(-period / 480), ouSd = 4 * Math.Sqrt(1 - phi * phi), ou = r.Gaussian(0, 4);
        double respAmp = r.Uniform(0.5, 2), respPeriod = r.Uniform(4, 6), respPhase = r.Uniform(0, 2 * Math.PI);
        var clean = new float[n];
        for (int i = 0; i < n; i++)
        {
            ou = phi * ou + r.Gaussian(0, ouSd);
            double v = baseline[i] - depth[i] + ou + respAmp * Math.Sin(2 * Math.PI * i * period / respPeriod + respPhase) + r.Gaussian(0, 1.2);
            clean[i] = (float)Math.Round(Math.Max(30, v));
        }
        var map = (float[])clean.Clone();
        AddArtifacts(r, map, period, o);
        return (map, clean);
    }

    private static void AddEpisodes(Random r, double[] depth, double[] baseline, double period, double from, double to,
        double ratePerSecond, bool nearMiss, double gradualShare)
    {
        if (ratePerSecond <= 0)
            return;
        double t = from;
        while (true)
        {
            t += r.Exponential(ratePerSecond);
            bool gradual = nearMiss || r.Bernoulli(gradualShare);
            double onset = gradual ? r.Uniform(240, 720) : r.Uniform(15, 60);
            double plateau = nearMiss ? r.Uniform(0, 120) : r.Uniform(30, 300); // clinician reaction time
            double rise = r.Uniform(60, 150);                                    // vasopressor bolus or fluid
            double overshoot = nearMiss ? 0 : r.Uniform(3, 12);
            double decay = r.Uniform(180, 480);
            double nadir = nearMiss ? r.Uniform(66, 74) : r.Uniform(50, 63);
            double end = t + onset + plateau + rise + 3 * decay;
            if (t + onset + plateau + rise > to)
                return;
            int i0 = (int)(t / period);
            double d = Math.Max(5, baseline[Math.Min(i0, baseline.Length - 1)] - nadir);
            for (int i = i0; i < depth.Length && i * period < end; i++)
            {
                double s = i * period - t;
                double f = s < onset ? Smooth(s / onset)
                    : s < onset + plateau ? 1
                    : s < onset + plateau + rise ? Lerp(1, -overshoot / d, Smooth((s - onset - plateau) / rise))
                    : -overshoot / d * Math.Exp(-(s - onset - plateau - rise) / decay);
                depth[i] += f * d;
            }
            t = end;
        }
    }

    private static void AddArtifacts(Random r, float[] map, double period, SyntheticCohortOptions o)
    {
        double hours = map.Length * period / 3600;
        Place(r, map, period, o.FlushesPerHour * hours, 6, 15, (r, _) => (float)Math.Round(r.Uniform(250, 300)));
        Place(r, map, period, o.ZeroingsPerHour * hours, 10, 40, (r, _) => (float)Math.Round(r.Uniform(0, 3)));
        Place(r, map, period, o.FlatLinesPerHour * hours, 60, 180, null);
        int gaps = Poisson(r, o.GapsPerHour * hours);
        for (int g = 0; g < gaps; g++)
        {
            double seconds = Math.Exp(r.Uniform(Math.Log(6), Math.Log(300)));
            int start = r.Next(map.Length);
            for (int i = start; i < map.Length && (i - start) * period < seconds; i++)
                map[i] = float.NaN;
        }
    }

    private static void Place(Random r, float[] map, double period, double expected, double minSeconds, double maxSeconds,
        Func<Random, float, float>? value)
    {
        int count = Poisson(r, expected);
        for (int k = 0; k < count; k++)
        {
            double seconds = r.Uniform(minSeconds, maxSeconds);
            int start = r.Next(map.Length);
            float held = map[start];
            for (int i = start; i < map.Length && (i - start) * period < seconds; i++)
                map[i] = value is null ? held : value(r, map[i]);
        }
    }

    private static int Poisson(Random r, double mean)
    {
        // Knuth's method; means here are a few events per case.
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do
        {
            k++;
            p *= r.NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    private static double Lerp(double a, double b, double f) => a + (b - a) * f;

    private static double Smooth(double x) => x <= 0 ? 0 : x >= 1 ? 1 : 0.5 - 0.5 * Math.Cos(Math.PI * x);
}
