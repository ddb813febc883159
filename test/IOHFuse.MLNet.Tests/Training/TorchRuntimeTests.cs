using IOHFuse.MLNet.Tests.Data;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
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
    public void TestAutoFollowsTheMLContextLikeMLNet()
    {
        // ML.NET's rule for its TorchSharp components: no GPU id, no GPU, whatever is installed.
        Assert.AreEqual(DeviceType.CPU, TorchRuntime.ResolveDevice(ComputeDevice.Auto).type);
        Assert.AreEqual(DeviceType.CPU, TorchRuntime.ResolveDevice(ComputeDevice.Auto, new MLContext()).type);
        Assert.AreEqual(DeviceType.CPU, TorchRuntime.ResolveDevice(ComputeDevice.Cpu, new MLContext { GpuDeviceId = 0, FallbackToCpu = false }).type);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TorchRuntime.ResolveDevice(ComputeDevice.Auto, gpuDeviceId: -1));
        if (TorchRuntime.IsCudaAvailable())
        {
            var gpu = TorchRuntime.ResolveDevice(ComputeDevice.Auto, new MLContext { GpuDeviceId = 0 });
            Assert.AreEqual(DeviceType.CUDA, gpu.type);
            Assert.AreEqual(0, gpu.index);
            return;
        }
        // A GPU asked for but absent: the CPU when the context allows it, else an error naming both settings.
        Assert.AreEqual(DeviceType.CPU, TorchRuntime.ResolveDevice(ComputeDevice.Auto, new MLContext { GpuDeviceId = 0, FallbackToCpu = true }).type);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => TorchRuntime.ResolveDevice(ComputeDevice.Auto, new MLContext { GpuDeviceId = 1, FallbackToCpu = false }));
        StringAssert.Contains(ex.Message, "GpuDeviceId is 1");
        StringAssert.Contains(ex.Message, "FallbackToCpu");
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
    public void TestTrainerAndLoadModelHonourTheMLContextsGpuSettings()
    {
        if (TorchRuntime.IsCudaAvailable())
            Assert.Inconclusive("Skipped: a CUDA device is present, so the missing-GPU paths cannot be exercised.");
        var strict = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = false };
        var data = strict.Data.LoadFromEnumerable(ToyWindows.Make(64, seed: 4));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.Device = ComputeDevice.Auto;
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => strict.IOHFuse().Trainers.IohFuseLM(options).Fit(data));
        StringAssert.Contains(ex.Message, "FallbackToCpu");

        // The same context with fallback allowed trains on the CPU; loading follows the loading context's settings.
        var lenient = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = true };
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        using var model = lenient.IOHFuse().Trainers.IohFuseLM(options).Fit(data);
        using var file = new TempFiles();
        string path = Path.Combine(file.Directory, "model.zip");
        lenient.Model.Save(model, data.Schema, path);
        var load = Assert.ThrowsExactly<InvalidOperationException>(() => strict.IOHFuse().LoadModel(path, out _));
        StringAssert.Contains(load.Message, "GpuDeviceId is 0");
        var loaded = lenient.IOHFuse().LoadModel(path, out _);
        Assert.AreEqual(model.Info.DecisionThreshold, lenient.IOHFuse().GetModelInfo(loaded).DecisionThreshold);
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
