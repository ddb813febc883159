using System.Globalization;

namespace IOHFuse.MLNet.Data;

/// <summary>Options of the IOH window view (<c>mlContext.IOHFuse().Data.CreateWindows</c>).</summary>
public sealed class WindowOptions
{
    /// <summary>Resampling period in seconds; positive, default 3. Overrides <see cref="CleaningOptions.SamplePeriodSeconds"/>.</summary>
    public double SamplePeriodSeconds { get; set; } = 3;

    /// <summary>History length in minutes, including the prediction time; default 15 (300 samples at 3 s).
    /// Must be a whole number of sample periods.</summary>
    public double HistoryMinutes { get; set; } = 15;

    /// <summary>Label horizons in minutes, each giving a column <c>Label{h}</c> (e.g. Label5); default 5, 10, 15.
    /// Each must be positive and a whole number of sample periods. The future column spans the longest one.</summary>
    public IReadOnlyList<double> HorizonsMinutes { get; set; } = [5, 10, 15];

    /// <summary>Horizon (one of <see cref="HorizonsMinutes"/>) whose label is also written to the column
    /// <see cref="IohFuseColumns.Label"/>; default 5.</summary>
    public double PrimaryHorizonMinutes { get; set; } = 5;

    /// <summary>Distance between consecutive prediction times in seconds; a positive whole number of sample periods, default 60.</summary>
    public double StrideSeconds { get; set; } = 60;

    /// <summary>Time from the first sample before the first prediction time, in minutes; zero or more, default 0.
    /// A full history is always required in addition.</summary>
    public double MinimumWarmupMinutes { get; set; }

    /// <summary>A window is dropped when more than this fraction of its history, or of its future, is still invalid
    /// after cleaning; in [0, 1], default 0.1. The sample at the prediction time itself must always be valid.</summary>
    public double MaximumInvalidFraction { get; set; } = 0.1;

    /// <summary>IOH threshold in mmHg; default 65.</summary>
    public float ThresholdMmHg { get; set; } = 65f;

    /// <summary>Minimum sustained duration of an IOH event in seconds; default 60.</summary>
    public double MinimumEventSeconds { get; set; } = 60;

    /// <summary>Cleaning applied to every MAP track before windowing; defaults when null.</summary>
    public CleaningOptions? Cleaning { get; set; }

    /// <summary>Name of the label column of a horizon, e.g. "Label5" for 5 minutes ("Label2_5" for 2.5).</summary>
    /// <param name="horizonMinutes">Horizon in minutes.</param>
    public static string LabelColumnName(double horizonMinutes)
        => "Label" + horizonMinutes.ToString("0.###", CultureInfo.InvariantCulture).Replace('.', '_');

    internal int SamplesOf(double seconds, string parameterName)
    {
        double exact = seconds / SamplePeriodSeconds;
        int rounded = (int)Math.Round(exact);
        if (Math.Abs(exact - rounded) > 1e-6)
            throw new ArgumentException(
                $"{seconds} s is not a whole number of sample periods ({SamplePeriodSeconds} s).", parameterName);
        return rounded;
    }

    internal void Validate()
    {
        if (!(SamplePeriodSeconds > 0) || !double.IsFinite(SamplePeriodSeconds))
            throw new ArgumentOutOfRangeException(nameof(SamplePeriodSeconds), SamplePeriodSeconds, "must be positive.");
        if (!(HistoryMinutes > 0) || SamplesOf(HistoryMinutes * 60, nameof(HistoryMinutes)) < 1)
            throw new ArgumentOutOfRangeException(nameof(HistoryMinutes), HistoryMinutes, "must cover at least one sample.");
        if (HorizonsMinutes is null || HorizonsMinutes.Count == 0)
            throw new ArgumentException("At least one horizon is required.", nameof(HorizonsMinutes));
        foreach (double h in HorizonsMinutes)
            if (!(h > 0) || SamplesOf(h * 60, nameof(HorizonsMinutes)) < 1)
                throw new ArgumentOutOfRangeException(nameof(HorizonsMinutes), h, "every horizon must cover at least one sample.");
        if (HorizonsMinutes.Select(LabelColumnName).Distinct().Count() != HorizonsMinutes.Count)
            throw new ArgumentException("Horizons must be distinct.", nameof(HorizonsMinutes));
        if (!HorizonsMinutes.Contains(PrimaryHorizonMinutes))
            throw new ArgumentException(
                $"The primary horizon {PrimaryHorizonMinutes} min is not one of the horizons.", nameof(PrimaryHorizonMinutes));
        if (!(StrideSeconds > 0) || SamplesOf(StrideSeconds, nameof(StrideSeconds)) < 1)
            throw new ArgumentOutOfRangeException(nameof(StrideSeconds), StrideSeconds, "must be at least one sample period.");
        if (!(MinimumWarmupMinutes >= 0))
            throw new ArgumentOutOfRangeException(nameof(MinimumWarmupMinutes), MinimumWarmupMinutes, "must be zero or more.");
        if (!(MaximumInvalidFraction >= 0 && MaximumInvalidFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(MaximumInvalidFraction), MaximumInvalidFraction, "must be in [0, 1].");
        if (!(ThresholdMmHg > 0))
            throw new ArgumentOutOfRangeException(nameof(ThresholdMmHg), ThresholdMmHg, "must be positive.");
        if (!(MinimumEventSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(MinimumEventSeconds), MinimumEventSeconds, "must be positive.");
    }
}
