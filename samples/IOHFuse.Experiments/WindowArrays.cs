using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.Experiments;

/// <summary>The windows of a view as plain arrays (case ids, histories, labels per horizon), for models outside ML.NET
/// such as the GRU baseline.</summary>
internal sealed class WindowArrays
{
    private WindowArrays(string[] caseIds, float[][] histories, Dictionary<int, bool[]> labels)
    {
        CaseIds = caseIds;
        Histories = histories;
        Labels = labels;
    }

    public string[] CaseIds { get; }

    public float[][] Histories { get; }

    public Dictionary<int, bool[]> Labels { get; }

    public int Count => CaseIds.Length;

    public static WindowArrays Read(IDataView windows, IReadOnlyList<int> horizons)
    {
        var schema = windows.Schema;
        var columns = new List<DataViewSchema.Column> { schema[IohFuseColumns.CaseId], schema[IohFuseColumns.History] };
        columns.AddRange(horizons.Select(h => schema[$"Label{h}"]));
        using var cursor = windows.GetRowCursor(columns);
        var getId = cursor.GetGetter<ReadOnlyMemory<char>>(columns[0]);
        var getHistory = cursor.GetGetter<VBuffer<float>>(columns[1]);
        var getLabels = columns.Skip(2).Select(c => cursor.GetGetter<bool>(c)).ToArray();
        var ids = new List<string>();
        var histories = new List<float[]>();
        var labels = horizons.Select(_ => new List<bool>()).ToArray();
        ReadOnlyMemory<char> id = default;
        VBuffer<float> history = default;
        bool label = false;
        while (cursor.MoveNext())
        {
            getId(ref id);
            getHistory(ref history);
            ids.Add(id.ToString());
            histories.Add(history.DenseValues().ToArray());
            for (int h = 0; h < getLabels.Length; h++)
            {
                getLabels[h](ref label);
                labels[h].Add(label);
            }
        }
        return new WindowArrays(ids.ToArray(), histories.ToArray(), horizons.Select((h, i) => (h, labels[i].ToArray())).ToDictionary(x => x.h, x => x.Item2));
    }

    public ScoredWindows Scored(float[] scores, int horizon) => new(CaseIds, Labels[horizon], scores);
}
