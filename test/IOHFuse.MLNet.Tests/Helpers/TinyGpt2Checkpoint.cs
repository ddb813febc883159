using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>Writes a tiny GPT-2-shaped checkpoint in the safetensors format (random weights, GPT-2 names and layouts).</summary>
internal static class TinyGpt2Checkpoint
{
    public static Dictionary<string, Tensor> Write(string path, int dimension, int layers, int vocabulary, int positions, int seed)
    {
        torch.manual_seed(seed);
        int d = dimension;
        var tensors = new Dictionary<string, Tensor>
        {
            ["wte.weight"] = torch.randn(vocabulary, d),
            ["wpe.weight"] = torch.randn(positions, d),
            ["ln_f.weight"] = torch.randn(d),
            ["ln_f.bias"] = torch.randn(d),
        };
        for (int i = 0; i < layers; i++)
        {
            tensors[$"h.{i}.ln_1.weight"] = torch.randn(d);
            tensors[$"h.{i}.ln_1.bias"] = torch.randn(d);
            tensors[$"h.{i}.ln_2.weight"] = torch.randn(d);
            tensors[$"h.{i}.ln_2.bias"] = torch.randn(d);
            tensors[$"h.{i}.attn.c_attn.weight"] = torch.randn(d, 3 * d);
            tensors[$"h.{i}.attn.c_attn.bias"] = torch.randn(3 * d);
            tensors[$"h.{i}.attn.c_proj.weight"] = torch.randn(d, d);
            tensors[$"h.{i}.attn.c_proj.bias"] = torch.randn(d);
            tensors[$"h.{i}.mlp.c_fc.weight"] = torch.randn(d, 4 * d);
            tensors[$"h.{i}.mlp.c_fc.bias"] = torch.randn(4 * d);
            tensors[$"h.{i}.mlp.c_proj.weight"] = torch.randn(4 * d, d);
            tensors[$"h.{i}.mlp.c_proj.bias"] = torch.randn(d);
        }

        var header = new Dictionary<string, object>();
        long offset = 0;
        var blobs = new List<byte[]>();
        foreach (var (name, t) in tensors)
        {
            var bytes = t.contiguous().data<float>().ToArray().SelectMany(BitConverter.GetBytes).ToArray();
            header[name] = new { dtype = "F32", shape = t.shape, data_offsets = new[] { offset, offset + bytes.Length } };
            offset += bytes.Length;
            blobs.Add(bytes);
        }
        byte[] json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        using var file = File.Create(path);
        file.Write(BitConverter.GetBytes((ulong)json.Length));
        file.Write(json);
        foreach (var b in blobs) file.Write(b);
        return tensors;
    }
}
