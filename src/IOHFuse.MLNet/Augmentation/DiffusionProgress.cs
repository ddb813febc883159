namespace IOHFuse.MLNet.Augmentation;

/// <summary>Progress of the diffusion generator's training, reported once per epoch.</summary>
/// <param name="Epoch">The epoch just finished, 1-based.</param>
/// <param name="Epochs">Total number of epochs.</param>
/// <param name="Loss">Mean training loss of the epoch (x0 reconstruction + trend + Fourier terms, normalized units).</param>
/// <param name="Elapsed">Wall-clock time since training started.</param>
public readonly record struct DiffusionProgress(int Epoch, int Epochs, float Loss, TimeSpan Elapsed);
