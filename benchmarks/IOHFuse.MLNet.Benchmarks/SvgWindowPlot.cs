using System.Globalization;
using System.Text;

namespace IOHFuse.MLNet.Benchmarks;

/// <summary>
/// A dependency-free SVG of real versus synthetic windows for docs/augmentation.md: left, the per-sample median and
/// 10–90 % band of each set; right, a few real windows with one synthetic copy each. Lines at 65 mmHg and at t.
/// </summary>
internal static class SvgWindowPlot
{
    private const int PanelWidth = 480, PanelHeight = 300, Margin = 40;
    private const float Low = 40, High = 110;

    public static void Write(string path, IReadOnlyList<float[]> real, IReadOnlyList<float[]> synthetic,
        IReadOnlyList<(float[] Real, float[] Synthetic)> examples, int historyLength)
    {
        var svg = new StringBuilder();
        int width = 2 * PanelWidth + 3 * Margin, height = PanelHeight + 2 * Margin;
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        Panel(svg, Margin, "Median and 10–90 % band (blue real, orange synthetic)", historyLength, real[0].Length, p =>
        {
            Band(p, real, "#1f77b4");
            Band(p, synthetic, "#ff7f0e");
        });
        Panel(svg, 2 * Margin + PanelWidth, "Real windows (blue) and one synthetic copy each (orange)", historyLength, real[0].Length, p =>
        {
            foreach (var (r, s) in examples)
            {
                p.Line(r, "#1f77b4", 1);
                p.Line(s, "#ff7f0e", 1);
            }
        });
        svg.AppendLine("</svg>");
        File.WriteAllText(path, svg.ToString());
    }

    private static void Band(PanelWriter p, IReadOnlyList<float[]> windows, string color)
    {
        int n = windows[0].Length;
        var lo = new float[n];
        var mid = new float[n];
        var hi = new float[n];
        for (int i = 0; i < n; i++)
        {
            var column = windows.Select(w => w[i]).Order().ToArray();
            lo[i] = column[(int)(0.1 * (column.Length - 1))];
            mid[i] = column[column.Length / 2];
            hi[i] = column[(int)(0.9 * (column.Length - 1))];
        }
        p.Area(lo, hi, color);
        p.Line(mid, color, 2);
    }

    private static void Panel(StringBuilder svg, int left, string title, int historyLength, int length, Action<PanelWriter> draw)
    {
        var p = new PanelWriter(svg, left, Margin, length);
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{Margin - 12}\">{title}</text>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{Margin}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#888\"/>");
        for (float mmHg = Low; mmHg <= High; mmHg += 10)
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left - 30}\" y=\"{p.Y(mmHg) + 4:F1}\">{mmHg:F0}</text>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + PanelWidth}\" y1=\"{p.Y(65):F1}\" y2=\"{p.Y(65):F1}\" stroke=\"red\" stroke-dasharray=\"4 3\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{p.X(historyLength - 1):F1}\" x2=\"{p.X(historyLength - 1):F1}\" y1=\"{Margin}\" y2=\"{Margin + PanelHeight}\" stroke=\"#444\" stroke-dasharray=\"2 2\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{p.X(historyLength - 1) + 4:F1}\" y=\"{Margin + PanelHeight - 6}\">t (−15 min | +15 min)</text>");
        draw(p);
    }

    private sealed class PanelWriter(StringBuilder svg, int left, int top, int length)
    {
        public double X(int i) => left + (double)i / (length - 1) * PanelWidth;

        public double Y(float mmHg) => top + (High - Math.Clamp(mmHg, Low, High)) / (High - Low) * PanelHeight;

        public void Line(float[] values, string color, double width) =>
            svg.AppendLine(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"{width}\" points=\"{Points(values)}\"/>");

        public void Area(float[] lo, float[] hi, string color) =>
            svg.AppendLine(CultureInfo.InvariantCulture, $"<polygon fill=\"{color}\" fill-opacity=\"0.2\" stroke=\"none\" points=\"{Points(hi)} {Points(lo, reverse: true)}\"/>");

        private string Points(float[] values, bool reverse = false)
        {
            var indices = Enumerable.Range(0, values.Length).Where(i => i % 3 == 0 || i == values.Length - 1);
            if (reverse)
                indices = indices.Reverse();
            return string.Join(' ', indices.Select(i => string.Create(CultureInfo.InvariantCulture, $"{X(i):F1},{Y(values[i]):F1}")));
        }
    }
}
