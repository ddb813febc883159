using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.Experiments;

/// <summary>The ML.NET baselines every report compares IOHFuseLM with, built from the MAP hand features
/// (<see cref="IOHFuse.MLNet.Evaluation.HandFeatures"/>).</summary>
public static class BaselinePipelines
{
    /// <summary>Logistic regression on the last MAP and its 5-minute slope.</summary>
    public static IEstimator<ITransformer> MapSlopeRegression(MLContext ml, string label) =>
        ml.IOHFuse().Transforms.ExtractMapFeatures()
            .Append(ml.Transforms.CustomMapping<MapFeaturesRow, TwoFeatureRow>((i, o) =>
            {
                o.Features = [i.MapFeatures[0], i.MapFeatures[6]];
            }, contractName: null))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: label, featureColumnName: "Features"));

    /// <summary>Logistic regression on six hand features: MAP now, 5-min mean, 15-min slope, 15-min minimum, 15-min SD
    /// and the squared distance of MAP from 75 mmHg (risk rises on both sides of a normal pressure).</summary>
    public static IEstimator<ITransformer> HandFeatureRegression(MLContext ml, string label) =>
        ml.IOHFuse().Transforms.ExtractMapFeatures()
            .Append(ml.Transforms.CustomMapping<MapFeaturesRow, SixFeatureRow>((i, o) =>
            {
                var f = i.MapFeatures;
                o.Features = [f[0], f[4], f[10], f[9], f[11], f[14]];
            }, contractName: null))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: label, featureColumnName: "Features"));

    /// <summary>IOHFuseLM's linear history paths alone: logistic regression on the whole (standardised) MAP history,
    /// i.e. the <c>ioh_skip</c> path of the network without the patch transformer. The ablation that shows whether the
    /// transformer adds anything over a linear model of the same input.</summary>
    public static IEstimator<ITransformer> LinearHistoryPaths(MLContext ml, string label) =>
        ml.Transforms.NormalizeMeanVariance("HistoryNormalized", IohFuseColumns.History)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: label, featureColumnName: "HistoryNormalized"));

    /// <summary>FastTree on all MAP hand features, plus the static attributes when the data has them.</summary>
    public static IEstimator<ITransformer> FastTreeOnHandFeatures(MLContext ml, string label, bool withAttributes)
    {
        var features = ml.IOHFuse().Transforms.ExtractMapFeatures();
        IEstimator<ITransformer> inputs = withAttributes
            ? features
                .Append(ml.Transforms.Categorical.OneHotEncoding("DepartmentOh", IohFuseColumns.Department))
                .Append(ml.Transforms.Concatenate("Features", "MapFeatures", IohFuseColumns.Age, IohFuseColumns.Asa, IohFuseColumns.Bmi, IohFuseColumns.Emergency, "DepartmentOh"))
            : features.Append(ml.Transforms.CopyColumns("Features", "MapFeatures"));
        return inputs.Append(ml.BinaryClassification.Trainers.FastTree(labelColumnName: label, featureColumnName: "Features",
            numberOfLeaves: 20, numberOfTrees: 100, minimumExampleCountPerLeaf: 20, learningRate: 0.1));
    }

    private sealed class MapFeaturesRow
    {
        [VectorType(15)]
        public float[] MapFeatures { get; set; } = new float[15];
    }

    private sealed class TwoFeatureRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = new float[2];
    }

    private sealed class SixFeatureRow
    {
        [VectorType(6)]
        public float[] Features { get; set; } = new float[6];
    }
}
