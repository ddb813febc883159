using BenchmarkDotNet.Attributes;
using Microsoft.ML;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>PredictionEngine.Predict on one row over a loaded model.zip (small size), cycling through 200 different rows.</summary>
[Config(typeof(ShortInProcessConfig))]
public class PredictionEngineBenchmarks
{
    private ScoringFixture? _fixture;
    private ITransformer? _model;
    private PredictionEngine<BenchmarkWindow, ScoringOutput>? _engine;
    private int _next;

    /// <summary>Trains, saves and loads the model; builds the engine and warms it up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fixture = new ScoringFixture(ModelSize.Small, 200);
        _model = _fixture.Load(out _);
        _engine = _fixture.MLContext.Model.CreatePredictionEngine<BenchmarkWindow, ScoringOutput>(_model);
        _engine.Predict(_fixture.Rows[0]);
    }

    /// <summary>One prediction.</summary>
    [Benchmark]
    public float Predict() => _engine!.Predict(_fixture!.Rows[_next++ % _fixture.Rows.Count]).Score;

    /// <summary>Frees the engine, model and temp folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _engine?.Dispose();
        (_model as IDisposable)?.Dispose();
        _fixture?.Dispose();
    }
}
