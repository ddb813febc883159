using BenchmarkDotNet.Attributes;
using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// The clinical-text featurizer's Transform over 10,000 windows of the synthetic cohort (rows of one case share their
/// attributes, as windowed data does), reading every token vector.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class FeaturizerBenchmarks
{
    private const int Windows = 10_000;
    private ITransformer? _featurizer;
    private IDataView? _windows;

    /// <summary>Builds the windows and fits the featurizer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 1);
        var cases = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = 120 });
        // Cached and read once here, so the benchmark times the featurizer, not the windowing of the cases.
        _windows = ml.Data.Cache(ml.Data.TakeRows(ml.IOHFuse().Data.CreateWindows(cases), Windows));
        _featurizer = ml.IOHFuse().Transforms.FeaturizeClinicalText().Fit(_windows);
        TransformWindows();
    }

    /// <summary>Featurizes all windows; divide 10,000 by the time for rows/s.</summary>
    [Benchmark(OperationsPerInvoke = Windows)]
    public long TransformWindows()
    {
        var output = _featurizer!.Transform(_windows!);
        var ids = output.Schema[IohFuseColumns.TokenIds];
        long tokens = 0;
        using var cursor = output.GetRowCursor(new[] { ids });
        var get = cursor.GetGetter<VBuffer<long>>(ids);
        VBuffer<long> buffer = default;
        while (cursor.MoveNext())
        {
            get(ref buffer);
            tokens += buffer.Length;
        }
        return tokens;
    }
}
