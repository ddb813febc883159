namespace IOHFuse.MLNet.Training;

/// <summary>Where TorchSharp work runs.</summary>
public enum ComputeDevice
{
    /// <summary>As the MLContext says, following ML.NET's policy for its TorchSharp components: CUDA (device
    /// <c>MLContext.GpuDeviceId</c>) when a GPU id is set and CUDA is available; the CPU when no GPU id is set; a GPU id
    /// without CUDA falls back to the CPU when <c>MLContext.FallbackToCpu</c> is true and is an error otherwise.</summary>
    Auto = 0,

    /// <summary>Always the CPU.</summary>
    Cpu = 1,

    /// <summary>The GPU; fails with a clear message when no CUDA device is available.</summary>
    Cuda = 2,
}
