using IOHFuse.MLNet.Data;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>
/// Small hand-made windows for trainer mechanics tests (shapes, persistence, determinism) that need no cohort: MAP
/// lines with noise, labelled by the library's rule. Every window ends at a pressure between 68 and 95 mmHg; some fall
/// steeply, and those whose fall reaches 65 mmHg soon enough are the positives. So the current pressure alone ranks
/// the windows only partly (the untrained model's current-MAP start), and the slope of the history holds the rest: a
/// model that learns can beat its start. The tokens are drawn independently of the series (a first token of two kinds,
/// then ids 100–149), so the text carries no information about the label.
/// </summary>
internal static class ToyWindows
{
    public const int HistoryLength = 60;
    public const int FutureLength = 40;
    public const int TextLength = 8;

    internal sealed class Row
    {
        public string CaseId { get; set; } = string.Empty;

        [VectorType(HistoryLength)]
        public float[] History { get; set; } = Array.Empty<float>();

        [VectorType(FutureLength)]
        public float[] Future { get; set; } = Array.Empty<float>();

        public bool Label { get; set; }

        [VectorType(TextLength)]
        public long[] TokenIds { get; set; } = Array.Empty<long>();

        [VectorType(TextLength)]
        public float[] TokenMask { get; set; } = Array.Empty<float>();

        public bool IsSynthetic { get; set; }
    }

    public static List<Row> Make(int count, int seed, double fallingShare = 0.3)
    {
        var random = new Random(seed);
        var detector = new IohEventDetector(3.0, 65f, 30);
        var rows = new List<Row>(count);
        while (rows.Count < count)
        {
            bool falling = random.NextDouble() < fallingShare;
            float level = 68f + (float)random.NextDouble() * 27f;                 // MAP at the prediction time
            float slope = falling ? -(0.2f + (float)random.NextDouble() * 0.4f) : (float)(random.NextDouble() - 0.5) * 0.1f;
            var series = new float[HistoryLength + FutureLength];
            for (int i = 0; i < series.Length; i++)
                series[i] = level + slope * (i - (HistoryLength - 1)) + (float)(random.NextDouble() - 0.5) * 4f;
            var history = series[..HistoryLength];
            var future = series[HistoryLength..];
            bool label = detector.LabelWindow(history, future, FutureLength, out bool inProgress);
            if (inProgress)
                continue;
            var ids = new long[TextLength];
            var mask = new float[TextLength];
            int length = 3 + random.Next(4);
            for (int t = 0; t < length; t++)
            {
                ids[t] = t == 0 ? (random.Next(2) == 0 ? 1000 : 2000) : 100 + random.Next(50);
                mask[t] = 1;
            }
            rows.Add(new Row { CaseId = $"toy{rows.Count % 17}", History = history, Future = future, Label = label, TokenIds = ids, TokenMask = mask });
        }
        return rows;
    }
}
