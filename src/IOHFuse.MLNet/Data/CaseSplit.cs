namespace IOHFuse.MLNet.Data;

/// <summary>A case-level split: every case is in exactly one of the three lists.</summary>
/// <param name="Train">Training cases.</param>
/// <param name="Validation">Validation cases (early stopping, threshold choice).</param>
/// <param name="Test">Held-out test cases.</param>
public sealed record CaseSplit(
    IReadOnlyList<SurgicalCase> Train,
    IReadOnlyList<SurgicalCase> Validation,
    IReadOnlyList<SurgicalCase> Test);
