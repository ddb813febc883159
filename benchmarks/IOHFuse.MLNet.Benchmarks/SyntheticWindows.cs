namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// Random windows of the benchmark shapes, drawn like the PyTorch reference implementation's data: token rows of
/// random length in [16, 80], right-padded with id 0, and about 10 % positive labels. The MAP is a bounded random
/// walk in mmHg (the scorer rejects non-physiological pressures, so standard-normal values would not do).
/// </summary>
public static class SyntheticWindows
{
    /// <summary>Token-embedding rows of the reference implementation (GPT-2 plus clinical tokens).</summary>
    public const int VocabularySize = 50283;

    /// <summary>Makes <paramref name="count"/> windows; the first row is always positive so both classes exist.</summary>
    public static List<BenchmarkWindow> Make(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<BenchmarkWindow>(count);
        for (int r = 0; r < count; r++)
        {
            var series = new float[BenchmarkWindow.HistoryLength + BenchmarkWindow.FutureLength];
            float level = 60f + (float)random.NextDouble() * 40f;
            for (int i = 0; i < series.Length; i++)
            {
                level = Math.Clamp(level + (float)(random.NextDouble() - 0.5) * 3f, 40f, 160f);
                series[i] = level;
            }
            var ids = new long[BenchmarkWindow.TextLength];
            var mask = new float[BenchmarkWindow.TextLength];
            int length = random.Next(16, BenchmarkWindow.TextLength + 1);
            for (int t = 0; t < length; t++)
            {
                ids[t] = random.Next(1, VocabularySize);
                mask[t] = 1f;
            }
            rows.Add(new BenchmarkWindow
            {
                History = series[..BenchmarkWindow.HistoryLength],
                Future = series[BenchmarkWindow.HistoryLength..],
                Label = r == 0 || random.NextDouble() < 0.10,
                TokenIds = ids,
                TokenMask = mask,
            });
        }
        return rows;
    }
}
