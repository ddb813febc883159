namespace IOHFuse.Samples.WebApi;

/// <summary>The model serving now.</summary>
/// <param name="Version">1 at start, +1 per reload of model.zip.</param>
/// <param name="LoadedAt">When this version was loaded.</param>
/// <param name="SamplePeriodSeconds">Seconds between history samples.</param>
/// <param name="HistoryLength">History values a window must have.</param>
/// <param name="HorizonMinutes">Prediction horizon in minutes.</param>
/// <param name="ForecastLength">Forecast values per prediction.</param>
/// <param name="UsesText">Whether the patient's attributes are read.</param>
/// <param name="AlarmThreshold">Probability at or above which the alarm is on.</param>
/// <param name="Description">All of it in one line.</param>
public sealed record ModelResponse(int Version, DateTimeOffset LoadedAt, double SamplePeriodSeconds, int HistoryLength, double HorizonMinutes,
    int ForecastLength, bool UsesText, float AlarmThreshold, string Description);
