namespace IOHFuse.MLNet.Training;

/// <summary>One progress report of <see cref="IohFuseLMTrainer"/>, sent at the end of every epoch.</summary>
/// <param name="Stage">"Pretrain" (stage 1, masked-patch reconstruction) or "FineTune" (stage 2).</param>
/// <param name="Epoch">1-based epoch within the stage.</param>
/// <param name="TotalEpochs">Epochs planned for the stage.</param>
/// <param name="Loss">Mean training loss of the epoch.</param>
/// <param name="ValidationAuroc">Validation AUROC after the epoch (stage 2 with a validation set), otherwise null.</param>
/// <param name="Elapsed">Time since Fit started.</param>
public sealed record IohFuseLMProgress(string Stage, int Epoch, int TotalEpochs, double Loss, double? ValidationAuroc, TimeSpan Elapsed);
