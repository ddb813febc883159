using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Helpers;

/// <summary>Formats Score, Probability and Forecast exactly as the fresh-process scorer does (hex float bits per row).</summary>
internal static class ScoreBits
{
    public static string[] Of(IDataView scored)
    {
        var lines = new List<string>();
        var score = scored.Schema["Score"];
        var probability = scored.Schema["Probability"];
        var forecast = scored.Schema.GetColumnOrNull("Forecast");
        var columns = new List<DataViewSchema.Column> { score, probability };
        if (forecast is { } f) columns.Add(f);
        using var cursor = scored.GetRowCursor(columns);
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
            lines.Add(string.Join(' ', parts));
        }
        return lines.ToArray();
    }

    private static string Bits(float v) => BitConverter.SingleToInt32Bits(v).ToString("x8", CultureInfo.InvariantCulture);
}
