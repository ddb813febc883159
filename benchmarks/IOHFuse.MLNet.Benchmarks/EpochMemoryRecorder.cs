using IOHFuse.MLNet.Training;
using TorchSharp;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Records RSS, managed heap and live TorchSharp tensors after every training epoch (a constant tensor count while RSS
/// wanders separates allocator behaviour from a leak). Implements <see cref="IProgress{T}"/> directly (not
/// <see cref="Progress{T}"/>, which reports on the thread pool later), so each sample is taken when the epoch ends.
/// </summary>
public sealed class EpochMemoryRecorder : IProgress<IohFuseLMProgress>
{
    /// <summary>One sample per reported epoch, in order.</summary>
    public List<(string Stage, int Epoch, double RssMiB, double ManagedMiB, long LiveTensors)> Samples { get; } = new();

    /// <inheritdoc />
    public void Report(IohFuseLMProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Samples.Add((value.Stage, value.Epoch, ProcessMemory.ResidentMiB(), ProcessMemory.ManagedMiB(), torch.Tensor.TotalCount));
    }
}
