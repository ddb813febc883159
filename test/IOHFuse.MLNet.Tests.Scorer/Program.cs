using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

// Usage: scorer <model.zip> <input.idv> <output.txt>
// Loads the model in a fresh MLContext and process, scores the binary IDataView, and writes one line per row with the
// exact bits of every float output column ("Score", "Probability", "Forecast"), so the caller can compare bit for bit.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: scorer <model.zip> <input.idv> <output.txt>");
    return 2;
}

var ml = new MLContext(seed: 0);
var model = ml.Model.Load(args[0], out _);
var input = ml.Data.LoadFromBinary(args[1]);
var scored = model.Transform(input);
var score = scored.Schema["Score"];
var probability = scored.Schema["Probability"];
var forecast = scored.Schema.GetColumnOrNull("Forecast");
using var writer = new StreamWriter(args[2]);
using var cursor = scored.GetRowCursor(new[] { score, probability }.Concat(forecast is { } f ? new[] { f } : Array.Empty<DataViewSchema.Column>()));
var getScore = cursor.GetGetter<float>(score);
var getProbability = cursor.GetGetter<float>(probability);
var getForecast = forecast is { } fc ? cursor.GetGetter<VBuffer<float>>(fc) : null;
float s = 0, p = 0;
VBuffer<float> fb = default;
while (cursor.MoveNext())
{
    getScore(ref s);
    getProbability(ref p);
    var parts = new List<string> { Bits(s), Bits(p) };
    if (getForecast is not null)
    {
        getForecast(ref fb);
        parts.AddRange(fb.DenseValues().Select(Bits));
    }
    writer.WriteLine(string.Join(' ', parts));
}
return 0;

static string Bits(float v) => BitConverter.SingleToInt32Bits(v).ToString("x8", CultureInfo.InvariantCulture);
