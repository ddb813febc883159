namespace IOHFuse.MLNet.Augmentation;

/// <summary>Immutable values (numbers, Boolean, DateTime, row ids, keys): copied by assignment.</summary>
internal sealed class ValueColumnStore<T> : ColumnStore<T>
{
    protected override T Copy(T value) => value;

    protected override void Assign(T stored, ref T dst) => dst = stored;
}
