using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>The check every training-only head shares (auxiliary labels, earlier prediction times): switching it on
/// changes what training learns, but the saved network has the same parameters as without it.</summary>
internal static class TrainingOnlyHead
{
    /// <param name="ml">The context.</param>
    /// <param name="data">Training (and scored) rows.</param>
    /// <param name="without">Options without the head.</param>
    /// <param name="with">The same options with the head on.</param>
    /// <param name="head">What the head is called in the failure messages.</param>
    public static void AssertChangesTrainingNotTheSavedModel(MLContext ml, IDataView data, IohFuseLMOptions without, IohFuseLMOptions with, string head)
    {
        using var a = ml.IOHFuse().Trainers.IohFuseLM(without).Fit(data);
        using var b = ml.IOHFuse().Trainers.IohFuseLM(with).Fit(data);

        CollectionAssert.AreNotEqual(ScoreBits.Of(a.Transform(data)), ScoreBits.Of(b.Transform(data)), $"the {head} loss must reach the shared weights");
        CollectionAssert.AreEqual(a.Scorer.Network.state_dict().Keys.ToArray(), b.Scorer.Network.state_dict().Keys.ToArray(),
            $"the {head} head is training-only: the saved network has the same parameters");
    }
}
