using IOHFuse.MLNet.Data;

namespace IOHFuse.Samples.WebApi;

/// <summary>One window to score: the MAP history and, optionally, the patient's attributes (absent or null = unknown).</summary>
public sealed class WindowRequest
{
    /// <summary>MAP history in mmHg, oldest first, one value per model sample period, ending now: exactly the model's
    /// history length (GET /model says it; 300 = 15 min at 3 s by default). Every value finite, 0–400.</summary>
    public float[]? History { get; set; }

    /// <summary>Patient and operation attributes; null = all unknown.</summary>
    public PatientRequest? Patient { get; set; }

    /// <summary>The model input for this request.</summary>
    internal IohWindow ToWindow() => new IohWindow { History = History ?? [] }.SetAttributes(Patient?.ToAttributes() ?? PatientAttributes.Unknown);
}
