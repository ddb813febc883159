namespace IOHFuse.MLNet.Text;

/// <summary>How a gathered attribute value is read: a Single, a Single that came from a Boolean, or text.</summary>
internal enum SlotKind
{
    Number,
    Boolean,
    Text,
}
