using TorchSharp;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// The single place that turns a <see cref="ComputeDevice"/> request and a thread count into a TorchSharp device.
/// </summary>
public static class TorchRuntime
{
    /// <summary>Resolves the device to use.</summary>
    /// <param name="requested">What the user asked for.</param>
    /// <param name="gpuDeviceId">CUDA ordinal to use when the GPU is chosen (ML.NET's <c>MLContext.GpuDeviceId</c>).</param>
    /// <returns>The TorchSharp device.</returns>
    /// <exception cref="InvalidOperationException">CUDA was requested but is not available.</exception>
    public static torch.Device ResolveDevice(ComputeDevice requested, int? gpuDeviceId = null)
    {
        if (gpuDeviceId is < 0)
            throw new ArgumentOutOfRangeException(nameof(gpuDeviceId), gpuDeviceId, "must be a non-negative CUDA ordinal.");

        bool cuda = IsCudaAvailable();
        return requested switch
        {
            ComputeDevice.Cpu => torch.CPU,
            ComputeDevice.Auto => cuda ? new torch.Device(DeviceType.CUDA, gpuDeviceId ?? 0) : torch.CPU,
            ComputeDevice.Cuda when cuda => new torch.Device(DeviceType.CUDA, gpuDeviceId ?? 0),
            ComputeDevice.Cuda => throw new InvalidOperationException(
                "ComputeDevice.Cuda was requested but no CUDA device is available. Build with -p:TorchBackend=cuda on a machine with an NVIDIA driver, or use ComputeDevice.Auto/Cpu."),
            _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "unknown device."),
        };
    }

    /// <summary>True when the loaded TorchSharp backend can use a CUDA device.</summary>
    public static bool IsCudaAvailable()
    {
        try
        {
            return torch.cuda.is_available();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // CPU-only backend.
        }
    }

    /// <summary>
    /// Applies an intra-op thread count for TorchSharp's CPU kernels. 0 keeps TorchSharp's default (one per core).
    /// </summary>
    /// <param name="threads">Thread count; 0 leaves the current setting.</param>
    public static void ApplyThreads(int threads)
    {
        if (threads < 0)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "must be 0 (default) or positive.");
        if (threads > 0 && torch.get_num_threads() != threads)
            torch.set_num_threads(threads);
    }
}
