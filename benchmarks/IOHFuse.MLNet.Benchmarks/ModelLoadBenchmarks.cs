using BenchmarkDotNet.Attributes;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>model.zip load (small size) up to the first prediction, which decodes the weights.</summary>
[Config(typeof(ShortInProcessConfig))]
public class ModelLoadBenchmarks
{
    private ScoringFixture? _fixture;

    /// <summary>Trains and saves the model.</summary>
    [GlobalSetup]
    public void Setup() => _fixture = new ScoringFixture(ModelSize.Small, 1);

    /// <summary>Load + PredictionEngine + first Predict.</summary>
    [Benchmark]
    public float LoadAndFirstPredict()
    {
        var model = _fixture!.Load(out _);
        using var engine = _fixture.MLContext.Model.CreatePredictionEngine<BenchmarkWindow, ScoringOutput>(model);
        float score = engine.Predict(_fixture.Rows[0]).Score;
        (model as IDisposable)?.Dispose();
        return score;
    }

    /// <summary>Removes the temp folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => _fixture?.Dispose();
}
