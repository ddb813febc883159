using IOHFuse.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Tests.Training;

[TestClass]
public sealed class TorchRuntimeTests
{
    [TestMethod]
    public void TestSmallModuleTrainsOnCpu()
    {
        TorchRuntime.ApplyThreads(2);
        Device device = TorchRuntime.ResolveDevice(ComputeDevice.Cpu);
        torch.manual_seed(7);
        using var model = nn.Sequential(("l1", nn.Linear(8, 16)), ("act", nn.GELU()), ("l2", nn.Linear(16, 1)));
        model.to(device);
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-2);
        using var x = torch.randn(64, 8, device: device);
        using var w = torch.randn(8, 1, device: device);
        using var y = x.matmul(w);

        float first = 0, last = 0;
        for (int step = 0; step < 50; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.call(x), y);
            loss.backward();
            optimizer.step();
            float value = loss.item<float>();
            if (step == 0) first = value;
            last = value;
        }

        Assert.IsLessThan(first * 0.5f, last, $"loss should fall by half: first {first}, last {last}");
    }

    [TestMethod]
    public void TestAutoResolvesToCpuWithoutGpu()
    {
        Device device = TorchRuntime.ResolveDevice(ComputeDevice.Auto);
        Assert.AreEqual(TorchRuntime.IsCudaAvailable() ? DeviceType.CUDA : DeviceType.CPU, device.type);
    }

    [TestMethod]
    public void TestCudaRequestFailsClearlyWithoutGpu()
    {
        if (TorchRuntime.IsCudaAvailable())
            Assert.Inconclusive("Skipped: a CUDA device is present, so the no-GPU error path cannot be exercised.");
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => TorchRuntime.ResolveDevice(ComputeDevice.Cuda));
        StringAssert.Contains(ex.Message, "TorchBackend=cuda");
    }

    [TestMethod]
    public void TestThreadCountIsHonoured()
    {
        int before = torch.get_num_threads();
        try
        {
            TorchRuntime.ApplyThreads(1);
            Assert.AreEqual(1, torch.get_num_threads());
        }
        finally
        {
            TorchRuntime.ApplyThreads(before);
        }
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TorchRuntime.ApplyThreads(-1));
    }
}
