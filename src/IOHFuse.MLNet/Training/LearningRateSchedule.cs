namespace IOHFuse.MLNet.Training;

/// <summary>How the stage-2 learning rate changes over the planned fine-tuning steps.</summary>
public enum LearningRateSchedule
{
    /// <summary>The learning rate stays at <see cref="IohFuseLMOptions.FineTuneLearningRate"/>.</summary>
    Constant,

    /// <summary>Cosine decay from <see cref="IohFuseLMOptions.FineTuneLearningRate"/> to 1 % of it at the last planned
    /// step (<see cref="IohFuseLMOptions.FineTuneEpochs"/> epochs), so the last epochs settle instead of oscillating.</summary>
    Cosine,
}
