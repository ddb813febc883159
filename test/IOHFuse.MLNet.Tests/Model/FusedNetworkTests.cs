using IOHFuse.MLNet.Model;
using TorchSharp;
using static TorchSharp.torch;

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

    /// <summary>Rows whose sentences end at different lengths run the blocks before the last on their real positions
    /// only (PackedRows). Training on the batch must give what training on each row alone gives, where there is no
    /// padding to skip: the same outputs, and the same gradient of every parameter (the batch's loss is the sum of the
    /// rows' losses). Three layers, so two blocks run packed.</summary>
    [TestMethod]
    public void TestPackedBatchTrainsLikeEachRowAlone()
    {
        using var network = SmallNetwork(seed: 7, layers: 3);
        network.train();
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(11);
        // An untrained network's heads start at zero (current MAP and persistence), which would pass no gradient back
        // into the blocks: give them weights, as a trained network has.
        using (torch.no_grad())
            foreach (var (name, p) in network.named_parameters().Where(p => p.name.StartsWith("forecast_head.") || p.name.StartsWith("ioh_head.")))
                p.copy_(torch.randn(p.shape, generator: generator) * 0.1f);
        var history = torch.rand(3, 60, generator: generator) * 40 + 60;
        var ids = torch.randint(1, 300, new long[] { 3, 8 }, generator: generator);
        var mask = torch.tensor(new float[] { 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0 }, new long[] { 3, 8 });
        ids = ids * mask.to_type(ScalarType.Int64);
        var target = torch.randn(3, 40, generator: generator);

        float Loss(Tensor rows)
        {
            var output = network.Forward(history.index_select(0, rows), ids.index_select(0, rows), mask.index_select(0, rows));
            var loss = output.Logit.sum() + (output.Forecast - target.index_select(0, rows)).square().sum();
            loss.backward();
            return loss.item<float>();
        }
        List<Tensor> Gradients() => network.parameters().Select(p => p.grad is null ? torch.zeros_like(p) : p.grad.clone()).ToList();
        void Clear() { foreach (var p in network.parameters()) p.grad = null; }

        Clear();
        float batchLoss = Loss(torch.tensor(new long[] { 0, 1, 2 }));
        var batch = Gradients();
        float aloneLoss = 0;
        var alone = batch.Select(g => torch.zeros_like(g)).ToList();
        for (long r = 0; r < 3; r++)
        {
            Clear();
            aloneLoss += Loss(torch.tensor(new[] { r }));
            var g = Gradients();
            for (int i = 0; i < alone.Count; i++) alone[i] = alone[i] + g[i];
        }

        Assert.AreEqual(aloneLoss, batchLoss, 1e-3 * Math.Abs(aloneLoss), "loss");
        var names = network.named_parameters().Select(p => p.name).ToList();
        for (int i = 0; i < batch.Count; i++)
            Assert.IsTrue(batch[i].allclose(alone[i], rtol: 1e-3, atol: 1e-5),
                $"{names[i]}: largest gradient difference {(batch[i] - alone[i]).abs().max().item<float>()}");
        // Not vacuous: the first block's weights and the token embedding get gradients through the packed path.
        Assert.IsGreaterThan(0f, batch[names.IndexOf("h.0.fc.weight")].abs().sum().item<float>());
        Assert.IsGreaterThan(0f, batch[names.IndexOf("wte.weight")].abs().sum().item<float>());
    }

    /// <summary>History 60 (patches of 10), forecast 40, 8 text tokens, vocabulary 300, d = 32: seeded, in eval mode.</summary>
    private static FusedNetwork SmallNetwork(int seed, int layers = 2)
    {
        using var generator = new torch.Generator((ulong)seed);
        var network = new FusedNetwork(new FusedModelConfig(60, 10, 40, 8, 300, 32, 4, layers, 4, 0.0), generator);
        network.eval();
        return network;
    }
}
