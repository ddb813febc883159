using System.Runtime.InteropServices;

namespace IOHFuse.MLNet.Training;

/// <summary>
/// Hands the C heap's free pages back to the operating system at the end of a training epoch, where glibc keeps them.
/// </summary>
/// <remarks>
/// libtorch allocates tensor buffers with the C library's malloc. glibc serves a large block with its own mapping and
/// unmaps it on free, until such a block is freed: then it raises its mmap threshold to that size (the dynamic threshold,
/// up to 32 MiB), so later blocks of that size come from the heap, and the heap keeps their pages after they are freed.
/// A training run frees thousands of activation and gradient buffers of a few hundred KiB to a few MiB per epoch, so
/// its resident size grew by 117 MiB from epoch 2 to 15 with a constant number of live tensors (docs/benchmarks.md).
/// <c>malloc_trim(0)</c> returns the free pages of every arena (it changes no setting, unlike <c>mallopt</c> or
/// <c>MALLOC_MMAP_THRESHOLD_</c>, which would be process-wide state an app must choose); once per epoch its cost is
/// negligible next to the epoch, though it holds the allocator's locks for that time (13–19 ms in the benchmark), which
/// an app scoring on other threads while it trains may see as one slow call per epoch. Off Linux, or where no
/// <c>libc.so.6</c> exporting <c>malloc_trim</c> can be loaded (musl), this does nothing.
/// </remarks>
internal static class NativeHeap
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallocTrim(nuint pad);

    private static readonly MallocTrim? Trim = Find();

    /// <summary>Returns the C heap's free pages to the operating system (glibc), or does nothing.</summary>
    public static void ReleaseFreedPages() => Trim?.Invoke(0);

    private static MallocTrim? Find()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out IntPtr libc))
            return null;
        return NativeLibrary.TryGetExport(libc, "malloc_trim", out IntPtr trim)
            ? Marshal.GetDelegateForFunctionPointer<MallocTrim>(trim)
            : null;
    }
}
