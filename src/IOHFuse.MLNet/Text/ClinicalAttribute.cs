namespace IOHFuse.MLNet.Text;

/// <summary>The attributes the sentence knows how to phrase; <see cref="Extra"/> marks a user-named extra column.</summary>
internal enum ClinicalAttribute
{
    Age,
    Sex,
    Height,
    Weight,
    Bmi,
    Asa,
    Emergency,
    Department,
    SurgeryType,
    SurgeryName,
    Approach,
    Anesthesia,
    Extra,
}
