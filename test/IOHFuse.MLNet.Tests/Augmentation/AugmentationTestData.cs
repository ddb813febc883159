using IOHFuse.MLNet.Augmentation;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Augmentation;

/// <summary>Hand-made MAP windows for the augmentation tests (the cohort generator lives on another branch).</summary>
internal static class AugmentationTestData
{
    public const int Length = 300;

    /// <summary>
    /// Positives: a stable baseline with a respiratory-like sinusoid, then a steady decline that crosses 65 mmHg shortly
    /// after t and stays below for several minutes. Negatives: stable around 85–95 mmHg. Labels from the shared rule.
    /// </summary>
    public static List<WindowRow> Rows(int positives, int negatives, int seed)
    {
        var random = new Random(seed);
        var detector = new IohEventDetector(3.0);
        var rows = new List<WindowRow>();
        for (int i = 0; i < positives + negatives; i++)
        {
            // Interleaved while both kinds remain, so positives are spread through the view.
            bool positive = i < 2 * Math.Min(positives, negatives) ? i % 2 == 0 : positives > negatives;
            var series = new float[2 * Length];
            double baseline = 80 + 10 * random.NextDouble(), amplitude = 0.5 + 1.5 * random.NextDouble();
            double period = 15 + 25 * random.NextDouble(), phase = 2 * Math.PI * random.NextDouble();
            int declineStart = 150 + random.Next(80);
            int crossing = Length + 30 + random.Next(50);               // the trend reaches 65 mmHg 90–240 s after t
            for (int k = 0; k < series.Length; k++)
            {
                double v = baseline + amplitude * Math.Sin(2 * Math.PI * k / period + phase) + 0.7 * (random.NextDouble() - 0.5);
                if (positive && k > declineStart)
                    v -= Math.Min(baseline - 55, (baseline - 65) * (k - declineStart) / (double)(crossing - declineStart));
                series[k] = (float)v;
            }
            var history = series[..Length];
            var future = series[Length..];
            rows.Add(new WindowRow
            {
                CaseId = $"case{i:D3}",
                Time = 600 + 3 * i,
                Age = 40 + i % 40,
                Sex = i % 3 == 0 ? "F" : "M",
                TokenIds = [i, i + 1, i + 2, i + 3],
                History = history,
                Future = future,
                Label = detector.LabelWindow(history, future, 100, out _),
                Label5 = detector.LabelWindow(history, future, 100, out _),
                Label10 = detector.LabelWindow(history, future, 200, out _),
                Label15 = detector.LabelWindow(history, future, 300, out _),
            });
        }
        return rows;
    }

    /// <summary>Small, fast settings for tests (a few seconds on 2 cores).</summary>
    public static DiffusionAugmentationOptions TinyOptions(int seed = 11) => new()
    {
        SamplePeriodSeconds = 3,
        HiddenSize = 32,
        NumberOfLayers = 1,
        NumberOfHeads = 4,
        Epochs = 20,
        BatchSize = 16,
        LearningRate = 2e-3,
        DiffusionSteps = 50,
        SamplingSteps = 20,
        Seed = seed,
        Device = ComputeDevice.Cpu,
        Threads = 2,
    };

    public static float[] Window(WindowRow row) => [.. row.History, .. row.Future];

    /// <summary>One window row as the data layer will produce it (subset of its columns plus a token vector).</summary>
    public sealed class WindowRow
    {
        public string CaseId { get; set; } = "";

        public float Time { get; set; }

        public float Age { get; set; }

        public string Sex { get; set; } = "";

        [VectorType(4)]
        public long[] TokenIds { get; set; } = [];

        [VectorType(Length)]
        public float[] History { get; set; } = [];

        [VectorType(Length)]
        public float[] Future { get; set; } = [];

        public bool Label { get; set; }

        public bool Label5 { get; set; }

        public bool Label10 { get; set; }

        public bool Label15 { get; set; }
    }

    /// <summary>A row of the augmented view.</summary>
    public sealed class AugmentedRow
    {
        public string CaseId { get; set; } = "";

        public float Time { get; set; }

        public float Age { get; set; }

        public string Sex { get; set; } = "";

        [VectorType(4)]
        public long[] TokenIds { get; set; } = [];

        [VectorType(Length)]
        public float[] History { get; set; } = [];

        [VectorType(Length)]
        public float[] Future { get; set; } = [];

        public bool Label { get; set; }

        public bool Label5 { get; set; }

        public bool Label10 { get; set; }

        public bool Label15 { get; set; }

        public bool IsSynthetic { get; set; }
    }
}
