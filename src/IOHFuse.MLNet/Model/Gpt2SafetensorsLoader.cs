using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

/// <summary>
/// Initialises the backbone from a GPT-2 checkpoint in the safetensors format (8-byte little-endian header length,
/// a JSON header of name → {dtype, shape, data_offsets}, then the raw tensors). GPT-2 stores its projections as
/// Conv1D weights [in, out]; they are transposed into our Linear layout [out, in] and c_attn is split into q/k/v.
/// </summary>
internal static class Gpt2SafetensorsLoader
{
    /// <summary>Copies GPT-2 blocks 0..L-1, ln_f, the first position rows and, for a text model, GPT-2's embedding of each
    /// id in <paramref name="vocabulary"/> (ids beyond GPT-2's range, the featurizer's domain words, keep their
    /// initialisation; the unknown row stays zero). Returns the count of tensors set.</summary>
    public static int Load(FusedNetwork network, string path, TokenVocabulary? vocabulary)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var tensors = Read(path);
        try
        {
            var cfg = network.Config;
            var target = network.state_dict();
            int set = 0;
            using var noGrad = torch.no_grad();

            void Copy(string ours, Tensor value)
            {
                if (!target.TryGetValue(ours, out var dst))
                    return;
                if (!dst.shape.SequenceEqual(value.shape))
                    throw new InvalidDataException($"GPT-2 checkpoint '{path}': tensor for '{ours}' has shape [{string.Join(",", value.shape)}] but the model needs [{string.Join(",", dst.shape)}]. Match ModelDimension/NumberOfHeads to the checkpoint.");
                dst.copy_(value);
                set++;
            }

            Tensor Get(string name) =>
                tensors.TryGetValue(name, out var t) ? t
                : tensors.TryGetValue("transformer." + name, out t) ? t
                : throw new InvalidDataException($"GPT-2 checkpoint '{path}' has no tensor '{name}'.");

            for (int i = 0; i < cfg.NumberOfLayers; i++)
            {
                string g = $"h.{i}.", o = $"h.{i}.";
                Copy(o + "ln_1.weight", Get(g + "ln_1.weight"));
                Copy(o + "ln_1.bias", Get(g + "ln_1.bias"));
                Copy(o + "ln_2.weight", Get(g + "ln_2.weight"));
                Copy(o + "ln_2.bias", Get(g + "ln_2.bias"));
                var cAttnW = Get(g + "attn.c_attn.weight");                 // [d, 3d]
                var cAttnB = Get(g + "attn.c_attn.bias");                   // [3d]
                var ws = cAttnW.chunk(3, 1);
                var bs = cAttnB.chunk(3, 0);
                string[] names = { "q_proj", "k_proj", "v_proj" };
                for (int k = 0; k < 3; k++)
                {
                    Copy($"{o}attn.{names[k]}.weight", ws[k].t());
                    Copy($"{o}attn.{names[k]}.bias", bs[k]);
                }
                Copy(o + "attn.out_proj.weight", Get(g + "attn.c_proj.weight").t());
                Copy(o + "attn.out_proj.bias", Get(g + "attn.c_proj.bias"));
                Copy(o + "fc.weight", Get(g + "mlp.c_fc.weight").t());
                Copy(o + "fc.bias", Get(g + "mlp.c_fc.bias"));
                Copy(o + "proj.weight", Get(g + "mlp.c_proj.weight").t());
                Copy(o + "proj.bias", Get(g + "mlp.c_proj.bias"));
            }
            Copy("ln_f.weight", Get("ln_f.weight"));
            Copy("ln_f.bias", Get("ln_f.bias"));

            var wpe = Get("wpe.weight");                                     // [1024, d]
            int rows = (int)Math.Min(wpe.shape[0], cfg.SequenceLength);
            if (target.TryGetValue("wpe", out var ourWpe) && wpe.shape[1] == ourWpe.shape[1])
            {
                ourWpe.narrow(0, 0, rows).copy_(wpe.narrow(0, 0, rows));
                set++;
            }
            if (cfg.UsesText && target.TryGetValue("wte.weight", out var ourWte))
            {
                var wte = Get("wte.weight");                                 // [50257, d]
                if (wte.shape[1] != ourWte.shape[1])
                    throw new InvalidDataException($"GPT-2 checkpoint '{path}': token embedding width {wte.shape[1]} differs from ModelDimension {ourWte.shape[1]}.");
                if (vocabulary is null || vocabulary.RowCount != ourWte.shape[0])
                    throw new ArgumentException($"A text model needs the vocabulary its {ourWte.shape[0]} embedding rows stand for.", nameof(vocabulary));
                var known = Enumerable.Range(0, vocabulary.Ids.Count).Where(i => vocabulary.Ids[i] < wte.shape[0]).ToArray();
                if (known.Length > 0)
                {
                    using var sourceRows = torch.tensor(known.Select(i => vocabulary.Ids[i]).ToArray());
                    using var targetRows = torch.tensor(known.Select(i => (long)i + 1).ToArray());
                    using var gathered = wte.index_select(0, sourceRows);
                    ourWte.index_copy_(0, targetRows, gathered);
                }
                set++;
            }
            return set;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Reads every F32 tensor of a safetensors file.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        if (stream.Length < 8)
            throw new InvalidDataException($"'{path}' is not a safetensors file (too short).");
        ulong headerLength = reader.ReadUInt64();
        if (headerLength == 0 || headerLength > (ulong)(stream.Length - 8) || headerLength > 100_000_000)
            throw new InvalidDataException($"'{path}' is not a safetensors file (bad header length {headerLength}).");
        using var header = JsonDocument.Parse(reader.ReadBytes((int)headerLength));
        long dataStart = 8 + (long)headerLength;
        var result = new Dictionary<string, Tensor>();
        try
        {
            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                    continue;
                string dtype = entry.Value.GetProperty("dtype").GetString() ?? string.Empty;
                if (dtype != "F32")
                    throw new InvalidDataException($"'{path}': tensor '{entry.Name}' is {dtype}; only F32 checkpoints are supported.");
                long[] shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                long count = shape.Aggregate(1L, (a, b) => a * b);
                if (offsets.Length != 2 || offsets[1] - offsets[0] != count * 4 || dataStart + offsets[1] > stream.Length)
                    throw new InvalidDataException($"'{path}': tensor '{entry.Name}' has inconsistent offsets.");
                stream.Position = dataStart + offsets[0];
                var values = new float[count];
                stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
                result[entry.Name] = torch.tensor(values, shape);
            }
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
        return result;
    }
}
