namespace IOHFuse.MLNet.Augmentation;

/// <summary>Text: the memory may point into a cursor's reused buffer, so it is copied into a string of its own.</summary>
internal sealed class TextColumnStore : ColumnStore<ReadOnlyMemory<char>>
{
    protected override ReadOnlyMemory<char> Copy(ReadOnlyMemory<char> value) => value.ToString().AsMemory();

    protected override void Assign(ReadOnlyMemory<char> stored, ref ReadOnlyMemory<char> dst) => dst = stored;
}
