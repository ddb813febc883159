namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// CPU time that other processes used while this one ran, as a fraction of all CPU capacity (from /proc/stat and
/// /proc/self/stat, the same measure as the PyTorch reference implementation's <c>other_processes_cpu_frac</c>).
/// Above about 5 % the timings are contaminated by contention.
/// </summary>
public sealed class ForeignCpuMeter
{
    private readonly (long Busy, long Total) _machine;
    private readonly long _self;

    /// <summary>Starts measuring.</summary>
    public ForeignCpuMeter()
    {
        _machine = Machine();
        _self = Self();
    }

    /// <summary>Other processes' share of all CPUs since construction; NaN where /proc is missing.</summary>
    public double OtherProcessesShare()
    {
        if (!File.Exists("/proc/stat"))
            return double.NaN;
        var (busy, total) = Machine();
        long self = Self();
        return Math.Max(0.0, ((busy - _machine.Busy) - (self - _self)) / (double)Math.Max(1, total - _machine.Total));
    }

    private static (long Busy, long Total) Machine()
    {
        if (!File.Exists("/proc/stat"))
            return (0, 0);
        var v = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        long idle = v[3] + v[4];
        long total = v.Sum();
        return (total - idle, total);
    }

    private static long Self()
    {
        if (!File.Exists("/proc/self/stat"))
            return 0;
        var fields = File.ReadAllText("/proc/self/stat");
        var rest = fields[(fields.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(rest[11]) + long.Parse(rest[12]); // utime + stime, all threads
    }
}
