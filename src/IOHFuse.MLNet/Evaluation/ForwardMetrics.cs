namespace IOHFuse.MLNet.Evaluation;

/// <summary>Forward-evaluation results of one method at one horizon on held-out cases.</summary>
/// <param name="Method">Method name.</param>
/// <param name="HorizonMinutes">Prediction horizon.</param>
/// <param name="Cases">Held-out cases.</param>
/// <param name="Windows">Held-out windows.</param>
/// <param name="Positives">Positive windows.</param>
/// <param name="Auroc">Area under the ROC curve with its 95 % case-bootstrap interval.</param>
/// <param name="Auprc">Area under the precision–recall curve with its 95 % case-bootstrap interval.</param>
/// <param name="Threshold">Alarm threshold on the score, chosen on validation cases for the target sensitivity.</param>
/// <param name="Sensitivity">Sensitivity at the threshold on the held-out cases.</param>
/// <param name="Specificity">Specificity at the threshold.</param>
/// <param name="Ppv">Positive predictive value at the threshold.</param>
/// <param name="AlarmsPerHour">Alarms (windows at or above the threshold) per monitored hour.</param>
/// <param name="ForecastMaeMmHg">Mean absolute forecast error over the horizon (mmHg), for methods that forecast.</param>
public sealed record ForwardMetrics(
    string Method,
    int HorizonMinutes,
    int Cases,
    int Windows,
    int Positives,
    MetricInterval Auroc,
    MetricInterval Auprc,
    float Threshold,
    double Sensitivity,
    double Specificity,
    double Ppv,
    double AlarmsPerHour,
    double? ForecastMaeMmHg);
