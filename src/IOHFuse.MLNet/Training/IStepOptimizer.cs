namespace IOHFuse.MLNet.Training;

/// <summary>
/// What the trainer's step methods need from an optimizer: one update from the current gradients, and the learning rate
/// a schedule sets between steps. <see cref="AdamWOptimizer"/> (TorchSharp's AdamW) is the one Fit uses.
/// </summary>
internal interface IStepOptimizer
{
    /// <summary>Learning rate of the next steps; positive.</summary>
    double LearningRate { get; set; }

    /// <summary>Applies one update from the current gradients.</summary>
    void Step();
}
