namespace IOHFuse.MLNet.Training;

/// <summary>Where TorchSharp work runs.</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when a CUDA backend is installed and a GPU is visible, otherwise CPU.</summary>
    Auto = 0,

    /// <summary>Always the CPU.</summary>
    Cpu = 1,

    /// <summary>The GPU; fails with a clear message when no CUDA device is available.</summary>
    Cuda = 2,
}
