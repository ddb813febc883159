using IOHFuse.MLNet.Model;
using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Tests.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Model;

[TestClass]
public sealed class TokenVocabularyTests
{
    [TestMethod]
    public void TestRowsFollowSortedDistinctIdsAfterTheUnknownRow()
    {
        var vocabulary = TokenVocabulary.FromIds(new long[] { 50256, 7, 7, 300, 7 });
        CollectionAssert.AreEqual(new long[] { 7, 300, 50256 }, vocabulary.Ids.ToArray());
        Assert.AreEqual(4, vocabulary.RowCount);
        Assert.AreEqual(1, vocabulary.RowOf(7));
        Assert.AreEqual(3, vocabulary.RowOf(50256));
        Assert.AreEqual(TokenVocabulary.UnknownRow, vocabulary.RowOf(8));
        Assert.AreEqual(TokenVocabulary.UnknownRow, vocabulary.RowOf(long.MaxValue));
        var ids = new long[] { 300, 9, 7 };
        vocabulary.ToRows(ids, ids);
        CollectionAssert.AreEqual(new long[] { 2, 0, 1 }, ids);
    }

    [TestMethod]
    public void TestUnsortedOrNegativeIdsAreRefused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new TokenVocabulary(new long[] { 5, 3 }));
        Assert.ThrowsExactly<ArgumentException>(() => new TokenVocabulary(new long[] { 3, 3 }));
        Assert.ThrowsExactly<ArgumentException>(() => new TokenVocabulary(new long[] { -1, 3 }));
    }

    [TestMethod]
    public void TestFitSizesTheEmbeddingToTheIdsOfItsRowsAndTheSavedModelKeepsIt()
    {
        // Toy rows use ids 100–149 plus 1000 and 2000: 52 known rows and the unknown row, not GPT-2's 50,257.
        var ml = new MLContext(seed: 1);
        var rows = ToyWindows.Make(96, seed: 21);
        int distinct = rows.SelectMany(r => r.TokenIds).Distinct().Count();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = IohFuseLMTrainerTests.TinyOptions(3);
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data);
        Assert.AreEqual(distinct + 1, model.Scorer.Config.VocabularySize);
        CollectionAssert.AreEqual(rows.SelectMany(r => r.TokenIds).Distinct().Order().ToArray(), model.Scorer.Metadata.Vocabulary);

        using var loaded = FusedScorer.FromStateText(model.Scorer.ToStateText(), TorchSharp.torch.CPU);
        CollectionAssert.AreEqual(model.Scorer.Metadata.Vocabulary, loaded.Metadata.Vocabulary);
        Assert.AreEqual(distinct + 1, loaded.Config.VocabularySize);
    }
}
