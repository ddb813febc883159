namespace IOHFuse.MLNet.Data;

/// <summary>The windows of one case: the cleaned grid plus the kept prediction indices and their labels.</summary>
internal sealed class CaseWindows
{
    public CaseWindows(SurgicalCase surgicalCase, CleanedTrack map, List<int> timeIndices, List<bool[]> labels, List<float[]> histories)
    {
        Case = surgicalCase;
        Map = map;
        TimeIndices = timeIndices;
        Labels = labels;
        Histories = histories;
    }

    public SurgicalCase Case { get; }

    public CleanedTrack Map { get; }

    /// <summary>Prediction sample indices t on the grid.</summary>
    public List<int> TimeIndices { get; }

    /// <summary>Labels per kept window, one per horizon in option order.</summary>
    public List<bool[]> Labels { get; }

    /// <summary>The model input of each kept window: the MAP known at its prediction time, cleaned, gaps carried forward.</summary>
    public List<float[]> Histories { get; }

    /// <summary>Copies the history of window <paramref name="window"/> into <paramref name="destination"/>.</summary>
    public void CopyHistory(int window, Span<float> destination) => Histories[window].CopyTo(destination);

    /// <summary>Copies samples [t + 1, t + length] of window <paramref name="window"/> with missing samples carried forward from the value at t.</summary>
    public void CopyFuture(int window, Span<float> destination)
    {
        Map.Values.AsSpan(TimeIndices[window] + 1, destination.Length).CopyTo(destination);
        float last = Histories[window][^1];
        for (int i = 0; i < destination.Length; i++)
        {
            if (float.IsNaN(destination[i]))
                destination[i] = last;
            else
                last = destination[i];
        }
    }
}
