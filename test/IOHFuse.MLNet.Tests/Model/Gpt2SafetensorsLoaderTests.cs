using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Tests.Training;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Tests.Model;

/// <summary>
/// The GPT-2 safetensors loader on TestData/Gpt2Tiny/tiny-gpt2.safetensors, a checkpoint written by an independent
/// writer (a Python script from the format's public description; provenance in the README beside it), whose values
/// follow a stated rule, so every expectation here comes from that rule and not from code that also wrote the file.
/// </summary>
[TestClass]
public sealed class Gpt2SafetensorsLoaderTests
{
    private static readonly string Checkpoint = Path.Combine(AppContext.BaseDirectory, "TestData", "Gpt2Tiny", "tiny-gpt2.safetensors");

    private static readonly string[] BlockTensors =
    [
        "ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias",
        "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias",
    ];

    /// <summary>The README's rule: element k (row-major) is base + k / 1024.</summary>
    private static Tensor Expected(string name, params long[] shape)
    {
        double b = name switch
        {
            "wte.weight" => 1,
            "wpe.weight" => 2,
            "ln_f.weight" => 3,
            "ln_f.bias" => 4,
            _ => 100 * (int.Parse(name.Split('.')[1]) + 1) + Array.IndexOf(BlockTensors, name[(name.IndexOf('.', 2) + 1)..]),
        };
        long n = shape.Aggregate(1L, (x, y) => x * y);
        return torch.tensor(Enumerable.Range(0, (int)n).Select(k => (float)(b + k / 1024.0)).ToArray(), shape);
    }

    [TestMethod]
    public void TestReadsEveryTensorOfTheIndependentFile()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = Gpt2SafetensorsLoader.Read(Checkpoint);
        try
        {
            Assert.HasCount(4 + 2 * BlockTensors.Length, tensors, "every tensor and no __metadata__ entry");
            Assert.IsTrue(Same(tensors["wte.weight"], Expected("wte.weight", 80, 8)));
            Assert.IsTrue(Same(tensors["h.1.attn.c_attn.weight"], Expected("h.1.attn.c_attn.weight", 8, 24)));
            Assert.IsTrue(Same(tensors["h.0.mlp.c_proj.bias"], Expected("h.0.mlp.c_proj.bias", 8)));
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    [TestMethod]
    public void TestMapsGpt2LayoutsOntoTheNetwork()
    {
        using var scope = torch.NewDisposeScope();
        // A compact vocabulary: ids 3, 70 and 79 are rows of the checkpoint, 500 is beyond it (like a domain word).
        var vocabulary = new TokenVocabulary([3, 70, 79, 500]);
        var config = new FusedModelConfig(ToyWindows.HistoryLength, 10, ToyWindows.FutureLength, ToyWindows.TextLength, vocabulary.RowCount, 8, 2, 2, 4, 0);
        using var generator = new torch.Generator(5);
        using var network = new FusedNetwork(config, generator);
        using var domainRowBefore = network.state_dict()["wte.weight"][4].clone();
        int set = Gpt2SafetensorsLoader.Load(network, Checkpoint, vocabulary);
        Assert.AreEqual(2 * 16 + 2 + 2, set, "per block 4 LayerNorm + 3×2 q/k/v + 2 out + 4 MLP tensors; ln_f ×2; positions; token rows");
        var sd = network.state_dict();
        // Conv1D [in, out] → Linear [out, in]; c_attn splits into q/k/v along its output axis.
        using var cAttn = Expected("h.1.attn.c_attn.weight", 8, 24);
        Assert.IsTrue(Same(sd["h.1.attn.q_proj.weight"], cAttn.narrow(1, 0, 8).t()));
        Assert.IsTrue(Same(sd["h.1.attn.k_proj.weight"], cAttn.narrow(1, 8, 8).t()));
        Assert.IsTrue(Same(sd["h.1.attn.v_proj.weight"], cAttn.narrow(1, 16, 8).t()));
        using var cAttnBias = Expected("h.0.attn.c_attn.bias", 24);
        Assert.IsTrue(Same(sd["h.0.attn.v_proj.bias"], cAttnBias.narrow(0, 16, 8)));
        Assert.IsTrue(Same(sd["h.0.attn.out_proj.weight"], Expected("h.0.attn.c_proj.weight", 8, 8).t()));
        Assert.IsTrue(Same(sd["h.0.fc.weight"], Expected("h.0.mlp.c_fc.weight", 8, 32).t()));
        Assert.IsTrue(Same(sd["h.1.proj.weight"], Expected("h.1.mlp.c_proj.weight", 32, 8).t()));
        Assert.IsTrue(Same(sd["h.1.ln_2.bias"], Expected("h.1.ln_2.bias", 8)));
        Assert.IsTrue(Same(sd["ln_f.weight"], Expected("ln_f.weight", 8)));
        using var wte = Expected("wte.weight", 80, 8);
        Assert.IsTrue(Same(sd["wte.weight"][1], wte[3]));
        Assert.IsTrue(Same(sd["wte.weight"][2], wte[70]));
        Assert.IsTrue(Same(sd["wte.weight"][3], wte[79]));
        Assert.IsTrue(Same(sd["wte.weight"][4], domainRowBefore), "an id beyond GPT-2's rows keeps its initialisation");
        Assert.AreEqual(0f, sd["wte.weight"][TokenVocabulary.UnknownRow].abs().sum().item<float>(), "the unknown row stays zero");
        Assert.IsTrue(Same(sd["wpe"], Expected("wpe.weight", 64, 8).narrow(0, 0, config.SequenceLength)));
    }

    [TestMethod]
    public void TestTrainerOptionLoadsTheCheckpointAndRefusesAnotherWidth()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(64, seed: 20));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.ModelDimension = 8;
        options.NumberOfHeads = 2;
        options.Gpt2WeightsPath = Checkpoint;
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        using (var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data))
            Assert.HasCount(1, model.TrainingSummary.FineTuneLosses);
        options.ModelDimension = 16;
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data));
        StringAssert.Contains(ex.Message, "ModelDimension");
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
