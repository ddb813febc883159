using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.Experiments;

/// <summary>Everything the job produced: metrics, scores for plots, the primary model and what it was built from.</summary>
public sealed class ExperimentResult
{
    /// <summary>Forward metrics of every method at every horizon on the held-out test cases.</summary>
    public List<ForwardMetrics> Metrics { get; } = new();

    /// <summary>Test-set scores per (method, horizon), for ROC/PR plots.</summary>
    public Dictionary<(string Method, int Horizon), ScoredWindows> TestScores { get; } = new();

    /// <summary>Calibrated IOHFuseLM probabilities and labels on the test cases per horizon, for the calibration plot.</summary>
    public Dictionary<int, (float[] Probability, bool[] Label)> Calibration { get; } = new();

    /// <summary>Cases in train / validation / test.</summary>
    public (int Train, int Validation, int Test) CaseCounts { get; set; }

    /// <summary>Windowing statistics of the three splits.</summary>
    public (WindowingStatistics Train, WindowingStatistics Validation, WindowingStatistics Test) Windowing { get; set; } = default;

    /// <summary>Synthetic rows added for stage 1.</summary>
    public long SyntheticRows { get; set; }

    /// <summary>What each IOHFuseLM fit did (validation AUROC per stage-2 epoch, the epoch kept), per (method, horizon).</summary>
    public List<(string Method, int Horizon, IohFuseLMTrainingSummary Summary)> TrainingSummaries { get; } = new();

    /// <summary>Wall-clock time per stage.</summary>
    public List<(string Stage, TimeSpan Duration)> Timings { get; } = new();

    /// <summary>Featurizer + IOHFuseLM chain for the shortest horizon: what gets saved as model.zip.</summary>
    public ITransformer? PrimaryModel { get; set; }

    /// <summary>Horizon of <see cref="PrimaryModel"/>.</summary>
    public int PrimaryHorizon { get; set; }

    /// <summary>Schema of the raw window rows the primary model expects.</summary>
    public DataViewSchema? InputSchema { get; set; }

    /// <summary>Raw held-out test windows (for PredictionEngine demonstrations).</summary>
    public IDataView? TestWindows { get; set; }

    /// <summary>Settings of the run.</summary>
    public ExperimentOptions Options { get; set; } = new();

    /// <summary>Parameter count of the primary IOHFuseLM network.</summary>
    public long ParameterCount { get; set; }
}
