using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using IOHFuse.MLNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// Decodes a model's state once and reuses the network for every row. Two keys: the identity of the state string
/// (the ValueMapping hands every row of one loaded model the same object, so the per-row lookup costs no hashing),
/// and, when that misses, the SHA-256 of the whole state text, so a state that reaches the mapping as a new
/// string object (another cursor, a copy, <see cref="ModelCatalogExtensions.LoadModel"/>'s check) still finds the
/// network decoded for the same bytes instead of decoding it again. A decoded scorer is never changed (scoring only
/// reads weights), so equal states can share it. Scorers live as long as a state string, or a model loaded through
/// LoadModel, that refers to them; the checksum index holds them weakly.
/// </summary>
/// <remarks>Devices: the mapping factories that score a loaded model get no MLContext from ML.NET, so they ask for no
/// device and take the most recently decoded copy of the state, or decode it on the CPU (ML.NET's choice for a context
/// that asks for no GPU). <see cref="ModelCatalogExtensions.LoadModel"/> asks for the device its MLContext resolves
/// to (<c>GpuDeviceId</c>, <c>FallbackToCpu</c>), so a model loaded through it scores there.</remarks>
internal sealed class ScorerCache
{
    /// <summary>The one cache of this process: a memo of decoded, immutable models, shared by the mapping factories and
    /// LoadModel so a model checked at load is not decoded again at its first prediction.</summary>
    public static ScorerCache Shared { get; } = new();

    private readonly ConditionalWeakTable<string, FusedScorer> _byState = new();
    private readonly Dictionary<string, List<WeakReference<FusedScorer>>> _byChecksum = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>The scorer for <paramref name="state"/>: any decoded copy (the most recent), else one decoded on the CPU.</summary>
    public FusedScorer Get(ReadOnlyMemory<char> state) => Get(state, device: null);

    /// <summary>The scorer for <paramref name="state"/> on <paramref name="device"/>; null = any decoded copy (the most
    /// recent), else one decoded on the CPU.</summary>
    public FusedScorer Get(ReadOnlyMemory<char> state, Device? device)
    {
        if (state.IsEmpty)
            throw new InvalidOperationException("The IOHFuseLM model state column is empty: the model.zip is incomplete or corrupt.");
        if (!MemoryMarshal.TryGetString(state, out string? text, out int start, out int length) || start != 0 || length != text.Length)
            text = state.ToString();
        if (_byState.TryGetValue(text, out var scorer) && (device is null || SameDevice(scorer.Device, device)))
            return scorer;
        lock (_gate)
        {
            if (_byState.TryGetValue(text, out scorer) && (device is null || SameDevice(scorer.Device, device)))
                return scorer;
            string key = Key(text);
            if (!_byChecksum.TryGetValue(key, out var copies))
                _byChecksum[key] = copies = [];
            copies.RemoveAll(w => !w.TryGetTarget(out _));
            scorer = copies.Select(w => w.TryGetTarget(out var s) ? s : null)
                .LastOrDefault(s => s is not null && (device is null || SameDevice(s.Device, device)));
            if (scorer is null)
            {
                scorer = FusedScorer.FromStateText(text, device ?? torch.CPU);
                Prune();
                _byChecksum[key] = copies;
                copies.Add(new WeakReference<FusedScorer>(scorer));
            }
            if (device is null || !_byState.TryGetValue(text, out _))
                _byState.AddOrUpdate(text, scorer);
            return scorer;
        }
    }

    /// <summary>Whether a scorer for a state with these bytes is decoded and alive (no decoding).</summary>
    public bool Contains(string state)
    {
        lock (_gate)
            return _byChecksum.TryGetValue(Key(state), out var copies) && copies.Any(w => w.TryGetTarget(out _));
    }

    /// <summary>SHA-256 of the whole state text, computed here rather than read from the envelope's trailer: a state
    /// whose payload was altered but whose trailer was not must miss the cache and fail its own checksum check, not
    /// borrow the intact model's network. Only an identity miss (once per distinct string object) pays for it.</summary>
    internal static string Key(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static bool SameDevice(Device a, Device b) => a.type == b.type && a.index == b.index;

    private void Prune()
    {
        foreach (var dead in _byChecksum.Where(kv => kv.Value.TrueForAll(w => !w.TryGetTarget(out _))).Select(kv => kv.Key).ToList())
            _byChecksum.Remove(dead);
    }
}
