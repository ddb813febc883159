namespace IOHFuse.MLNet.Data;

/// <summary>
/// Simulates the numeric MAP of one synthetic case (the model, its sources and how it was calibrated are in
/// docs/synthetic-cohort.md): awake baseline → post-induction drop → a maintenance level set by the patient's risk, with
/// bleeding drift and a wander at three time scales → hypotensive episodes (mostly gradual falls, some abrupt) → an
/// anaesthetist who treats MAP below 65 mmHg after a reaction time (vasopressor boluses, then an infusion) → emergence;
/// plus ventilation and beat-level noise, integer rounding like a monitor's numeric, and artifacts (some of which, like
/// real line handling, stay in range and survive cleaning).
/// </summary>
internal static class MapSimulator
{
    /// <summary>MAP the simulated anaesthetist treats (mmHg).</summary>
    private const double TreatmentThreshold = 65;

    /// <summary>Relative hazard of hypotensive episodes for a patient (1 for the reference patient).</summary>
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
        double risk = RiskMultiplier(p);

        // Awake baseline and the post-induction drop (Südfeld 2017: age, ASA, emergency, baseline).
        double awake = Math.Clamp(90 + 0.2 * (age - 55) + (p.Hypertension ? 8 : 0) + (a.Sex == "M" ? 2 : 0) + r.Gaussian(0, 7), 65, 130);
        double drop = Math.Clamp(0.22 + 0.002 * (age - 55) + (asa3 ? 0.04 : 0) + (a.Emergency == true ? 0.03 : 0) + (p.Hypertension ? 0.03 : 0)
                                 + r.Gaussian(0, 0.06), 0.05, 0.5);
        if (a.Anesthesia == "Sedationalgesia")
            drop *= 0.4;
        double postInduction = awake * (1 - drop);
        // Maintenance: below the awake value under anaesthesia, and lower in patients at higher risk, who therefore spend
        // more time near the threshold (the level, not only the hazard, carries the risk).
        double maintenance = Math.Max(awake * (1 - r.Uniform(0.08, 0.20)) - RiskLevelShift * Math.Log2(risk), postInduction + 3);
        // The anaesthetist does not leave the steady level near the threshold: lighter anaesthesia or an infusion lifts it.
        maintenance = Math.Max(maintenance, r.Uniform(68, 74));
        double tInduction = r.Uniform(120, 360);
        double tNadir = tInduction + r.Uniform(180, 360);
        double tIncision = tNadir + r.Uniform(300, 900);
        double tMaintenance = tIncision + r.Uniform(180, 300);
        double tEnd = (n - 1) * period;
        double tEmergence = tEnd - 600;
        double bleedDrift = Math.Min(15, p.BloodLossMl / 100 * r.Uniform(0.5, 1.5));

        var level = new double[n];
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
            level[i] = v;
        }

        // Wander at three time scales (anaesthetic depth and surgical phase; stimulation; minute-to-minute), each an
        // Ornstein–Uhlenbeck process, scaled by the patient's own variability.
        double variability = Math.Exp(r.Gaussian(0, VariabilitySpread));
        var slow = new OrnsteinUhlenbeck(r, SlowWander.TauSeconds, SlowWander.Sd * variability, period);
        var medium = new OrnsteinUhlenbeck(r, MediumWander.TauSeconds, MediumWander.Sd * variability, period);
        var fast = new OrnsteinUhlenbeck(r, FastWander.TauSeconds, FastWander.Sd * variability, period);
        for (int i = 0; i < n; i++)
            level[i] += slow.Next(r) + medium.Next(r) + fast.Next(r);

        // Hypotensive episodes from induction on (a Poisson process at the patient's hazard), then the anaesthetist.
        var depth = new double[n];
        AddEpisodes(r, depth, period, tInduction, tEmergence, o.BaseEpisodesPerHour * risk / 3600);
        var treated = Treat(r, level, depth, period);

        double respAmp = r.Uniform(0.3, 1.0), respPeriod = r.Uniform(4, 6), respPhase = r.Uniform(0, 2 * Math.PI);
        var clean = new float[n];
        for (int i = 0; i < n; i++)
        {
            double v = treated[i] + respAmp * Math.Sin(2 * Math.PI * i * period / respPeriod + respPhase) + r.Gaussian(0, 0.7);
            clean[i] = (float)Math.Round(Math.Max(30, v));
        }
        var map = (float[])clean.Clone();
        AddArtifacts(r, map, period, o);
        return (map, clean);
    }

    /// <summary>mmHg the maintenance level drops per doubling of the risk multiplier.</summary>
    private const double RiskLevelShift = 4;

    /// <summary>SD of the log of a patient's variability factor.</summary>
    private const double VariabilitySpread = 0.45;

    // SDs set by the typical MAP change over 5 and 15 min of real per-minute recordings (docs/synthetic-cohort.md).
    private static readonly (double TauSeconds, double Sd) SlowWander = (30 * 60, 5.0);
    private static readonly (double TauSeconds, double Sd) MediumWander = (5 * 60, 0.9);
    private static readonly (double TauSeconds, double Sd) FastWander = (40, 0.8);

    /// <summary>Adds the depth profile of every episode: a fall of a few mmHg (gradual over 4–25 min, or abrupt), a plateau
    /// while the cause persists (mean 25 min), and a recovery over 2–8 min. Episodes may overlap; whether one becomes an
    /// IOH event depends on the level it starts from.</summary>
    private static void AddEpisodes(Random r, double[] depth, double period, double from, double to, double ratePerSecond)
    {
        if (ratePerSecond <= 0)
            return;
        double t = from;
        while (true)
        {
            t += r.Exponential(ratePerSecond);
            if (t > to)
                return;
            bool abrupt = r.Bernoulli(AbruptShare);
            double onset = abrupt ? r.Uniform(15, 60) : Math.Clamp(r.LogNormal(600, 1.6, 1), 240, 1500);
            double d = abrupt ? r.Uniform(12, 30) : 2 + r.Exponential(1.0 / 6);
            double plateau = Math.Clamp(r.Exponential(1.0 / 1500), 60, 5400);
            double recovery = r.Uniform(120, 480);
            for (int i = (int)Math.Ceiling(t / period); i < depth.Length; i++)
            {
                double s = i * period - t;
                if (s > onset + plateau + recovery)
                    break;
                double f = s < onset ? Smooth(s / onset) : s < onset + plateau ? 1 : 1 - Smooth((s - onset - plateau) / recovery);
                depth[i] += f * d;
            }
        }
    }

    /// <summary>Share of episodes that fall within a minute (sudden bleeding, caval compression, a drug bolus).</summary>
    private const double AbruptShare = 0.03;

    /// <summary>
    /// The anaesthetist: MAP below <see cref="TreatmentThreshold"/> for a reaction time gets a vasopressor bolus of 8–16 mmHg
    /// (rises over 1–2 min, wears off with a time constant of 3–7 min, so a persisting cause brings hypotension back);
    /// while MAP stays low, further boluses follow; the fourth bolus of a case starts an infusion that raises MAP by
    /// 4–10 mmHg for the rest of the case. Returns level − depth + treatment.
    /// </summary>
    private static double[] Treat(Random r, double[] level, double[] depth, double period)
    {
        int n = level.Length;
        var map = new double[n];
        var boluses = new List<(double Start, double Amplitude, double Rise, double Decay)>();
        double infusion = 0, infusionStart = double.NaN;
        double below = 0;
        double reaction = ReactionSeconds(r, first: true);
        for (int i = 0; i < n; i++)
        {
            double t = i * period;
            double effect = 0;
            foreach (var (start, amplitude, rise, decay) in boluses)
            {
                double s = t - start;
                effect += s < rise ? amplitude * Smooth(s / rise) : amplitude * Math.Exp(-(s - rise) / decay);
            }
            if (!double.IsNaN(infusionStart))
                effect += infusion * Smooth((t - infusionStart) / 300);
            map[i] = level[i] - depth[i] + effect;

            below = map[i] < TreatmentThreshold ? below + period : 0;
            if (below >= reaction)
            {
                boluses.Add((t, r.Uniform(8, 16), r.Uniform(60, 120), r.Uniform(180, 420)));
                if (boluses.Count == 4)
                {
                    infusion = r.Uniform(4, 10);
                    infusionStart = t;
                }
                below = 0;
                reaction = ReactionSeconds(r, first: false);
            }
        }
        return map;
    }

    /// <summary>Time from MAP below the threshold to a bolus: median 3 min (30 s – 20 min) for the first hypotension of a
    /// case; 1–4 min once the anaesthetist has treated hypotension in the case and watches for it.</summary>
    private static double ReactionSeconds(Random r, bool first) =>
        first ? Math.Clamp(r.LogNormal(180, 2.5, 1), 30, 1200) : r.Uniform(60, 240);

    private static void AddArtifacts(Random r, float[] map, double period, SyntheticCohortOptions o)
    {
        double hours = map.Length * period / 3600;
        Place(r, map, period, o.LineHandlingPerHour * hours, 20, 60, LineHandling);
        Place(r, map, period, o.FlushesPerHour * hours, 6, 15, r => _ => (float)Math.Round(r.Uniform(250, 300)));
        Place(r, map, period, o.ZeroingsPerHour * hours, 10, 40, r => _ => (float)Math.Round(r.Uniform(0, 3)));
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

    /// <summary>
    /// Line handling: an excursion of the numeric that stays inside any plausible range, so no range rule removes it
    /// (blood sampling, a flush seen through the monitor's averaging, the transducer moved). It moves MAP by 30–100 mmHg,
    /// upward in <see cref="LineHandlingUpShare"/> of cases, clamped to 25–195 mmHg (inside the cleaner's default
    /// 20–200); <see cref="AddArtifacts"/> gives it 20–60 s. Sizes follow the single-minute excursions of real per-minute
    /// recordings (docs/synthetic-cohort.md).
    /// </summary>
    private static Func<float, float> LineHandling(Random r)
    {
        double shift = r.Uniform(30, 100) * (r.Bernoulli(LineHandlingUpShare) ? 1 : -1);
        return v => (float)Math.Round(Math.Clamp(v + shift, 25, 195));
    }

    /// <summary>Share of line-handling excursions that go up (real-icu-map: 80 % of single-minute spikes).</summary>
    private const double LineHandlingUpShare = 0.8;

    /// <summary>Places a Poisson number of artifacts of <paramref name="minSeconds"/>–<paramref name="maxSeconds"/> at
    /// random starts. <paramref name="artifact"/> is drawn once per artifact and maps each sample's value to the
    /// recorded one; null freezes the value at the start (a flat line).</summary>
    private static void Place(Random r, float[] map, double period, double expected, double minSeconds, double maxSeconds,
        Func<Random, Func<float, float>>? artifact)
    {
        int count = Poisson(r, expected);
        for (int k = 0; k < count; k++)
        {
            double seconds = r.Uniform(minSeconds, maxSeconds);
            var value = artifact?.Invoke(r);
            int start = r.Next(map.Length);
            float held = map[start];
            for (int i = start; i < map.Length && (i - start) * period < seconds; i++)
                map[i] = value is null ? held : value(map[i]);
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
