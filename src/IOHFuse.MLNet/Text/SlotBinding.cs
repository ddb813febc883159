namespace IOHFuse.MLNet.Text;

/// <summary>
/// Where one used attribute sits in the gathered vectors the mapping reads: slot <see cref="Slot"/> of the numeric
/// vector, or of the text vector when <see cref="Kind"/> is <see cref="SlotKind.Text"/>. Stored in the model state.
/// </summary>
internal sealed class SlotBinding
{
    public ClinicalAttribute Attribute { get; set; }

    /// <summary>Column name in the training data; for extras it is also the name phrased in the sentence.</summary>
    public string Name { get; set; } = "";

    public SlotKind Kind { get; set; }

    public int Slot { get; set; }
}
