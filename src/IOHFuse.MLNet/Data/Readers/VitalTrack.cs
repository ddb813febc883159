namespace IOHFuse.MLNet.Data;

/// <summary>One track of a .vital file with its records (physical values after ADC gain and offset).</summary>
public sealed class VitalTrack
{
    private readonly List<(double Time, float[] Values)> _records = [];

    internal VitalTrack(string name, VitalTrackKind kind, string unit, double sampleRateHz, int monitorType)
    {
        Name = name;
        Kind = kind;
        Unit = unit;
        SampleRateHz = sampleRateHz;
        MonitorType = monitorType;
    }

    /// <summary>Full name "Device/Track" (just "Track" without a device).</summary>
    public string Name { get; }

    /// <summary>Record type.</summary>
    public VitalTrackKind Kind { get; }

    /// <summary>Unit, e.g. "mmHg".</summary>
    public string Unit { get; }

    /// <summary>Sample rate in Hz (waves).</summary>
    public double SampleRateHz { get; }

    /// <summary>Monitor type code (e.g. 4 = arterial wave, 7 = arterial MBP, 18 = NIBP MBP).</summary>
    public int MonitorType { get; }

    /// <summary>Number of records.</summary>
    public int RecordCount => _records.Count;

    /// <summary>Number of samples over all records.</summary>
    public long SampleCount => _records.Sum(r => (long)r.Values.Length);

    internal void Add(double time, float[] values) => _records.Add((time, values));

    /// <summary>
    /// All samples in time order as (Unix time in seconds, value). Wave samples are spaced 1 / rate after their record's
    /// start; records are sorted by start time and, where two samples share a time, the later record wins.
    /// </summary>
    public (double[] TimesSeconds, float[] Values) GetSamples()
    {
        var ordered = _records.Select((r, i) => (r, i)).OrderBy(x => x.r.Time).ThenBy(x => x.i).Select(x => x.r);
        var times = new List<double>();
        var values = new List<float>();
        double step = Kind == VitalTrackKind.Wave && SampleRateHz > 0 ? 1.0 / SampleRateHz : 0;
        foreach (var (start, v) in ordered)
        {
            for (int k = 0; k < v.Length; k++)
            {
                double t = start + k * step;
                if (times.Count > 0 && t <= times[^1])
                {
                    if (t == times[^1])
                        values[^1] = v[k];
                    continue; // overlapping wave blocks: keep the time axis strictly increasing
                }
                times.Add(t);
                values.Add(v[k]);
            }
        }
        return (times.ToArray(), values.ToArray());
    }
}
