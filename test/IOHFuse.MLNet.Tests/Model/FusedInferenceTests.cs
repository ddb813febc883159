using IOHFuse.MLNet.Model;
using TorchSharp;

namespace IOHFuse.MLNet.Tests.Model;

/// <summary>The scoring forward pass computes what the network's own forward computes, to float rounding, for every
/// masking case it handles differently (kernel-causal rows, rows of different lengths, a hole in a row's mask,
/// series-only).</summary>
[TestClass]
public sealed class FusedInferenceTests
{
    private const int History = 60, Forecast = 40, Text = 8;

    [TestMethod]
    public void TestSingleRowMatchesNetworkForward()
    {
        AssertMatches(textLength: Text, masks: [[1, 1, 1, 0, 0, 0, 0, 0]]);
    }

    [TestMethod]
    public void TestRowsOfDifferentLengthsMatchNetworkForward()
    {
        AssertMatches(textLength: Text, masks: [[1, 1, 1, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0, 0, 0]]);
    }

    [TestMethod]
    public void TestHoleInMaskAndEmptyTextMatchNetworkForward()
    {
        AssertMatches(textLength: Text, masks: [[1, 0, 1, 1, 0, 0, 0, 0]]);
        AssertMatches(textLength: Text, masks: [[0, 0, 0, 0, 0, 0, 0, 0]]);
    }

    [TestMethod]
    public void TestSeriesOnlyMatchesNetworkForward()
    {
        AssertMatches(textLength: 0, masks: [[], []]);
    }

    /// <summary>The folded persistence term keeps an untrained forecast exactly at the network's persistence value.</summary>
    [TestMethod]
    public void TestUntrainedForecastIsPersistenceExactly()
    {
        using var network = Network(textLength: 0, seed: 4);
        using var inference = new FusedInference(network, torch.CPU);
        var history = Enumerable.Range(0, History).Select(i => 55f + i * 0.731f).ToArray();
        var logit = new float[1];
        var forecast = new float[Forecast];
        inference.Score(history, [], [], 1, logit, forecast);
        float last = (history[^1] - FusedModelConfig.MapCenter) / FusedModelConfig.MapScale * FusedModelConfig.MapScale + FusedModelConfig.MapCenter;
        Assert.IsTrue(forecast.All(f => f == last), $"forecast {forecast[0]} vs persistence {last}");
    }

    private static void AssertMatches(int textLength, float[][] masks)
    {
        int count = masks.Length;
        using var network = Network(textLength, seed: 7);
        using var inference = new FusedInference(network, torch.CPU);
        var random = new Random(3);
        var history = Enumerable.Range(0, count * History).Select(_ => 50f + (float)random.NextDouble() * 60f).ToArray();
        var rows = Enumerable.Range(0, count * textLength).Select(_ => (long)random.Next(1, 300)).ToArray();
        var mask = masks.SelectMany(m => m).ToArray();

        var logits = new float[count];
        var forecasts = new float[count * Forecast];
        inference.Score(history, rows, mask, count, logits, forecasts);

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var output = network.Forward(torch.tensor(history, [count, History]),
            textLength > 0 ? torch.tensor(rows, [count, textLength]) : null,
            textLength > 0 ? torch.tensor(mask, [count, textLength]) : null);
        var expectedLogits = output.Logit.data<float>().ToArray();
        var expectedForecasts = FusedModelConfig.ToMmHg(output.Forecast).data<float>().ToArray();
        for (int i = 0; i < count; i++)
            Assert.AreEqual(expectedLogits[i], logits[i], 1e-4 + 1e-4 * Math.Abs(expectedLogits[i]), $"logit of row {i}");
        for (int i = 0; i < forecasts.Length; i++)
            Assert.AreEqual(expectedForecasts[i], forecasts[i], 1e-3, $"forecast value {i}");
    }

    /// <summary>History 60 (patches of 10), forecast 40, vocabulary 300, d = 32, 4 heads, 2 layers, in eval mode, with
    /// every weight random (the task heads and skip paths start at zero otherwise, which would hide their arithmetic).</summary>
    private static FusedNetwork Network(int textLength, int seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        var network = new FusedNetwork(new FusedModelConfig(History, 10, Forecast, textLength, textLength > 0 ? 300 : 0, 32, 4, 2, 4, 0.0), generator);
        if (seed != 4)
        {
            using var noGrad = torch.no_grad();
            foreach (var (name, p) in network.named_parameters())
                if (FusedNetwork.IsTaskHead(name))
                    p.normal_(0, 0.05, generator);
        }
        network.eval();
        return network;
    }
}
