using IOHFuse.MLNet.Training;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Records RSS and managed heap after every training epoch. Implements <see cref="IProgress{T}"/> directly (not
/// <see cref="Progress{T}"/>, which reports on the thread pool later), so each sample is taken when the epoch ends.
/// </summary>
public sealed class EpochMemoryRecorder : IProgress<IohFuseLMProgress>
{
    /// <summary>One sample per reported epoch, in order.</summary>
    public List<(string Stage, int Epoch, double RssMiB, double ManagedMiB)> Samples { get; } = new();

    /// <inheritdoc />
    public void Report(IohFuseLMProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Samples.Add((value.Stage, value.Epoch, ProcessMemory.ResidentMiB(), ProcessMemory.ManagedMiB()));
    }
}
