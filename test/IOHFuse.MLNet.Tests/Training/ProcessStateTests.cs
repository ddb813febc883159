using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Model;
using Microsoft.ML;
using TorchSharp;

namespace IOHFuse.MLNet.Tests.Training;

/// <summary>Fit and load leave TorchSharp's process-wide generator alone: they neither reset it nor draw from it.</summary>
[TestClass]
public sealed class ProcessStateTests
{
    [TestMethod]
    public void TestFitNeitherResetsNorDrawsFromTheGlobalGenerator()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(96, seed: 31));
        float expected = NextGlobalDraw(seed: 424242, between: null);
        float actual = NextGlobalDraw(seed: 424242, between: () =>
        {
            using var model = ml.IOHFuse().Trainers.IohFuseLM(IohFuseLMTrainerTests.TinyOptions()).Fit(data);
        });
        Assert.AreEqual(expected, actual, "the application's next random draw must not depend on a Fit in between");
    }

    [TestMethod]
    public void TestTheModelDoesNotDependOnTheGlobalGenerator()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(96, seed: 32));
        torch.manual_seed(1);
        using var a = ml.IOHFuse().Trainers.IohFuseLM(IohFuseLMTrainerTests.TinyOptions(seed: 8)).Fit(data);
        torch.manual_seed(987654);
        using (torch.rand(1000)) { }
        using var b = ml.IOHFuse().Trainers.IohFuseLM(IohFuseLMTrainerTests.TinyOptions(seed: 8)).Fit(data);
        CollectionAssert.AreEqual(ScoreBits.Of(a.Transform(data)), ScoreBits.Of(b.Transform(data)),
            "the seed option alone must fix the model");
    }

    [TestMethod]
    public void TestLoadingDoesNotDrawFromTheGlobalGenerator()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(96, seed: 33));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data);
        string state = model.Scorer.ToStateText();
        float expected = NextGlobalDraw(seed: 77, between: null);
        float actual = NextGlobalDraw(seed: 77, between: () =>
        {
            // The decode that Model.Load runs on a cache miss: the network is rebuilt from the state, not drawn first.
            using var scorer = FusedScorer.FromStateText(state, torch.CPU);
        });
        Assert.AreEqual(expected, actual, "rebuilding a saved network must not consume random numbers");
    }

    private static float NextGlobalDraw(long seed, Action? between)
    {
        torch.manual_seed(seed);
        between?.Invoke();
        using var draw = torch.rand(1);
        return draw.item<float>();
    }
}
