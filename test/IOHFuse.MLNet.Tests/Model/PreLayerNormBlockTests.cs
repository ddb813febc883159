using IOHFuse.MLNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Tests.Model;

/// <summary>
/// A block asked for the positions from k on (what the network's last block computes) gives the same outputs and the
/// same gradients as the full block cut at k, for a causal mask combined with key padding, several rows, and a row whose
/// early keys are all padding. This checks the trim against the untrimmed block itself, not against another trimmed path.
/// </summary>
[TestClass]
public sealed class PreLayerNormBlockTests
{
    private const int Rows = 3, Sequence = 10, Dimension = 16, QueryStart = 4;

    [TestMethod]
    public void TestTrimmedBlockEqualsFullBlockCutAtQueryStart()
    {
        using var scope = NewDisposeScope();
        using var generator = new torch.Generator(5);
        using var block = new PreLayerNormBlock("b", Dimension, 4, 4, 0.0, generator);
        block.train();
        var x = torch.randn(Rows, Sequence, Dimension, generator: generator);
        var allowed = Mask();
        var weights = torch.randn(Rows, Sequence - QueryStart, Dimension, generator: generator);

        var (full, fullGradients) = OutputAndGradients(block, x, input => block.call(input, allowed).narrow(1, QueryStart, Sequence - QueryStart), weights);
        var (part, partGradients) = OutputAndGradients(block, x, input => block.Forward(input, allowed, QueryStart), weights);

        CollectionAssert.AreEqual(new long[] { Rows, Sequence - QueryStart, Dimension }, part.shape);
        Assert.IsTrue(full.allclose(part, rtol: 1e-5, atol: 1e-6), $"largest output difference {(full - part).abs().max().item<float>()}");
        AssertSameGradients(fullGradients, partGradients);
        // The rows before QueryStart are not free to differ: they feed the kept rows as keys and values, so the input's
        // gradient there must be non-zero in both (the test would pass trivially if the trim cut them off entirely).
        Assert.IsGreaterThan(0f, partGradients[0].narrow(1, 0, QueryStart).abs().sum().item<float>());
    }

    /// <summary>The block run on the real positions only (<see cref="PackedRows"/>, what the blocks before the last do
    /// when sentences in a batch differ in length) gives the full block's outputs at those positions, and the same
    /// gradients for the input and every parameter when only those outputs are used.</summary>
    [TestMethod]
    public void TestPackedBlockEqualsFullBlockAtRealPositions()
    {
        using var scope = NewDisposeScope();
        using var generator = new torch.Generator(9);
        using var block = new PreLayerNormBlock("b", Dimension, 4, 4, 0.0, generator);
        block.train();
        var x = torch.randn(Rows, Sequence, Dimension, generator: generator);
        var keyValid = KeyValid();
        var allowed = Mask();
        var kept = new PackedRows(keyValid);
        // Outputs at padded positions are never read: weight them 0 in the full block's loss.
        var weights = torch.randn(Rows, Sequence, Dimension, generator: generator) * keyValid.unsqueeze(-1).to_type(ScalarType.Float32);

        var (full, fullGradients) = OutputAndGradients(block, x, input => block.call(input, allowed), weights);
        var (packed, packedGradients) = OutputAndGradients(block, x, input => block.ForwardPacked(kept.Pack(input), kept, allowed), kept.Pack(weights));

        Assert.AreEqual(Rows * Sequence - 3 - 4, kept.Count);
        var expected = kept.Pack(full);
        Assert.IsTrue(expected.allclose(packed, rtol: 1e-5, atol: 1e-6), $"largest output difference {(expected - packed).abs().max().item<float>()}");
        AssertSameGradients(fullGradients, packedGradients);
        // Unpack puts the rows back where they were and zeros elsewhere.
        var roundTrip = kept.Unpack(kept.Pack(x));
        Assert.IsTrue(roundTrip.allclose(x * keyValid.unsqueeze(-1).to_type(ScalarType.Float32), rtol: 0, atol: 0), "round trip");
    }

    /// <summary>The outputs of <paramref name="run"/> on a fresh copy of <paramref name="x"/>, and the gradients of
    /// Σ weights·outputs with respect to that input and every parameter of the block.</summary>
    private static (Tensor Output, List<Tensor> Gradients) OutputAndGradients(PreLayerNormBlock block, Tensor x, Func<Tensor, Tensor> run, Tensor weights)
    {
        var input = x.detach().clone().requires_grad_(true);
        foreach (var p in block.parameters())
            p.grad = null;
        var output = run(input);
        output.mul(weights).sum().backward();
        var gradients = new List<Tensor> { input.grad!.clone() };
        gradients.AddRange(block.parameters().Select(p => p.grad!.clone()));
        return (output.detach(), gradients);
    }

    /// <summary>The input's and every parameter's gradient agree (same order as <see cref="OutputAndGradients"/>).</summary>
    private static void AssertSameGradients(List<Tensor> expected, List<Tensor> actual)
    {
        Assert.HasCount(expected.Count, actual);
        for (int i = 0; i < expected.Count; i++)
            Assert.IsTrue(expected[i].allclose(actual[i], rtol: 1e-4, atol: 1e-6),
                $"gradient {i}: largest difference {(expected[i] - actual[i]).abs().max().item<float>()}");
    }

    /// <summary>Row 0 has no padding, row 1 pads positions 1–3, row 2 pads positions 0–3. [B, S] Boolean.</summary>
    private static Tensor KeyValid()
    {
        var keyValid = torch.ones(Rows, Sequence, dtype: ScalarType.Bool);
        keyValid[1, TensorIndex.Slice(1, 4)] = torch.tensor(false);
        keyValid[2, TensorIndex.Slice(0, 4)] = torch.tensor(false);
        return keyValid;
    }

    /// <summary>Causal and key padding, as FusedNetwork builds it: row 0 has no padding, row 1 pads keys 1–3, row 2 pads
    /// keys 0–3 (every early key), the diagonal always allowed. [B, 1, S, S].</summary>
    private static Tensor Mask()
    {
        var keyValid = KeyValid();
        var causal = torch.ones(Sequence, Sequence, dtype: ScalarType.Bool).tril();
        var eye = torch.eye(Sequence, dtype: ScalarType.Bool);
        return ((causal & keyValid.unsqueeze(1)) | eye).unsqueeze(1);
    }
}
