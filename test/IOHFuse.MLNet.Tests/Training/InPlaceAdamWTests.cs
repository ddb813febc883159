using IOHFuse.MLNet.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace IOHFuse.MLNet.Tests.Training;

[TestClass]
public sealed class InPlaceAdamWTests
{
    /// <summary>The trainer's AdamW must update like torch.optim.AdamW (same arithmetic, fewer temporaries): equal up to
    /// float rounding, not bit for bit, since the two may order the scalar factors differently.</summary>
    [TestMethod]
    public void TestMatchesTorchAdamWToFloatRounding()
    {
        torch.manual_seed(11);
        using var start = torch.randn(64, 16);
        using var a = new Parameter(start.clone());
        using var b = new Parameter(start.clone());
        using var reference = torch.optim.AdamW(new[] { a }, lr: 1e-2, weight_decay: 0.01);
        using var ours = new InPlaceAdamW(new[] { b }, 1e-2, 0.01);
        for (int step = 0; step < 5; step++)
        {
            using var scope = torch.NewDisposeScope();
            var gradient = torch.randn(64, 16);
            a.grad = gradient.clone();
            b.grad = gradient.clone();
            reference.step();
            ours.Step();
        }
        // Same arithmetic; TorchSharp's AdamW may fuse or order scalar factors differently, so allow rounding only.
        using var moved = (start - a.detach()).abs().max();
        using var difference = (a.detach() - b.detach()).abs().max();
        Assert.IsLessThan(1e-6 * moved.item<float>() + 1e-7, difference.item<float>(), $"max |difference| {difference.item<float>()} vs max update {moved.item<float>()}");
    }
}
