using System.Globalization;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// The decoded state of a fitted featurizer: composes the sentence from the gathered attribute slots and turns it
/// into padded token ids and a mask. Immutable apart from the tokenizer's thread-safe cache, so one instance serves
/// every cursor and PredictionEngine of a loaded model.
/// </summary>
internal sealed class ClinicalTextEngine
{
    private readonly ClinicalSentenceComposer _composer;

    public ClinicalTextEngine(ClinicalTextState state)
    {
        State = state ?? throw new ArgumentNullException(nameof(state));
        _composer = new ClinicalSentenceComposer(state.Template);
        Tokenizer = new ClinicalTextTokenizer(state.DomainWords);
    }

    public ClinicalTextState State { get; }

    public ClinicalTextTokenizer Tokenizer { get; }

    public int MaximumTokens => State.MaximumTokens;

    /// <summary>Reads one row from the gathered vectors: numeric slot 0 and text slot 0 are padding/key, not data.</summary>
    public ClinicalValues Read(ReadOnlySpan<float> numbers, ReadOnlySpan<ReadOnlyMemory<char>> texts)
    {
        var v = new ClinicalValues();
        foreach (var slot in State.Slots)
        {
            float number = float.NaN;
            string? text = null;
            bool? flag = null;
            switch (slot.Kind)
            {
                case SlotKind.Number:
                    number = slot.Slot < numbers.Length ? numbers[slot.Slot] : float.NaN;
                    break;
                case SlotKind.Boolean:
                    number = slot.Slot < numbers.Length ? numbers[slot.Slot] : float.NaN;
                    flag = float.IsNaN(number) ? null : number != 0f;
                    break;
                default:
                    text = slot.Slot < texts.Length ? texts[slot.Slot].ToString() : null;
                    break;
            }
            if (slot.Attribute == ClinicalAttribute.Extra)
            {
                v.Extras.Add(new(slot.Name, PhraseExtra(slot.Kind, number, text)));
                continue;
            }
            v.Used[(int)slot.Attribute] = true;
            switch (slot.Attribute)
            {
                case ClinicalAttribute.Age: v.Age = number; break;
                case ClinicalAttribute.Height: v.Height = number; break;
                case ClinicalAttribute.Weight: v.Weight = number; break;
                case ClinicalAttribute.Bmi: v.Bmi = number; break;
                case ClinicalAttribute.Asa: v.Asa = number; break;
                case ClinicalAttribute.Emergency:
                    v.Emergency = slot.Kind == SlotKind.Text ? ClinicalSentenceComposer.ParseEmergency(text) : flag ?? (float.IsNaN(number) ? null : number != 0f);
                    break;
                case ClinicalAttribute.Sex: v.Sex = text; break;
                case ClinicalAttribute.Department: v.Department = text; break;
                case ClinicalAttribute.SurgeryType: v.SurgeryType = text; break;
                case ClinicalAttribute.SurgeryName: v.SurgeryName = text; break;
                case ClinicalAttribute.Approach: v.Approach = text; break;
                case ClinicalAttribute.Anesthesia: v.Anesthesia = text; break;
            }
        }
        return v;
    }

    /// <summary>An extra attribute's value as phrased: text as written, numbers compactly, Booleans as yes/no.</summary>
    public static string PhraseExtra(SlotKind kind, float number, string? text) => kind switch
    {
        SlotKind.Text => string.IsNullOrWhiteSpace(text) ? "unknown" : text.Trim(),
        SlotKind.Boolean => float.IsNaN(number) ? "unknown" : number != 0f ? "yes" : "no",
        _ => float.IsNaN(number) ? "unknown" : number.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public string Compose(ClinicalValues values) => _composer.Compose(values);

    /// <summary>Pads or truncates the sentence's tokens to <see cref="MaximumTokens"/>; returns the untruncated count.</summary>
    public int Tokenize(string sentence, long[] ids, float[] mask) => Pad(Tokenizer.Encode(sentence), ids, mask);

    /// <summary>Writes <paramref name="all"/> padded or truncated into <paramref name="ids"/> and <paramref name="mask"/>.</summary>
    public int Pad(int[] all, long[] ids, float[] mask)
    {
        int n = Math.Min(all.Length, MaximumTokens);
        for (int i = 0; i < n; i++)
        {
            ids[i] = all[i];
            mask[i] = 1f;
        }
        for (int i = n; i < MaximumTokens; i++)
        {
            ids[i] = State.PaddingTokenId;
            mask[i] = 0f;
        }
        return all.Length;
    }
}
