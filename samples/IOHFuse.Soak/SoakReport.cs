using System.Globalization;

namespace IOHFuse.Soak;

/// <summary>Summarises the memory samples and judges whether memory stayed flat.</summary>
internal static class SoakReport
{
    /// <summary>Growth allowed after warm-up: allocator and JIT noise, not a per-row leak (a leak of even 100 bytes
    /// per window grows 95 MB over a million windows).</summary>
    private const long AllowedGrowthBytes = 32L * 1024 * 1024;

    /// <summary>Flat = resident memory at the end is within the allowance of the first sample after warm-up (the
    /// first tenth of the run, when caches, JIT and the allocator's arenas settle).</summary>
    public static bool IsFlat(IReadOnlyList<MemorySample> samples) => Growth(samples).Resident <= AllowedGrowthBytes;

    private static (long Resident, long Managed) Growth(IReadOnlyList<MemorySample> samples)
    {
        var warm = WarmSample(samples);
        var end = samples[^1];
        return (end.ResidentBytes - warm.ResidentBytes, end.ManagedBytes - warm.ManagedBytes);
    }

    private static MemorySample WarmSample(IReadOnlyList<MemorySample> samples)
    {
        long total = samples[^1].Progress;
        return samples.FirstOrDefault(s => s.Progress >= Math.Max(1, total / 10)) ?? samples[0];
    }

    public static void Print(IReadOnlyList<MemorySample> train, IReadOnlyList<MemorySample> score, long windows, TimeSpan scoring, int bad, double checksum)
    {
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine();
        foreach (var (name, s) in new[] { ("training", train), ("scoring", score) })
        {
            var warm = WarmSample(s);
            var (rss, managed) = Growth(s);
            Console.WriteLine(
                $"{name}: rss start {Mb(s[0].ResidentBytes)} MB, after warm-up ({warm.Progress:N0}) {Mb(warm.ResidentBytes)} MB, end {Mb(s[^1].ResidentBytes)} MB, " +
                $"max {Mb(s.Max(x => x.ResidentBytes))} MB; growth after warm-up {Mb(rss)} MB rss, {Mb(managed)} MB managed " +
                $"(managed start {Mb(s[0].ManagedBytes)}, end {Mb(s[^1].ManagedBytes)} MB) → {(IsFlat(s) ? "FLAT" : "GROWING")}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scored {windows:N0} windows in {scoring.TotalSeconds:F0} s ({scoring.TotalMilliseconds / windows:F3} ms/window); invalid probabilities {bad}; mean probability {checksum / windows:F4}"));
    }
}
