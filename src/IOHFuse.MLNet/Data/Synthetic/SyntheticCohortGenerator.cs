using System.Globalization;

namespace IOHFuse.MLNet.Data;

/// <summary>
/// Generates a seeded, physiologically plausible synthetic surgical cohort: static attributes drawn from the
/// marginals of a real non-cardiac surgical cohort and a simulated numeric MAP track per case with post-induction
/// hypotension, a risk-dependent maintenance level and wander, risk-dependent hypotension episodes, an anaesthetist who
/// treats MAP below 65 mmHg, noise and artifacts. The model, its sources and its calibration against real recordings are
/// described in docs/synthetic-cohort.md. Same options and seed → identical cohort.
/// </summary>
public sealed class SyntheticCohortGenerator
{
    private readonly SyntheticCohortOptions _options;

    /// <summary>Creates a generator.</summary>
    /// <param name="options">Options; defaults (300 cases of 2–4 h at 3 s, seed 1) when null.</param>
    public SyntheticCohortGenerator(SyntheticCohortOptions? options = null)
    {
        _options = options ?? new SyntheticCohortOptions();
        _options.Validate();
    }

    /// <summary>Generates all cases.</summary>
    public IReadOnlyList<SurgicalCase> Generate()
    {
        var cases = new SurgicalCase[_options.NumberOfCases];
        for (int i = 0; i < cases.Length; i++)
            cases[i] = GenerateCase(i);
        return cases;
    }

    /// <summary>Generates case number <paramref name="index"/> alone; each case has its own random stream derived
    /// from the seed and the index, so this equals the same element of <see cref="Generate"/>.</summary>
    /// <param name="index">Case index in [0, NumberOfCases).</param>
    public SurgicalCase GenerateCase(int index)
    {
        if (index < 0 || index >= _options.NumberOfCases)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"must be in [0, {_options.NumberOfCases}).");
        var r = new Random(CaseSeed(_options.Seed, index));
        var patient = SyntheticAttributeSampler.Sample(r, _options);
        var (map, clean) = MapSimulator.Simulate(r, patient, _options);
        var times = new double[map.Length];
        for (int i = 0; i < times.Length; i++)
            times[i] = i * _options.SamplePeriodSeconds;
        string id = _options.CaseIdPrefix + (index + 1).ToString("D4", CultureInfo.InvariantCulture);
        var mapTrack = new TimedTrack("MAP", "mmHg", times, map);
        if (!_options.IncludeSecondaryTracks)
            return new SurgicalCase(id, mapTrack, patient.Attributes);

        double age = patient.Attributes.Age;
        double pulse = Math.Clamp(40 + 0.5 * (age - 50) + (patient.Hypertension ? 10 : 0) + r.Gaussian(0, 5), 25, 90);
        double hr0 = 75 - 0.2 * (age - 50) + r.Gaussian(0, 8);
        var sbp = new float[map.Length];
        var dbp = new float[map.Length];
        var hr = new float[map.Length];
        for (int i = 0; i < map.Length; i++)
        {
            sbp[i] = (float)Math.Round(map[i] + 2 * pulse / 3);
            dbp[i] = (float)Math.Round(map[i] - pulse / 3);
            // Baroreflex: heart rate rises a little when pressure falls.
            hr[i] = (float)Math.Round(hr0 + 0.3 * Math.Max(0, 80 - clean[i]) + r.Gaussian(0, 2));
        }
        return new SurgicalCase(id, mapTrack, patient.Attributes)
        {
            Sbp = new TimedTrack("SBP", "mmHg", times, sbp),
            Dbp = new TimedTrack("DBP", "mmHg", times, dbp),
            HeartRate = new TimedTrack("HR", "/min", times, hr),
        };
    }

    private static int CaseSeed(int seed, int index)
    {
        // SplitMix64 finaliser: decorrelates the streams of neighbouring cases and seeds.
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 1);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
