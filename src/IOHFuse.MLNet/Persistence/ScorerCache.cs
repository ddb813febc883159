using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Training;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// Decodes a model's state once and reuses the network for every row. Keyed by the identity of the state string
/// that the ValueMapping hands out (the same object for every row of one loaded model), so two models loaded side by
/// side never share a network.
/// </summary>
internal sealed class ScorerCache
{
    private readonly ConditionalWeakTable<string, FusedScorer> _byState = new();
    private readonly object _gate = new();

    public FusedScorer Get(ReadOnlyMemory<char> state)
    {
        if (state.IsEmpty)
            throw new InvalidOperationException("The IOHFuseLM model state column is empty: the model.zip is incomplete or corrupt.");
        if (!MemoryMarshal.TryGetString(state, out string? text, out int start, out int length) || start != 0 || length != text.Length)
            text = state.ToString(); // Not expected from ValueMapping; still correct, just decoded per distinct object.
        if (_byState.TryGetValue(text, out var scorer))
            return scorer;
        lock (_gate)
        {
            if (_byState.TryGetValue(text, out scorer))
                return scorer;
            scorer = FusedScorer.FromStateText(text, TorchRuntime.ResolveDevice(ComputeDevice.Auto));
            _byState.Add(text, scorer);
            return scorer;
        }
    }
}
