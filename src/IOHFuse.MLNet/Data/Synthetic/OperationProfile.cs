namespace IOHFuse.MLNet.Data;

/// <summary>One operation name of a surgery profile with its relative frequency and risk tier.</summary>
internal sealed record OperationProfile(string Name, double Weight, SurgicalRisk Risk);
