using IOHFuse.MLNet.Data;

namespace IOHFuse.MLNet.Tests.Data;

/// <summary>Hand-built tracks for the data tests.</summary>
internal static class TestTracks
{
    /// <summary>A regular track at <paramref name="period"/> seconds from a value per sample index.</summary>
    public static TimedTrack Regular(int length, double period, Func<int, float> value)
    {
        var times = new double[length];
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            times[i] = i * period;
            values[i] = value(i);
        }
        return new TimedTrack("MAP", "mmHg", times, values);
    }

    /// <summary>80 mmHg with a small alternating wiggle (so no flat line), and <paramref name="low"/> (wiggling too) at [start, start+count).</summary>
    public static TimedTrack WithDip(int length, double period, int start, int count, float low = 50f)
        => Regular(length, period, i => (i >= start && i < start + count ? low : 80f) + (i % 2) * 0.5f);

    /// <summary>Window options at 1 s with 1 min history and a single 1 min horizon, stride 1 s.</summary>
    public static WindowOptions OneSecondOptions(CleaningOptions? cleaning = null) => new()
    {
        SamplePeriodSeconds = 1,
        HistoryMinutes = 1,
        HorizonsMinutes = [1],
        PrimaryHorizonMinutes = 1,
        StrideSeconds = 1,
        Cleaning = cleaning,
    };
}
