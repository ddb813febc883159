using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>Reads the source flag and the [history | future] MAP window of the cursor's current row.</summary>
internal sealed class WindowReader
{
    private readonly ValueGetter<bool> _source;
    private readonly ValueGetter<VBuffer<float>> _history;
    private readonly ValueGetter<VBuffer<float>> _future;
    private readonly int _historyLength;
    private readonly int _futureLength;
    private VBuffer<float> _buffer;

    public WindowReader(DataViewRow row, AugmentationColumns columns)
    {
        _source = row.GetGetter<bool>(columns.Source);
        _history = row.GetGetter<VBuffer<float>>(columns.History);
        _future = row.GetGetter<VBuffer<float>>(columns.Future);
        _historyLength = columns.HistoryLength;
        _futureLength = columns.FutureLength;
    }

    /// <summary>True when the row is one to learn from / augment.</summary>
    public bool IsSource()
    {
        bool value = false;
        _source(ref value);
        return value;
    }

    /// <summary>The window in mmHg, or null when any value is missing or not finite (such rows are skipped).</summary>
    public float[]? ReadWindow()
    {
        var window = new float[_historyLength + _futureLength];
        _history(ref _buffer);
        _buffer.CopyTo(window, 0);
        _future(ref _buffer);
        _buffer.CopyTo(window, _historyLength);
        foreach (float v in window)
            if (!float.IsFinite(v))
                return null;
        return window;
    }
}
