namespace IOHFuse.MLNet.Data;

/// <summary>MAP from an arterial pressure waveform: the mean pressure over consecutive windows.</summary>
/// <remarks>
/// The mean of the pressure over whole cardiac cycles is the definition of MAP; over a window of a few beats the part
/// of a beat cut at either end shifts it by a fraction of the pulse pressure divided by the number of beats, so a
/// 2-s window (2–4 beats at 60–120 bpm) is within a few mmHg of the per-beat value and needs no beat detection. Each
/// value is stamped at its window's end: it uses no sample recorded after its own time.
/// </remarks>
internal static class ArterialWave
{
    /// <summary>Window means of a wave sampled at <paramref name="rateHz"/>.</summary>
    /// <param name="times">Sample times in seconds, increasing.</param>
    /// <param name="values">Samples in mmHg (non-finite = missing).</param>
    /// <param name="rateHz">Nominal sample rate; a window counts only when it holds at least
    /// <paramref name="minimumCoverage"/> of the samples this rate implies.</param>
    /// <param name="windowSeconds">Window length in seconds.</param>
    /// <param name="minimumCoverage">Fraction in (0, 1].</param>
    public static (double[] Times, float[] Values) ToMap(double[] times, float[] values, double rateHz, double windowSeconds, double minimumCoverage)
    {
        double needed = minimumCoverage * windowSeconds * rateHz;
        var outTimes = new List<double>();
        var outValues = new List<float>();
        int i = 0;
        while (i < times.Length)
        {
            double start = Math.Floor(times[i] / windowSeconds) * windowSeconds;
            double sum = 0;
            int count = 0;
            for (; i < times.Length && times[i] < start + windowSeconds; i++)
            {
                if (float.IsFinite(values[i]))
                {
                    sum += values[i];
                    count++;
                }
            }
            if (count > 0 && count >= needed)
            {
                outTimes.Add(start + windowSeconds);
                outValues.Add((float)(sum / count));
            }
        }
        return (outTimes.ToArray(), outValues.ToArray());
    }

    /// <summary>The sample rate implied by the median interval of <paramref name="times"/> (0 when it cannot be told).</summary>
    public static double RateOf(double[] times)
    {
        if (times.Length < 2)
            return 0;
        var d = new double[Math.Min(times.Length - 1, 100_000)];
        for (int i = 0; i < d.Length; i++)
            d[i] = times[i + 1] - times[i];
        Array.Sort(d);
        double median = d[d.Length / 2];
        return median > 0 ? 1 / median : 0;
    }
}
