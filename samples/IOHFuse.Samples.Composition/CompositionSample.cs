using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.Samples.Composition;

/// <summary>
/// IOHFuse components inside an ordinary ML.NET pipeline: featurizer → built-in transforms → IOHFuseLM, then
/// Fit, Evaluate, cross-validation grouped by case, save, load and PredictionEngine.
/// </summary>
public static class CompositionSample
{
    /// <summary>What the app reads back.</summary>
    public sealed class Prediction
    {
        /// <summary>Calibrated IOH probability.</summary>
        public float Probability { get; set; }

        /// <summary>Forecast MAP (mmHg).</summary>
        [VectorType]
        public float[] Forecast { get; set; } = Array.Empty<float>();
    }

    /// <summary>Runs the sample and returns the per-fold AUROCs of the case-grouped cross-validation.</summary>
    public static IReadOnlyList<double> Run(int cases, int folds, TextWriter log, string modelPath)
    {
        var ml = new MLContext(seed: 1);
        var cohort = ml.IOHFuse().Data.GenerateSyntheticCohort(new SyntheticCohortOptions { NumberOfCases = cases, Seed = 1, MaximumDurationHours = 2.5 });
        IDataView windows = ml.Data.Cache(ml.IOHFuse().Data.CreateWindows(cohort, new WindowOptions { StrideSeconds = 120 }));

        // One EstimatorChain mixing IOHFuse and built-in ML.NET estimators.
        var pipeline = ml.IOHFuse().Transforms.FeaturizeClinicalText(maximumTokens: 48)
            .Append(ml.Transforms.CopyColumns("MapHistory", IohFuseColumns.History))               // any built-in transform composes
            .Append(ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
            {
                HistoryColumnName = "MapHistory",
                ModelDimension = 16,
                NumberOfHeads = 2,
                NumberOfLayers = 1,
                PretrainEpochs = 1,
                FineTuneEpochs = 2,
                Seed = 1,
                Device = ComputeDevice.Cpu,
            }));

        // Cross-validation with folds grouped by case: no patient contributes windows to both sides of a fold.
        var cv = ml.BinaryClassification.CrossValidate(windows, pipeline, numberOfFolds: folds,
            labelColumnName: IohFuseColumns.Label, samplingKeyColumnName: IohFuseColumns.CaseId, seed: 1);
        foreach (var fold in cv)
            log.WriteLine($"fold {fold.Fold}: AUROC {fold.Metrics.AreaUnderRocCurve:F3}, AUPRC {fold.Metrics.AreaUnderPrecisionRecallCurve:F3}, log-loss {fold.Metrics.LogLoss:F3}");

        // Train/test split by case, Fit, Evaluate.
        var split = ml.Data.TrainTestSplit(windows, testFraction: 0.25, samplingKeyColumnName: IohFuseColumns.CaseId, seed: 1);
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        log.WriteLine($"held-out cases: AUROC {metrics.AreaUnderRocCurve:F3}, AUPRC {metrics.AreaUnderPrecisionRecallCurve:F3}");

        // Save, load in a fresh context, score one window at a time.
        ml.Model.Save(model, windows.Schema, modelPath);
        var app = new MLContext();
        var engine = app.Model.CreatePredictionEngine<IohWindow, Prediction>(app.Model.Load(modelPath, out _));
        foreach (var window in ml.Data.CreateEnumerable<IohWindow>(split.TestSet, reuseRowObject: false).Take(3))
        {
            var p = engine.Predict(window);
            log.WriteLine($"case {window.CaseId} t={window.Time / 60:F0} min: MAP {window.History[^1]:F0} mmHg, P(IOH in 5 min) {p.Probability:F3}, forecast in 5 min {p.Forecast[99]:F0} mmHg");
        }
        return cv.Select(f => f.Metrics.AreaUnderRocCurve).ToList();
    }
}
