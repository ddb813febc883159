using System.Diagnostics;
using System.Globalization;

namespace IOHFuse.Soak;

/// <summary>Reads the process's resident set size and managed heap.</summary>
internal static class MemoryProbe
{
    /// <summary>VmRSS from /proc/self/status on Linux (what the kernel charges the process, native allocations
    /// included); <see cref="Process.WorkingSet64"/> elsewhere.</summary>
    public static long ResidentBytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    string kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    /// <summary>Managed heap after a full blocking collection, so garbage not yet collected does not look like a leak.</summary>
    public static long ManagedBytes() => GC.GetTotalMemory(forceFullCollection: true);

    public static MemorySample Sample(string phase, long progress, TimeSpan elapsed) =>
        new(phase, progress, ResidentBytes(), ManagedBytes(), elapsed);
}
