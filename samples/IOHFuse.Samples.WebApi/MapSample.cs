namespace IOHFuse.Samples.WebApi;

/// <summary>One MAP sample as a monitor delivers it.</summary>
/// <param name="Time">Seconds on the room's clock (any origin; increasing).</param>
/// <param name="Map">MAP in mmHg; null when the monitor had no value.</param>
public sealed record MapSample(double Time, float? Map);
