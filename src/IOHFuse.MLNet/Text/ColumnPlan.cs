using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// One used attribute column as Fit found it: its name, its data type, how it is gathered (a Single slot, possibly
/// after conversion, or a text slot) and its slot index.
/// </summary>
internal sealed record ColumnPlan(ClinicalAttribute Attribute, string Column, string OptionName, DataViewType Type, SlotKind Kind, bool NeedsConversion, int Slot)
{
    /// <summary>True for attributes whose values are categories worth a vocabulary (not free numbers).</summary>
    public bool IsCategorical => Kind == SlotKind.Text && Attribute != ClinicalAttribute.Emergency;
}
