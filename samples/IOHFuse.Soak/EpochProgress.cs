using IOHFuse.MLNet.Training;

namespace IOHFuse.Soak;

/// <summary>Calls back synchronously on the training thread after each epoch.</summary>
internal sealed class EpochProgress(Action<IohFuseLMProgress> handler) : IProgress<IohFuseLMProgress>
{
    public void Report(IohFuseLMProgress value) => handler(value);
}
