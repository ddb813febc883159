using IOHFuse.MLNet.Persistence;
using IOHFuse.MLNet.Tests.Reliability;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Persistence;

[TestClass]
public sealed class ScorerCacheTests
{
    [TestMethod]
    public void TestEqualStatesInOtherStringsShareOneDecodedNetwork()
    {
        using var tiny = TinyModel.Train(seed: 41);
        string state = tiny.Model.Scorer.ToStateText();
        var cache = new ScorerCache();
        var first = cache.Get(state.AsMemory());
        var copy = new string(state.AsSpan());
        Assert.AreNotSame(state, copy);
        Assert.AreSame(first, cache.Get(copy.AsMemory()), "the same bytes in another string must not be decoded again");

        using var other = TinyModel.Train(seed: 42);
        Assert.AreNotSame(first, cache.Get(other.Model.Scorer.ToStateText().AsMemory()), "different models must not share a network");
    }

    [TestMethod]
    public void TestLoadModelDecodesOnceForItsCheckAndTheFirstPrediction()
    {
        using var tiny = TinyModel.Train(seed: 43);
        string state = tiny.Model.Scorer.ToStateText();   // the bytes saved in model.zip
        Assert.IsFalse(ScorerCache.Shared.Contains(state), "nothing has loaded this model yet");
        var loaded = new MLContext(seed: 1).IOHFuse().LoadModel(tiny.Path, out _);
        Assert.IsTrue(ScorerCache.Shared.Contains(state), "LoadModel's check leaves its decoded network for the first prediction");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.IsTrue(ScorerCache.Shared.Contains(state), "the loaded model keeps it alive");
        GC.KeepAlive(loaded);
    }

    [TestMethod]
    public void TestTheKeyCoversTheWholeStateNotJustItsChecksumTrailer()
    {
        // A payload altered behind an intact trailer must not find the intact model's network.
        Assert.AreNotEqual(ScorerCache.Key("IOHFuse|IohFuseLM|v2|QUJD|sha256:0123"), ScorerCache.Key("IOHFuse|IohFuseLM|v2|QUJE|sha256:0123"));
        Assert.AreEqual(ScorerCache.Key("IOHFuse|IohFuseLM|v2|QUJD|sha256:0123"), ScorerCache.Key(new string("IOHFuse|IohFuseLM|v2|QUJD|sha256:0123".AsSpan())));
    }
}
