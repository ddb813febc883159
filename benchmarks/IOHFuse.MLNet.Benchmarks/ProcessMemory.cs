namespace IOHFuse.MLNet.Benchmarks;

/// <summary>Resident set size (all native and managed memory of the process) from /proc/self/status.</summary>
public static class ProcessMemory
{
    /// <summary>Current RSS in MiB (VmRSS).</summary>
    public static double ResidentMiB() => Read("VmRSS:");

    /// <summary>Peak RSS of the process so far in MiB (VmHWM).</summary>
    public static double PeakResidentMiB() => Read("VmHWM:");

    /// <summary>Managed heap in use, MiB.</summary>
    public static double ManagedMiB() => GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;

    private static double Read(string key)
    {
        if (!File.Exists("/proc/self/status"))
            return Environment.WorkingSet / 1048576.0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0]) / 1024.0; // kB
        }
        return double.NaN;
    }
}
