namespace IOHFuse.MLNet.Data;

/// <summary>
/// One intraoperative hypotension event on a regularly sampled MAP series: samples
/// <see cref="StartIndex"/>..<see cref="EndIndex"/> (inclusive) are all below the threshold.
/// </summary>
/// <param name="StartIndex">Index of the first sample below the threshold.</param>
/// <param name="EndIndex">Index of the last sample below the threshold (inclusive).</param>
public readonly record struct IohEvent(int StartIndex, int EndIndex)
{
    /// <summary>Number of samples in the event.</summary>
    public int Length => EndIndex - StartIndex + 1;
}
