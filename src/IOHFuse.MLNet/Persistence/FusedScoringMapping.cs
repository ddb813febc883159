using IOHFuse.MLNet.Model;

namespace IOHFuse.MLNet.Persistence;

/// <summary>The per-row computation shared by the fitted transformer and the loaded model's factories.</summary>
internal static class FusedScoringMapping
{
    public static void Map(FusedScorer scorer, ReadOnlySpan<float> history, ReadOnlySpan<long> tokenIds, ReadOnlySpan<float> tokenMask, FusedScoringOutput output)
    {
        Span<float> logit = stackalloc float[1];
        var forecast = new float[scorer.Config.ForecastLength];
        scorer.ScoreBatch(history, tokenIds, tokenMask, 1, logit, forecast);
        output.Score = logit[0];
        output.Probability = scorer.Probability(logit[0]);
        output.PredictedLabel = output.Probability >= scorer.Metadata.DecisionThreshold;
        output.Forecast = forecast;
    }
}
