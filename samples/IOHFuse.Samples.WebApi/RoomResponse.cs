namespace IOHFuse.Samples.WebApi;

/// <summary>Where a room stands after its samples: the latest prediction time and its prediction, or why there is none.</summary>
/// <param name="Room">The room id.</param>
/// <param name="PredictionTime">The latest prediction time reached (seconds on the room's clock); null before the first.</param>
/// <param name="Prediction">The prediction at that time; null when none could be made.</param>
/// <param name="Reason">Why there is no prediction (history still filling, MAP missing now, too much history missing); null when there is one.</param>
/// <param name="NextPredictionTime">When the next prediction is due.</param>
/// <param name="PredictionsMade">Predictions made from this request's samples (a long batch may complete several prediction times).</param>
public sealed record RoomResponse(string Room, double? PredictionTime, PredictionResponse? Prediction, string? Reason, double NextPredictionTime, int PredictionsMade);
