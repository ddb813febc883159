using Microsoft.ML.Data;

namespace IOHFuse.Soak;

/// <summary>A training/scoring window: MAP history and future (mmHg), label, and the clinical sentence's tokens.</summary>
internal sealed class SoakRow
{
    public const int HistoryLength = 60;
    public const int FutureLength = 20;
    public const int TextLength = 8;

    [VectorType(HistoryLength)]
    public float[] History { get; set; } = new float[HistoryLength];

    [VectorType(FutureLength)]
    public float[] Future { get; set; } = new float[FutureLength];

    public bool Label { get; set; }

    [VectorType(TextLength)]
    public long[] TokenIds { get; set; } = new long[TextLength];

    [VectorType(TextLength)]
    public float[] TokenMask { get; set; } = new float[TextLength];

    /// <summary>Seeded random-walk windows; about a third drift towards hypotension and are labelled by the future minimum.</summary>
    public static List<SoakRow> Make(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<SoakRow>(count);
        for (int n = 0; n < count; n++)
        {
            bool risky = random.NextDouble() < 0.35;
            float level = risky ? 72f + (float)random.NextDouble() * 10f : 80f + (float)random.NextDouble() * 20f;
            float slope = risky ? -(0.2f + (float)random.NextDouble() * 0.3f) : (float)(random.NextDouble() - 0.5) * 0.1f;
            var row = new SoakRow();
            for (int i = 0; i < HistoryLength + FutureLength; i++)
            {
                float v = Math.Clamp(level + slope * i + (float)(random.NextDouble() - 0.5) * 4f, 20f, 200f);
                if (i < HistoryLength) row.History[i] = v; else row.Future[i - HistoryLength] = v;
            }
            row.Label = row.Future.Min() < 65f;
            int length = 3 + random.Next(4);
            for (int t = 0; t < length; t++)
            {
                row.TokenIds[t] = t == 0 ? (risky ? 1000 : 2000) : 100 + random.Next(50);
                row.TokenMask[t] = 1;
            }
            rows.Add(row);
        }
        return rows;
    }
}
