using IOHFuse.MLNet.Tests.Helpers;
using IOHFuse.MLNet.Training;
using Microsoft.ML;

namespace IOHFuse.MLNet.Tests.Training;

[TestClass]
public sealed class IohFuseLMTransformerTests
{
    [TestMethod]
    public void TestChangingTheReportedOptionsDoesNotChangeTheModel()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToyWindows.Make(64, seed: 21));
        var options = IohFuseLMTrainerTests.TinyOptions();
        options.PretrainEpochs = 0;
        options.FineTuneEpochs = 1;
        using var model = ml.IOHFuse().Trainers.IohFuseLM(options).Fit(data);
        model.Options.HistoryColumnName = "Elsewhere";
        options.HistoryColumnName = "Elsewhere";
        Assert.AreEqual("History", model.Options.HistoryColumnName);
        // Still reads "History": the schema check and scoring use the options it was trained with.
        var schema = model.GetOutputSchema(data.Schema);
        Assert.IsNotNull(schema.GetColumnOrNull("Score"));
    }
}
