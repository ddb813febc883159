using IOHFuse.MLNet.Training;
using TorchSharp;

// Placeholder main job: proves the TorchSharp backend loads. Grows into train → evaluate → save → load → predict.
var device = TorchRuntime.ResolveDevice(ComputeDevice.Auto);
using var x = torch.randn(4, 4, device: device);
Console.WriteLine($"TorchSharp backend loaded on {device.type}; sum of a 4x4 product = {x.mm(x).sum().item<float>():F3}");
return 0;
