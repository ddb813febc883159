using System.Text.Json;
using System.Text.Json.Serialization;
using IOHFuse.MLNet.Model;

namespace IOHFuse.MLNet.Persistence;

/// <summary>
/// The metadata of an IOHFuseLM model as stored in model.zip: the JSON part of the state that
/// <see cref="FusedScorer.ToStateText"/> writes. The JSON names are the file format, pinned with
/// <see cref="JsonPropertyNameAttribute"/>, so renaming a property here or in <see cref="FusedModelMetadata"/> does not
/// break saved models (test/IOHFuse.MLNet.Tests/TestData/ModelV1 holds a saved model that must keep loading). Unknown
/// names are ignored, so states written before this class existed (which also held derived values such as
/// PatchCount) still read.
/// </summary>
internal sealed class FusedModelStateDto
{
    // NaN marks an unknown horizon; JSON has no NaN literal of its own.
    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [JsonPropertyName("Config"), JsonRequired]
    public FusedModelConfigDto Config { get; set; } = new();

    [JsonPropertyName("PlattSlope"), JsonRequired]
    public double PlattSlope { get; set; }

    [JsonPropertyName("PlattOffset"), JsonRequired]
    public double PlattOffset { get; set; }

    [JsonPropertyName("DecisionThreshold"), JsonRequired]
    public float DecisionThreshold { get; set; }

    [JsonPropertyName("HorizonDescription")]
    public string HorizonDescription { get; set; } = string.Empty;

    [JsonPropertyName("SamplePeriodSeconds"), JsonRequired]
    public double SamplePeriodSeconds { get; set; }

    [JsonPropertyName("HorizonMinutes"), JsonRequired]
    public double HorizonMinutes { get; set; }

    [JsonPropertyName("Vocabulary")]
    public long[]? Vocabulary { get; set; }

    public static byte[] Serialize(FusedModelMetadata m) => JsonSerializer.SerializeToUtf8Bytes(new FusedModelStateDto
    {
        Config = FusedModelConfigDto.From(m.Config),
        PlattSlope = m.PlattSlope,
        PlattOffset = m.PlattOffset,
        DecisionThreshold = m.DecisionThreshold,
        HorizonDescription = m.HorizonDescription,
        SamplePeriodSeconds = m.SamplePeriodSeconds,
        HorizonMinutes = m.HorizonMinutes,
        Vocabulary = m.Vocabulary,
    }, JsonOptions);

    /// <exception cref="JsonException">The JSON is malformed or lacks a required name.</exception>
    public static FusedModelMetadata Deserialize(ReadOnlySpan<byte> json)
    {
        var dto = JsonSerializer.Deserialize<FusedModelStateDto>(json, JsonOptions) ?? throw new JsonException("The metadata is empty (null).");
        return new FusedModelMetadata(dto.Config.ToConfig(), dto.PlattSlope, dto.PlattOffset, dto.DecisionThreshold, dto.HorizonDescription,
            dto.SamplePeriodSeconds, dto.HorizonMinutes, dto.Vocabulary);
    }
}
