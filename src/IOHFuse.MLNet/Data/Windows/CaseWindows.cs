namespace IOHFuse.MLNet.Data;

/// <summary>The windows of one case: the cleaned grid plus the kept prediction indices and their labels.</summary>
internal sealed class CaseWindows
{
    public CaseWindows(SurgicalCase surgicalCase, CleanedTrack map, List<int> timeIndices, List<bool[]> labels)
    {
        Case = surgicalCase;
        Map = map;
        TimeIndices = timeIndices;
        Labels = labels;
    }

    public SurgicalCase Case { get; }

    public CleanedTrack Map { get; }

    /// <summary>Prediction sample indices t on the grid.</summary>
    public List<int> TimeIndices { get; }

    /// <summary>Labels per kept window, one per horizon in option order.</summary>
    public List<bool[]> Labels { get; }

    /// <summary>
    /// Copies samples [t - length + 1, t] into <paramref name="destination"/>; missing samples are carried forward
    /// from the previous sample, and leading ones take the first valid value of the slice, so the vector is finite.
    /// </summary>
    public void CopyHistory(int t, Span<float> destination)
    {
        int start = t - destination.Length + 1;
        Map.Values.AsSpan(start, destination.Length).CopyTo(destination);
        float first = float.NaN;
        foreach (float v in destination)
            if (!float.IsNaN(v)) { first = v; break; }
        float last = first;
        for (int i = 0; i < destination.Length; i++)
        {
            if (float.IsNaN(destination[i]))
                destination[i] = last;
            else
                last = destination[i];
        }
    }

    /// <summary>Copies samples [t + 1, t + length] with missing samples carried forward from the value at t.</summary>
    public void CopyFuture(int t, Span<float> destination)
    {
        Map.Values.AsSpan(t + 1, destination.Length).CopyTo(destination);
        float last = Map.Values[t];
        for (int i = 0; i < destination.Length; i++)
        {
            if (float.IsNaN(destination[i]))
                destination[i] = last;
            else
                last = destination[i];
        }
    }
}
