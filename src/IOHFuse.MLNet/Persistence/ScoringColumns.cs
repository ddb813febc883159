namespace IOHFuse.MLNet.Persistence;

/// <summary>Internal helper-column names of the lowered IOHFuseLM scoring chain (dropped from its output).</summary>
internal static class ScoringColumns
{
    public const string History = "__IOHFuse_History";
    public const string TokenIds = "__IOHFuse_TokenIds";
    public const string TokenMask = "__IOHFuse_TokenMask";
    public const string State = "__IOHFuse_ModelState";
}
