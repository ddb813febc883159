using IOHFuse.MLNet.Model;
using TorchSharp;

namespace IOHFuse.MLNet.Tests.Model;

[TestClass]
public sealed class FusedNetworkTests
{
    /// <summary>Forward drops text columns that are padding in every row; that must not change what a row scores
    /// (padding is never attended to), only how much work is done. Row 0 is scored alone (trimmed to its 3 tokens)
    /// and next to a row that fills all 8 positions (so row 0 is computed with its padding).</summary>
    [TestMethod]
    public void TestTrailingPaddingDoesNotChangeOutputs()
    {
        using var network = SmallNetwork(seed: 3);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var history = torch.rand(2, 60) * 40 + 60;
        var ids = torch.tensor(new long[] { 5, 17, 42, 0, 0, 0, 0, 0, 7, 8, 9, 10, 11, 12, 13, 14 }, new long[] { 2, 8 });
        var mask = torch.tensor(new float[] { 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 }, new long[] { 2, 8 });

        var alone = network.Forward(history.narrow(0, 0, 1), ids.narrow(0, 0, 1), mask.narrow(0, 0, 1));
        var padded = network.Forward(history, ids, mask);

        Assert.IsTrue(alone.Logit.allclose(padded.Logit.narrow(0, 0, 1), rtol: 1e-4, atol: 1e-5), "logit");
        Assert.IsTrue(alone.Forecast.allclose(padded.Forecast.narrow(0, 0, 1), rtol: 1e-4, atol: 1e-5), "forecast");
        Assert.IsTrue(alone.PatchStates.allclose(padded.PatchStates.narrow(0, 0, 1), rtol: 1e-4, atol: 1e-5), "patch states");
    }

    /// <summary>An untrained network starts at the clinical baselines: its IOH logit is 2·(70 − MAP_t)/20 whatever the rest of
    /// the history and the text, and its forecast is persistence.</summary>
    [TestMethod]
    public void TestUntrainedNetworkStartsAtCurrentMapAndPersistence()
    {
        using var network = SmallNetwork(seed: 5);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var history = torch.rand(16, 60) * 80 + 40;
        var ids = torch.randint(0, 300, new long[] { 16, 8 });
        var mask = torch.ones(16, 8);

        var output = network.Forward(history, ids, mask);

        var current = history.select(1, 59);
        var expected = (70f - current) / 10f;
        Assert.IsTrue(output.Logit.allclose(expected, rtol: 1e-5, atol: 1e-5), "logit is the current-MAP rule");
        var persistence = ((current - FusedModelConfig.MapCenter) / FusedModelConfig.MapScale).unsqueeze(1).expand(16, 40); // normalised units
        Assert.IsTrue(output.Forecast.allclose(persistence, rtol: 1e-5, atol: 1e-5), "forecast is persistence");
    }

    /// <summary>History 60 (patches of 10), forecast 40, 8 text tokens, vocabulary 300, d = 32: seeded, in eval mode.</summary>
    private static FusedNetwork SmallNetwork(int seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        var network = new FusedNetwork(new FusedModelConfig(60, 10, 40, 8, 300, 32, 4, 2, 4, 0.0), generator);
        network.eval();
        return network;
    }
}
