namespace IOHFuse.Soak;

/// <summary>One memory reading: resident set (native + managed), managed heap, and how far the soak had got.</summary>
/// <param name="Phase">"train" or "score".</param>
/// <param name="Progress">Epochs or windows done.</param>
/// <param name="ResidentBytes">VmRSS of this process.</param>
/// <param name="ManagedBytes">Managed heap after a full collection.</param>
/// <param name="Elapsed">Time since the phase started.</param>
internal sealed record MemorySample(string Phase, long Progress, long ResidentBytes, long ManagedBytes, TimeSpan Elapsed);
