using IOHFuse.MLNet.Data;

namespace IOHFuse.Samples.WebApi;

/// <summary>
/// One operating room: its <see cref="MapStream"/> (resampling, gap filling, the history buffer, skipped windows — as
/// in training), the patient's attributes and the latest answer. A MapStream is not thread-safe, so a room takes one
/// request at a time; different rooms run in parallel.
/// </summary>
internal sealed class Room(string id)
{
    private readonly Lock _lock = new();
    private MapStream? _stream;
    private (double Period, int History) _timeBase;
    private PatientAttributes _patient = PatientAttributes.Unknown;
    private double? _latestTime;
    private PredictionResponse? _latestPrediction;
    private string? _latestReason;

    public RoomResponse Push(ModelPool models, SamplesRequest request)
    {
        lock (_lock)
        {
            var model = models.Current;
            if (_stream is null || _timeBase != (model.Info.SamplePeriodSeconds, model.Info.HistoryLength))
            {
                // First request, or a reloaded model with another time base: its history must be rebuilt at its period.
                _stream = new MapStream(model.Info, new MapStreamOptions { StrideSeconds = Math.Max(60, model.Info.SamplePeriodSeconds) });
                _timeBase = (model.Info.SamplePeriodSeconds, model.Info.HistoryLength);
                (_latestTime, _latestPrediction, _latestReason) = (null, null, null);
            }
            if (request.Patient is { } patient)
                _patient = patient.ToAttributes();
            int made = 0;
            foreach (var sample in request.Samples ?? [])
            {
                foreach (var due in _stream.Push(sample.Time, sample.Map ?? float.NaN))
                {
                    _latestTime = due.TimeSeconds;
                    if (due.CanPredict)
                    {
                        var window = new IohWindow { CaseId = id, Time = (float)due.TimeSeconds, History = due.History! }.SetAttributes(_patient);
                        _latestPrediction = PredictionResponse.From(model.Predict(window), model.Version);
                        _latestReason = null;
                        made++;
                    }
                    else
                    {
                        (_latestPrediction, _latestReason) = (null, due.SkipReason);
                    }
                }
            }
            return new RoomResponse(id, _latestTime, _latestPrediction, _latestPrediction is null ? _latestReason ?? _stream.WarmUpReason : null,
                _stream.NextPredictionTime, made);
        }
    }
}
