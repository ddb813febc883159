using System.Runtime.InteropServices;
using TorchSharp;

namespace IOHFuse.MLNet.Model;

/// <summary>
/// Runs the tensor operations of one scoring call on the calling thread alone, and restores the thread's setting after.
/// </summary>
/// <remarks>
/// libtorch's CPU kernels open an OpenMP parallel region for every LayerNorm and flash-attention call and MKL for many
/// GEMMs, whatever the size: 24 regions for one row of the CLI's default model. At a row's sizes there is nothing to
/// share, but each region is a fork and a join with the other intra-op threads, and on a machine that is also running
/// other work the join waits for a descheduled thread: with two threads on a busy 2-core machine, a row took 14× longer
/// on average and 20× longer at p99 than on one thread (docs/benchmarks.md), with bit-identical results.
/// <para>The OpenMP and MKL thread counts it lowers are settings of the calling thread (OpenMP's per-thread
/// <c>nthreads-var</c>, MKL's thread-local count), so other threads, including a training run, keep theirs; the calling
/// thread gets its own back when the scope ends. TorchSharp exposes only <c>torch.set_num_threads</c>, which also
/// changes the count that threads starting later inherit, so the two functions are called in libtorch's own runtime.
/// When that runtime does not export them (a build without OpenMP or MKL), the scope does nothing.</para>
/// </remarks>
internal readonly struct CallingThreadScope : IDisposable
{
    private readonly int _openMpThreads;
    private readonly int _mklThreads;

    private CallingThreadScope(int openMpThreads, int mklThreads)
    {
        _openMpThreads = openMpThreads;
        _mklThreads = mklThreads;
    }

    /// <summary>Whether the loaded libtorch lets the scope change the calling thread's count (else it does nothing).</summary>
    public static bool IsSupported => Native.Available;

    /// <summary>Sets the calling thread's intra-op thread count to one until the scope is disposed.</summary>
    public static CallingThreadScope Enter()
    {
        if (!Native.Available)
            return default;
        // torch.get_num_threads also completes libtorch's lazy per-thread initialisation, which would otherwise reset the
        // count the first time this thread reaches a parallel kernel.
        int previous = torch.get_num_threads();
        if (previous <= 1)
            return default;
        Native.SetOpenMpThreads!(1);
        int mkl = Native.SetMklThreadsLocal is { } setMkl ? setMkl(1) : 0;
        return new CallingThreadScope(previous, mkl);
    }

    /// <summary>Restores the calling thread's thread counts.</summary>
    public void Dispose()
    {
        if (_openMpThreads <= 1)
            return;
        Native.SetOpenMpThreads!(_openMpThreads);
        Native.SetMklThreadsLocal?.Invoke(_mklThreads);
    }

    /// <summary>The two functions, looked up once in the loaded libtorch (which links OpenMP and MKL).</summary>
    private static class Native
    {
        public static readonly SetThreads? SetOpenMpThreads;
        public static readonly SetThreadsLocal? SetMklThreadsLocal;

        static Native()
        {
            _ = torch.get_num_threads(); // TorchSharp loads libtorch on first use
            // The name the library is already loaded under, so this finds TorchSharp's copy instead of loading another.
            string name = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
            if (!NativeLibrary.TryLoad(name, out IntPtr library))
                return;
            if (NativeLibrary.TryGetExport(library, "omp_set_num_threads", out IntPtr openMp))
                SetOpenMpThreads = Marshal.GetDelegateForFunctionPointer<SetThreads>(openMp);
            // MKL's C interface (the lower-case name is its Fortran one, which takes a pointer).
            if (NativeLibrary.TryGetExport(library, "MKL_Set_Num_Threads_Local", out IntPtr mkl))
                SetMklThreadsLocal = Marshal.GetDelegateForFunctionPointer<SetThreadsLocal>(mkl);
        }

        public static bool Available => SetOpenMpThreads is not null;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetThreads(int count);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetThreadsLocal(int count);
}
