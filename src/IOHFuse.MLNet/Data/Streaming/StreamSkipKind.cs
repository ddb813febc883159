namespace IOHFuse.MLNet.Data;

/// <summary>Why a <see cref="MapStream"/> prediction time has no input.</summary>
public enum StreamSkipKind
{
    /// <summary>Not skipped.</summary>
    None,

    /// <summary>No valid MAP at the prediction time (the last measurement is too old, or an artifact).</summary>
    MissingNow,

    /// <summary>Too much of the history is missing after cleaning.</summary>
    MissingHistory,
}
