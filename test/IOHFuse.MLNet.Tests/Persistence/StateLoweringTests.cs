using System.Runtime.InteropServices;
using IOHFuse.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace IOHFuse.MLNet.Tests.Persistence;

[TestClass]
public sealed class StateLoweringTests
{
    internal sealed class Row
    {
        [VectorType(3)]
        public float[] X { get; set; } = new float[3];
    }

    internal sealed class ScaleInput
    {
        [VectorType(3)]
        public float[] X { get; set; } = Array.Empty<float>();

        [ColumnName("__Scale_State")]
        public ReadOnlyMemory<char> State { get; set; }
    }

    internal sealed class ScaleOutput
    {
        [VectorType(3)]
        public float[] Y { get; set; } = new float[3];
    }

    /// <summary>A toy component stored as state text: multiplies X by a factor; counts decodes per loaded model.</summary>
    [CustomMappingFactoryAttribute("IOHFuse.Tests.Scale.v1")]
    internal sealed class ScaleFactory : CustomMappingFactory<ScaleInput, ScaleOutput>
    {
        public int Decodes;
        private string? _cachedKey;
        private float _factor;

        public override Action<ScaleInput, ScaleOutput> GetMapping() => (input, output) =>
        {
            Assert.IsTrue(MemoryMarshal.TryGetString(input.State, out string? text, out _, out _));
            if (!ReferenceEquals(text, _cachedKey))
            {
                _factor = float.Parse(StateEnvelope.DecodeText(input.State.Span, "Scale", 1), System.Globalization.CultureInfo.InvariantCulture);
                _cachedKey = text;
                Decodes++;
            }
            output.Y = input.X.Select(v => v * _factor).ToArray();
        };
    }

    [TestMethod]
    public void TestStateSurvivesSaveAndLoadAndIsDecodedOnce()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 50).Select(i => new Row { X = new[] { i, i + 0.5f, -i } }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        string state = StateEnvelope.EncodeText("Scale", 1, "2.5") + new string(' ', 0);
        var factory = new ScaleFactory();
        var pipeline = StateLowering.AttachState(ml, "__Scale_State", state)
            .Append(ml.Transforms.CustomMapping(factory.GetMapping(), "IOHFuse.Tests.Scale.v1"))
            .Append(ml.Transforms.DropColumns(StateLowering.KeyColumn, "__Scale_State"));
        var model = pipeline.Fit(data);
        var before = ml.Data.CreateEnumerable<ScaleOutput>(model.Transform(data), reuseRowObject: false).Select(o => o.Y).ToList();
        Assert.AreEqual(1, factory.Decodes, "state must be decoded once, not per row");

        string path = Path.Combine(Path.GetTempPath(), $"iohfuse-lowering-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = new MLContext(seed: 2);
            var loaded = fresh.Model.Load(path, out var schema);
            var after = fresh.Data.CreateEnumerable<ScaleOutput>(loaded.Transform(fresh.Data.LoadFromEnumerable(rows)), reuseRowObject: false).Select(o => o.Y).ToList();
            Assert.HasCount(rows.Count, after);
            for (int i = 0; i < rows.Count; i++)
                CollectionAssert.AreEqual(before[i], after[i]);
            Assert.IsFalse(loaded.GetOutputSchema(schema).GetColumnOrNull("__Scale_State").HasValue, "helper columns are dropped");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TestEnvelopeRejectsOtherVersionsAndCorruption()
    {
        string v2 = StateEnvelope.EncodeText("Scale", 2, "1");
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => StateEnvelope.DecodeText(v2, "Scale", 1));
        StringAssert.Contains(ex.Message, "v2");
        Assert.ThrowsExactly<InvalidDataException>(() => StateEnvelope.DecodeText("garbage", "Scale", 1));
        Assert.ThrowsExactly<InvalidDataException>(() => StateEnvelope.DecodeText(StateEnvelope.EncodeText("Other", 1, "1"), "Scale", 1));
        string good = StateEnvelope.EncodeText("Scale", 1, "hello world hello world");
        string damaged = good[..^6] + "!!!!!!";
        Assert.ThrowsExactly<InvalidDataException>(() => StateEnvelope.DecodeText(damaged, "Scale", 1));
    }
}
