using System.Text.Json.Serialization;
using IOHFuse.MLNet.Model;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// The network shapes as stored in model.zip (inside <see cref="FusedModelStateDto"/>). The JSON names are the file
/// format, pinned with <see cref="JsonPropertyNameAttribute"/>: renaming a property here or in
/// <see cref="FusedModelConfig"/> changes nothing on disk. They are the names the format has had since v1.
/// </summary>
internal sealed class FusedModelConfigDto
{
    [JsonPropertyName("HistoryLength"), JsonRequired]
    public int HistoryLength { get; set; }

    [JsonPropertyName("PatchLength"), JsonRequired]
    public int PatchLength { get; set; }

    [JsonPropertyName("ForecastLength"), JsonRequired]
    public int ForecastLength { get; set; }

    [JsonPropertyName("TextLength"), JsonRequired]
    public int TextLength { get; set; }

    [JsonPropertyName("VocabularySize"), JsonRequired]
    public int VocabularySize { get; set; }

    [JsonPropertyName("ModelDimension"), JsonRequired]
    public int ModelDimension { get; set; }

    [JsonPropertyName("NumberOfHeads"), JsonRequired]
    public int NumberOfHeads { get; set; }

    [JsonPropertyName("NumberOfLayers"), JsonRequired]
    public int NumberOfLayers { get; set; }

    [JsonPropertyName("FeedForwardMultiplier"), JsonRequired]
    public int FeedForwardMultiplier { get; set; }

    [JsonPropertyName("Dropout"), JsonRequired]
    public double Dropout { get; set; }

    public static FusedModelConfigDto From(FusedModelConfig c) => new()
    {
        HistoryLength = c.HistoryLength,
        PatchLength = c.PatchLength,
        ForecastLength = c.ForecastLength,
        TextLength = c.TextLength,
        VocabularySize = c.VocabularySize,
        ModelDimension = c.ModelDimension,
        NumberOfHeads = c.NumberOfHeads,
        NumberOfLayers = c.NumberOfLayers,
        FeedForwardMultiplier = c.FeedForwardMultiplier,
        Dropout = c.Dropout,
    };

    public FusedModelConfig ToConfig() => new(HistoryLength, PatchLength, ForecastLength, TextLength, VocabularySize, ModelDimension,
        NumberOfHeads, NumberOfLayers, FeedForwardMultiplier, Dropout);
}
