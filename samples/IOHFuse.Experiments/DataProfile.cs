using IOHFuse.MLNet.Data;

namespace IOHFuse.Experiments;

/// <summary>
/// The defaults the tools choose for a set of recordings when not told otherwise: the model's sample period, its
/// history length and patching, and whether the clinical text can be used. One place, so the CLI and the reports
/// describe the same model.
/// </summary>
/// <param name="SamplePeriodSeconds">Seconds between history samples.</param>
/// <param name="HistoryMinutes">History length in minutes.</param>
/// <param name="PatchLength">History samples per patch.</param>
/// <param name="UseText">Whether any case has a known attribute (else a series-only model).</param>
/// <param name="MedianIntervalSeconds">The recordings' own median sampling interval (NaN for generated data).</param>
public sealed record DataProfile(double SamplePeriodSeconds, double HistoryMinutes, int PatchLength, bool UseText, double MedianIntervalSeconds)
{
    /// <summary>Periods a model can run at: the divisors of 60 s from 1 to 60, so every horizon in whole minutes is a
    /// whole number of samples.</summary>
    public static IReadOnlyList<double> SupportedPeriods { get; } = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

    /// <summary>The period for recordings whose median interval is <paramref name="medianIntervalSeconds"/>: the
    /// smallest supported period at least that long, and never below 3 s (1–2 s numerics and waves are averaged to 3 s,
    /// the period the method was designed at); 60 s for anything coarser.</summary>
    public static double PeriodFor(double medianIntervalSeconds)
    {
        if (!double.IsFinite(medianIntervalSeconds) || medianIntervalSeconds <= 3)
            return 3;
        foreach (double p in SupportedPeriods)
            if (p >= medianIntervalSeconds - 1e-6)
                return p;
        return 60;
    }

    /// <summary>History for a period: 15 minutes (the method's default) at fine periods; 60 minutes at 20 s and coarser,
    /// where 15 minutes would be only 15–45 samples.</summary>
    public static double HistoryFor(double period) => period >= 20 ? 60 : 15;

    /// <summary>Samples per patch: about 30 patches at fine periods (10 samples at 3 s), and 4 samples (4 minutes at
    /// 60 s) at coarse ones, so a short series still gives the transformer a dozen or more tokens.</summary>
    public static int PatchFor(int historyLength)
    {
        int target = historyLength >= 120 ? 10 : 4;
        for (int p = target; p >= 1; p--)
            if (historyLength % p == 0)
                return p;
        return 1;
    }

    /// <summary>Infers the profile of <paramref name="cases"/>; explicit choices win.</summary>
    /// <param name="cases">The recordings.</param>
    /// <param name="medianIntervalSeconds">Their median sampling interval (NaN when generated at a known period).</param>
    /// <param name="period">A period to use instead of inferring one.</param>
    /// <param name="historyMinutes">A history length to use instead of the default for the period.</param>
    /// <param name="useText">Whether to use text; null = when any case has a known attribute.</param>
    public static DataProfile Infer(IReadOnlyList<SurgicalCase> cases, double medianIntervalSeconds, double? period = null,
        double? historyMinutes = null, bool? useText = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        double p = period ?? PeriodFor(medianIntervalSeconds);
        if (!(p >= 1 && p <= 60))
            throw new ArgumentOutOfRangeException(nameof(period), p, "The sample period must be between 1 and 60 seconds.");
        double h = historyMinutes ?? HistoryFor(p);
        int length = (int)Math.Round(h * 60 / p);
        if (length < 2 || Math.Abs(length * p - h * 60) > 1e-6)
            throw new ArgumentOutOfRangeException(nameof(historyMinutes), h, $"The history must be a whole number of {p}-s samples, at least two.");
        bool text = useText ?? cases.Any(c => HasAttributes(c.Attributes));
        return new DataProfile(p, h, PatchFor(length), text, medianIntervalSeconds);
    }

    /// <summary>History samples.</summary>
    public int HistoryLength => (int)Math.Round(HistoryMinutes * 60 / SamplePeriodSeconds);

    /// <summary>Window options at this profile's period and history, for the given horizons and stride.</summary>
    public WindowOptions Windows(IReadOnlyList<double> horizonsMinutes, double primaryHorizon, double strideSeconds) => new()
    {
        SamplePeriodSeconds = SamplePeriodSeconds,
        HistoryMinutes = HistoryMinutes,
        HorizonsMinutes = horizonsMinutes,
        PrimaryHorizonMinutes = primaryHorizon,
        StrideSeconds = Math.Max(SamplePeriodSeconds, Math.Round(strideSeconds / SamplePeriodSeconds) * SamplePeriodSeconds),
    };

    private static bool HasAttributes(PatientAttributes a) =>
        float.IsFinite(a.Age) || a.Sex.Length > 0 || float.IsFinite(a.Asa) || float.IsFinite(a.Bmi) || a.Department.Length > 0
        || a.SurgeryType.Length > 0 || a.SurgeryName.Length > 0 || a.Approach.Length > 0 || a.Anesthesia.Length > 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{SamplePeriodSeconds:0.##} s period, {HistoryMinutes:0.#} min history ({HistoryLength} samples, patches of {PatchLength}), " +
        (UseText ? "clinical text on" : "series only (no patient attributes)");
}
