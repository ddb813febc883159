using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Evaluation;

/// <summary>
/// Scores of one method on a set of windows, with the case of every window (bootstrap resamples cases, not
/// windows) and, optionally, the per-window forecast error.
/// </summary>
public sealed class ScoredWindows
{
    /// <summary>Creates the set; all arrays must have the same length.</summary>
    /// <param name="caseIds">Case of each window.</param>
    /// <param name="labels">True label of each window.</param>
    /// <param name="scores">Score of each window (higher = more likely IOH).</param>
    /// <param name="forecastAbsoluteErrors">Mean absolute forecast error (mmHg) of each window over the horizon, or null.</param>
    public ScoredWindows(string[] caseIds, bool[] labels, float[] scores, float[]? forecastAbsoluteErrors = null)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Length != caseIds.Length || scores.Length != caseIds.Length || (forecastAbsoluteErrors is not null && forecastAbsoluteErrors.Length != caseIds.Length))
            throw new ArgumentException("Case ids, labels, scores and errors must have the same length.", nameof(scores));
        for (int i = 0; i < scores.Length; i++)
            if (!float.IsFinite(scores[i]))
                throw new ArgumentException($"Score of window {i} (case '{caseIds[i]}') is not finite.", nameof(scores));
        CaseIds = caseIds;
        Labels = labels;
        Scores = scores;
        ForecastAbsoluteErrors = forecastAbsoluteErrors;
    }

    /// <summary>Case of each window.</summary>
    public string[] CaseIds { get; }

    /// <summary>True label of each window.</summary>
    public bool[] Labels { get; }

    /// <summary>Score of each window.</summary>
    public float[] Scores { get; }

    /// <summary>Mean absolute forecast error per window (mmHg), or null.</summary>
    public float[]? ForecastAbsoluteErrors { get; }

    /// <summary>Number of windows.</summary>
    public int Count => Scores.Length;

    /// <summary>Reads a scored IDataView.</summary>
    /// <param name="scored">Output of a scoring chain.</param>
    /// <param name="labelColumnName">Boolean label column (e.g. "Label5").</param>
    /// <param name="scoreColumnName">Score column.</param>
    /// <param name="caseIdColumnName">Case id column (text).</param>
    /// <param name="forecastColumnName">Forecast column (Single vector, mmHg) or null.</param>
    /// <param name="futureColumnName">True future MAP column (Single vector, mmHg), used with the forecast.</param>
    /// <param name="forecastSamples">Forecast samples compared (the horizon); 0 = all.</param>
    public static ScoredWindows FromDataView(IDataView scored, string labelColumnName, string scoreColumnName = IohFuseColumns.Score,
        string caseIdColumnName = IohFuseColumns.CaseId, string? forecastColumnName = null, string? futureColumnName = IohFuseColumns.Future, int forecastSamples = 0)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var schema = scored.Schema;
        var label = schema.GetColumnOrNull(labelColumnName) ?? throw new ArgumentOutOfRangeException(nameof(labelColumnName), $"Column '{labelColumnName}' is missing.");
        var score = schema.GetColumnOrNull(scoreColumnName) ?? throw new ArgumentOutOfRangeException(nameof(scoreColumnName), $"Column '{scoreColumnName}' is missing.");
        var caseId = schema.GetColumnOrNull(caseIdColumnName) ?? throw new ArgumentOutOfRangeException(nameof(caseIdColumnName), $"Column '{caseIdColumnName}' is missing.");
        DataViewSchema.Column? forecast = forecastColumnName is null ? null : schema.GetColumnOrNull(forecastColumnName);
        DataViewSchema.Column? future = forecast is null || futureColumnName is null ? null : schema.GetColumnOrNull(futureColumnName);
        var columns = new List<DataViewSchema.Column> { label, score, caseId };
        if (forecast is { } fc && future is { } fu) { columns.Add(fc); columns.Add(fu); }

        var ids = new List<string>();
        var labels = new List<bool>();
        var scores = new List<float>();
        var errors = new List<float>();
        using var cursor = scored.GetRowCursor(columns);
        var getLabel = cursor.GetGetter<bool>(label);
        var getScore = cursor.GetGetter<float>(score);
        var getCase = cursor.GetGetter<ReadOnlyMemory<char>>(caseId);
        var getForecast = forecast is { } f2 && future is not null ? cursor.GetGetter<VBuffer<float>>(f2) : null;
        var getFuture = future is { } f3 ? cursor.GetGetter<VBuffer<float>>(f3) : null;
        bool l = false; float s = 0; ReadOnlyMemory<char> c = default;
        VBuffer<float> fb = default, tb = default;
        while (cursor.MoveNext())
        {
            getLabel(ref l); getScore(ref s); getCase(ref c);
            ids.Add(c.ToString()); labels.Add(l); scores.Add(s);
            if (getForecast is not null)
            {
                getForecast(ref fb); getFuture!(ref tb);
                var pv = fb.GetValues(); var tv = tb.GetValues();
                int n = Math.Min(pv.Length, tv.Length);
                if (forecastSamples > 0) n = Math.Min(n, forecastSamples);
                double sum = 0;
                for (int i = 0; i < n; i++) sum += Math.Abs(pv[i] - tv[i]);
                errors.Add((float)(sum / Math.Max(1, n)));
            }
        }
        return new ScoredWindows(ids.ToArray(), labels.ToArray(), scores.ToArray(), getForecast is null ? null : errors.ToArray());
    }
}
