namespace IOHFuse.MLNet.Data;

/// <summary>
/// Marginals of one VitalDB surgery type (optype): frequency, departments with their operations, approach and
/// anaesthesia mix, emergency share, anaesthesia duration quartiles and blood-loss quantiles.
/// </summary>
internal sealed record SurgeryProfile(
    string Type,
    double Weight,
    (string Department, double Weight, OperationProfile[] Operations)[] Departments,
    double[] ApproachWeights,
    double[] AnesthesiaWeights,
    double EmergencyProbability,
    double DurationMedianMinutes,
    double DurationQ25Minutes,
    double DurationQ75Minutes,
    double BloodLossMedianMl,
    double BloodLossP90Ml);
