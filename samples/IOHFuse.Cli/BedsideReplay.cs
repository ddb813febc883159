using IOHFuse.MLNet.Data;

namespace IOHFuse.Cli;

/// <summary>
/// Turns one recorded case into the window rows a bedside app would score: the MAP track cleaned and resampled as
/// windowing does (3 s), and at every stride step the last 15 minutes as the history. Only the past is used.
/// </summary>
internal sealed class BedsideReplay(SurgicalCase surgicalCase, PatientAttributes attributes, double strideSeconds)
{
    private const int HistoryLength = IohWindow.DefaultLength;
    private const double MaximumInvalidFraction = 0.1;

    public int SkippedInvalid { get; private set; }

    public int SkippedWarmup { get; private set; }

    public IEnumerable<IohWindow> Windows()
    {
        var cleaned = new TrackCleaner().Clean(surgicalCase.Map);
        var values = cleaned.Values;
        int step = Math.Max(1, (int)Math.Round(strideSeconds / cleaned.PeriodSeconds));
        for (int t = 0; t < values.Length; t += step)
        {
            if (t + 1 < HistoryLength)
            {
                SkippedWarmup++;
                continue;
            }
            var history = new float[HistoryLength];
            Array.Copy(values, t + 1 - HistoryLength, history, 0, HistoryLength);
            int invalid = history.Count(float.IsNaN);
            if (invalid > MaximumInvalidFraction * HistoryLength || float.IsNaN(history[^1]) && invalid == HistoryLength)
            {
                SkippedInvalid++;
                continue;
            }
            FillGaps(history);
            if (history.Any(float.IsNaN))
            {
                SkippedInvalid++;
                continue;
            }
            yield return new IohWindow
            {
                CaseId = surgicalCase.CaseId,
                Time = (float)cleaned.TimeAt(t),
                History = history,
                Future = new float[HistoryLength],
                Age = attributes.Age,
                Sex = attributes.Sex,
                Height = attributes.Height,
                Weight = attributes.Weight,
                Bmi = attributes.Bmi,
                Asa = attributes.Asa,
                Emergency = attributes.Emergency,
                Department = attributes.Department,
                SurgeryType = attributes.SurgeryType,
                SurgeryName = attributes.SurgeryName,
                Approach = attributes.Approach,
                Anesthesia = attributes.Anesthesia,
            };
        }
    }

    /// <summary>Carries the last valid value forward (and the first valid one backward), as windowing does.</summary>
    private static void FillGaps(float[] history)
    {
        float last = float.NaN;
        for (int i = 0; i < history.Length; i++)
        {
            if (float.IsNaN(history[i])) history[i] = last;
            else last = history[i];
        }
        int first = Array.FindIndex(history, v => !float.IsNaN(v));
        for (int i = 0; i < first; i++) history[i] = history[first];
    }
}
