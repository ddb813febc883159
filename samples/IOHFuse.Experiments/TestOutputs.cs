using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.Experiments;

/// <summary>What the report plots from one scored test set: calibrated probabilities and labels (calibration), and
/// history, actual future and forecast over the horizon (forecast against actual).</summary>
public sealed class TestOutputs
{
    private TestOutputs(string[] caseIds, bool[] labels, float[] probability, float[][] history, float[][] future, float[][] forecast)
    {
        CaseIds = caseIds;
        Labels = labels;
        Probability = probability;
        History = history;
        Future = future;
        Forecast = forecast;
    }

    /// <summary>Recording of each window.</summary>
    public string[] CaseIds { get; }

    /// <summary>True label of each window.</summary>
    public bool[] Labels { get; }

    /// <summary>Calibrated probability of each window.</summary>
    public float[] Probability { get; }

    /// <summary>MAP history of each window (mmHg).</summary>
    public float[][] History { get; }

    /// <summary>Actual MAP over the horizon (mmHg).</summary>
    public float[][] Future { get; }

    /// <summary>Forecast MAP over the horizon (mmHg).</summary>
    public float[][] Forecast { get; }

    /// <summary>Reads the columns of <paramref name="scored"/> (a transformed test view); future and forecast are cut to
    /// <paramref name="horizonSamples"/>.</summary>
    public static TestOutputs Read(IDataView scored, string labelColumnName, int horizonSamples)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var caseIds = scored.GetColumn<string>(IohFuseColumns.CaseId).ToArray();
        var labels = scored.GetColumn<bool>(labelColumnName).ToArray();
        var probability = scored.GetColumn<float>(IohFuseColumns.Probability).ToArray();
        var history = scored.GetColumn<float[]>(IohFuseColumns.History).ToArray();
        float[][] Cut(string column) => scored.GetColumn<float[]>(column).Select(v => v.Take(horizonSamples).ToArray()).ToArray();
        return new TestOutputs(caseIds, labels, probability, history, Cut(IohFuseColumns.Future), Cut(IohFuseColumns.Forecast));
    }

    /// <summary>Up to <paramref name="count"/> hypotensive episodes, one per recording: for each recording with a positive
    /// window, the positive window whose actual future falls lowest (the onset the forecast must catch), recordings in
    /// order of their identifier so the choice is reproducible.</summary>
    public IReadOnlyList<int> Episodes(int count)
    {
        return Enumerable.Range(0, Labels.Length)
            .Where(i => Labels[i] && Future[i].Length > 0)
            .GroupBy(i => CaseIds[i])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.MinBy(i => Future[i].Min()))
            .Take(count)
            .ToArray();
    }
}
