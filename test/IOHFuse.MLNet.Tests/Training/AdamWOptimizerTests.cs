using IOHFuse.MLNet.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace IOHFuse.MLNet.Tests.Training;

[TestClass]
public sealed class AdamWOptimizerTests
{
    /// <summary>The cosine schedule sets the rate between steps; the setter must reach the optimizer, or the schedule
    /// silently does nothing. AdamW's first step moves each weight by about lr, so a 10× rate gives a ~10× larger step.</summary>
    [TestMethod]
    public void TestLearningRateSetterChangesTheStep()
    {
        using var generator = new torch.Generator(5);
        using var start = torch.randn(new long[] { 32, 8 }, generator: generator);
        using var gradient = torch.randn(new long[] { 32, 8 }, generator: generator);
        double Moved(double rate)
        {
            using var p = new Parameter(start.clone());
            using var optimizer = new AdamWOptimizer(new[] { p }, 1e-3, 0.0);
            optimizer.LearningRate = rate;
            Assert.AreEqual(rate, optimizer.LearningRate);
            p.grad = gradient.clone();
            optimizer.Step();
            using var moved = (p.detach() - start).abs().max();
            return moved.item<float>();
        }
        double small = Moved(1e-3), large = Moved(1e-2);
        Assert.AreEqual(10.0, large / small, 0.5, $"steps {small} and {large}");
    }

    [TestMethod]
    public void TestRejectsANonPositiveRate()
    {
        using var p = new Parameter(torch.zeros(2));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new AdamWOptimizer(new[] { p }, 0, 0.01));
        using var optimizer = new AdamWOptimizer(new[] { p }, 1e-3, 0.01);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1);
    }
}
