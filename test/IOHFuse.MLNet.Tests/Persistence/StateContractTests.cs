using System.Text;
using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Persistence;
using IOHFuse.MLNet.Text;

namespace IOHFuse.MLNet.Tests.Persistence;

/// <summary>
/// The JSON inside model.zip is a file format: these tests pin it name by name, so a rename of a C# type or property
/// that would change what is written fails here (and the committed v1 model in SavedModelV1Tests fails to load).
/// </summary>
[TestClass]
public sealed class StateContractTests
{
    [TestMethod]
    public void TestModelMetadataJsonNamesArePinned()
    {
        var config = new FusedModelConfig(300, 10, 100, 8, 4, 16, 2, 1, 4, 0);
        var metadata = new FusedModelMetadata(config, -1.5, 0.25, 0.125f, "label column 'Label'", 3, double.NaN, [7, 9, 50262]);
        string json = Encoding.UTF8.GetString(FusedModelStateDto.Serialize(metadata));
        Assert.AreEqual(
            "{\"Config\":{\"HistoryLength\":300,\"PatchLength\":10,\"ForecastLength\":100,\"TextLength\":8,\"VocabularySize\":4," +
            "\"ModelDimension\":16,\"NumberOfHeads\":2,\"NumberOfLayers\":1,\"FeedForwardMultiplier\":4,\"Dropout\":0}," +
            "\"PlattSlope\":-1.5,\"PlattOffset\":0.25,\"DecisionThreshold\":0.125,\"HorizonDescription\":\"label column \\u0027Label\\u0027\"," +
            "\"SamplePeriodSeconds\":3,\"HorizonMinutes\":\"NaN\",\"Vocabulary\":[7,9,50262]}", json);
        var back = FusedModelStateDto.Deserialize(Encoding.UTF8.GetBytes(json));
        Assert.AreEqual(metadata.Config, back.Config);
        Assert.AreEqual(metadata.DecisionThreshold, back.DecisionThreshold);
        Assert.IsTrue(double.IsNaN(back.HorizonMinutes));
        CollectionAssert.AreEqual(metadata.Vocabulary, back.Vocabulary);
    }

    [TestMethod]
    public void TestMetadataWrittenBeforeTheDtoStillReads()
    {
        // What serialising the FusedModelMetadata record directly wrote (derived values included), and a required name missing.
        const string old = "{\"Config\":{\"HistoryLength\":60,\"PatchLength\":10,\"ForecastLength\":40,\"TextLength\":0,\"VocabularySize\":0," +
            "\"ModelDimension\":16,\"NumberOfHeads\":2,\"NumberOfLayers\":1,\"FeedForwardMultiplier\":4,\"Dropout\":0,\"PatchCount\":6," +
            "\"UsesText\":false,\"SequenceLength\":6},\"PlattSlope\":-2,\"PlattOffset\":1,\"DecisionThreshold\":0.3,\"HorizonDescription\":\"x\"," +
            "\"SamplePeriodSeconds\":3,\"HorizonMinutes\":5,\"Vocabulary\":null}";
        var metadata = FusedModelStateDto.Deserialize(Encoding.UTF8.GetBytes(old));
        Assert.AreEqual(6, metadata.Config.PatchCount);
        Assert.AreEqual(0.3f, metadata.DecisionThreshold);
        Assert.ThrowsExactly<System.Text.Json.JsonException>(() => FusedModelStateDto.Deserialize(Encoding.UTF8.GetBytes(old.Replace("\"PlattSlope\":-2,", ""))));
    }

    [TestMethod]
    public void TestClinicalTextStateJsonNamesAndCodesArePinned()
    {
        var state = new ClinicalTextState
        {
            Template = "{age}",
            DomainWords = ["anaesthesia"],
            MaximumTokens = 16,
            PaddingTokenId = 50256,
            Slots =
            [
                new SlotBinding { Attribute = ClinicalAttribute.Asa, Name = "Asa", Kind = SlotKind.Number, Slot = 0 },
                new SlotBinding { Attribute = ClinicalAttribute.Extra, Name = "Diabetic", Kind = SlotKind.Boolean, Slot = 1 },
                new SlotBinding { Attribute = ClinicalAttribute.Anesthesia, Name = "Anesthesia", Kind = SlotKind.Text, Slot = 0 },
            ],
        };
        string json = ClinicalTextStateDto.Serialize(state);
        Assert.AreEqual(
            "{\"Template\":\"{age}\",\"DomainWords\":[\"anaesthesia\"],\"MaximumTokens\":16,\"PaddingTokenId\":50256,\"Slots\":[" +
            "{\"Attribute\":5,\"Name\":\"Asa\",\"Kind\":0,\"Slot\":0},{\"Attribute\":12,\"Name\":\"Diabetic\",\"Kind\":1,\"Slot\":1}," +
            "{\"Attribute\":11,\"Name\":\"Anesthesia\",\"Kind\":2,\"Slot\":0}]}", json);
        var back = ClinicalTextStateDto.Deserialize(json);
        CollectionAssert.AreEqual(state.Slots.Select(s => (s.Attribute, s.Name, s.Kind, s.Slot)).ToList(), back.Slots.Select(s => (s.Attribute, s.Name, s.Kind, s.Slot)).ToList());
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => ClinicalTextStateDto.Deserialize(json.Replace("\"Attribute\":12", "\"Attribute\":99")));
        StringAssert.Contains(ex.Message, "unknown attribute code 99");
    }
}
