using BenchmarkDotNet.Attributes;
using Microsoft.ML;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>Transform over 10,000 windows through a loaded model.zip (small size), reading every score.</summary>
[Config(typeof(ShortInProcessConfig))]
public class BatchScoringBenchmarks
{
    private const int Windows = 10_000;
    private ScoringFixture? _fixture;
    private ITransformer? _model;
    private IDataView? _input;

    /// <summary>Trains, saves and loads the model and builds the input view.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fixture = new ScoringFixture(ModelSize.Small, Windows);
        _model = _fixture.Load(out _);
        _input = _fixture.MLContext.Data.LoadFromEnumerable(_fixture.Rows);
    }

    /// <summary>Scores all windows; divide 10,000 by the time for windows/s.</summary>
    [Benchmark(OperationsPerInvoke = Windows)]
    public double TransformWindows()
    {
        double sum = 0;
        foreach (var row in _fixture!.MLContext.Data.CreateEnumerable<ScoringOutput>(_model!.Transform(_input!), reuseRowObject: true))
            sum += row.Score;
        return sum;
    }

    /// <summary>Frees the model and temp folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        (_model as IDisposable)?.Dispose();
        _fixture?.Dispose();
    }
}
