using Microsoft.ML;
using TorchSharp;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// The single place that turns a <see cref="ComputeDevice"/> request and a thread count into a TorchSharp device.
/// </summary>
public static class TorchRuntime
{
    /// <summary>
    /// Resolves the device to use. <see cref="ComputeDevice.Auto"/> follows the MLContext as ML.NET's own TorchSharp
    /// components do (TorchUtils.InitializeDevice): CUDA device <paramref name="gpuDeviceId"/> only when a GPU was asked
    /// for (<c>MLContext.GpuDeviceId</c> set) and CUDA is available; the CPU when none was asked for; and when one was
    /// asked for but CUDA is unavailable, the CPU if <paramref name="fallbackToCpu"/> (<c>MLContext.FallbackToCpu</c>),
    /// else an error. <see cref="ComputeDevice.Cpu"/> is always the CPU; <see cref="ComputeDevice.Cuda"/> insists on
    /// CUDA (device <paramref name="gpuDeviceId"/>, or 0).
    /// </summary>
    /// <param name="requested">What the component's options ask for.</param>
    /// <param name="gpuDeviceId">CUDA ordinal asked for (ML.NET's <c>MLContext.GpuDeviceId</c>); null asks for no GPU.</param>
    /// <param name="fallbackToCpu">Whether an unavailable GPU may fall back to the CPU (ML.NET's <c>MLContext.FallbackToCpu</c>).</param>
    /// <returns>The TorchSharp device.</returns>
    /// <exception cref="InvalidOperationException">A GPU was required (Cuda, or Auto with a GPU id and no fallback) but
    /// no CUDA device is available.</exception>
    public static torch.Device ResolveDevice(ComputeDevice requested, int? gpuDeviceId = null, bool fallbackToCpu = true)
    {
        if (gpuDeviceId is < 0)
            throw new ArgumentOutOfRangeException(nameof(gpuDeviceId), gpuDeviceId, "must be a non-negative CUDA ordinal.");

        const string Fix = "Build with -p:TorchBackend=cuda on a machine with an NVIDIA driver";
        switch (requested)
        {
            case ComputeDevice.Cpu:
                return torch.CPU;
            case ComputeDevice.Cuda:
                return IsCudaAvailable() ? new torch.Device(DeviceType.CUDA, gpuDeviceId ?? 0)
                    : throw new InvalidOperationException($"ComputeDevice.Cuda was requested but no CUDA device is available. {Fix}, or use ComputeDevice.Auto/Cpu.");
            case ComputeDevice.Auto:
                if (gpuDeviceId is not int ordinal)
                    return torch.CPU;
                if (IsCudaAvailable())
                    return new torch.Device(DeviceType.CUDA, ordinal);
                return fallbackToCpu ? torch.CPU
                    : throw new InvalidOperationException($"MLContext.GpuDeviceId is {ordinal} and MLContext.FallbackToCpu is false, but no CUDA device is available. {Fix}, set FallbackToCpu = true, or leave GpuDeviceId null.");
            default:
                throw new ArgumentOutOfRangeException(nameof(requested), requested, "unknown device.");
        }
    }

    /// <summary>The device for <paramref name="requested"/> under <paramref name="mlContext"/>'s GPU settings
    /// (<c>GpuDeviceId</c>, <c>FallbackToCpu</c>); see <see cref="ResolveDevice(ComputeDevice, int?, bool)"/>.</summary>
    /// <param name="requested">What the component's options ask for.</param>
    /// <param name="mlContext">The context whose GPU settings apply.</param>
    /// <param name="gpuDeviceId">A component's own CUDA ordinal, which takes precedence over the context's; optional.</param>
    public static torch.Device ResolveDevice(ComputeDevice requested, MLContext mlContext, int? gpuDeviceId = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return ResolveDevice(requested, gpuDeviceId ?? mlContext.GpuDeviceId, mlContext.FallbackToCpu);
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
