using System.Globalization;
using System.Net;

namespace PlaceKit.Export;

/// <summary>Small inline-SVG charts for the report: a stacked histogram, a bar chart by rank and horizontal share bars.</summary>
/// <remarks>
/// Every chart is one <c>&lt;svg&gt;</c> element with a fixed viewBox that scales to its container's width. Axis
/// steps are "nice" numbers (1, 2 or 5 times a power of ten). All text is HTML-encoded. Output depends only on the
/// arguments, so the same plan gives the same bytes.
/// </remarks>
internal static class SvgCharts
{
    private const double Width = 440;
    private const double Left = 46;
    private const double Right = 20;
    private const double Top = 14;
    private const double Bottom = 34;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The smallest 1, 2 or 5 times a power of ten that splits <paramref name="max"/> into at most <paramref name="steps"/> steps.</summary>
    internal static double NiceStep(double max, int steps)
    {
        if (!(max > 0)) return 1;
        double raw = max / steps;
        double pow = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            if (m * pow >= raw) return m * pow;
        }

        return 10 * pow;
    }

    internal static string N(double v) => Math.Round(v, 1).ToString("0.#", Inv);

    internal static string Count(double v) => v.ToString("N0", Inv);

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A stacked histogram of cluster sizes: places below, trimmed clusters above, with a marker at the minimum place size.</summary>
    /// <param name="w">Where to write.</param>
    /// <param name="placeSizes">Homes per place.</param>
    /// <param name="trimmedSizes">Homes per trimmed cluster.</param>
    /// <param name="minHomes">The minimum place size, drawn as a dashed line.</param>
    /// <param name="placeColour">The colour of the place bars.</param>
    internal static void SizeHistogram(TextWriter w, IReadOnlyList<int> placeSizes, IReadOnlyList<int> trimmedSizes, int minHomes, string placeColour)
    {
        const double height = 250;
        int max = Math.Max(minHomes, 1);
        foreach (int s in placeSizes) max = Math.Max(max, s);
        foreach (int s in trimmedSizes) max = Math.Max(max, s);
        double bin = Math.Max(1, NiceStep(max + 1, 12));
        int bins = (int)Math.Ceiling((max + 1) / bin);
        var placed = new int[bins];
        var trimmed = new int[bins];
        foreach (int s in placeSizes) placed[Math.Min(bins - 1, (int)(s / bin))]++;
        foreach (int s in trimmedSizes) trimmed[Math.Min(bins - 1, (int)(s / bin))]++;
        int top = 1;
        for (int b = 0; b < bins; b++) top = Math.Max(top, placed[b] + trimmed[b]);
        double yStep = Math.Max(1, NiceStep(top, 5));
        double yMax = Math.Ceiling(top / yStep) * yStep;
        double plotW = Width - Left - Right, plotH = height - Top - Bottom;
        double bw = plotW / bins;
        Open(w, height, "Histogram of homes per cluster: places and trimmed clusters");
        YAxis(w, yMax, yStep, plotH, v => Count(v));
        for (int b = 0; b < bins; b++)
        {
            double x = Left + (b * bw) + 0.5;
            string range = string.Create(Inv, $"{b * bin:N0}-{((b + 1) * bin) - 1:N0} homes");
            double hp = placed[b] / yMax * plotH, ht = trimmed[b] / yMax * plotH;
            if (placed[b] > 0)
            {
                w.Write($"<rect x=\"{N(x)}\" y=\"{N(Top + plotH - hp)}\" width=\"{N(bw - 1)}\" height=\"{N(hp)}\" fill=\"{placeColour}\"><title>{range}: {placed[b]} places</title></rect>");
            }

            if (trimmed[b] > 0)
            {
                w.Write($"<rect x=\"{N(x)}\" y=\"{N(Top + plotH - hp - ht)}\" width=\"{N(bw - 1)}\" height=\"{N(ht)}\" fill=\"#c9c9c9\"><title>{range}: {trimmed[b]} trimmed clusters</title></rect>");
            }
        }

        int labelEvery = bins > 8 ? 2 : 1;
        for (int b = 0; b <= bins; b += labelEvery)
        {
            w.Write($"<text x=\"{N(Left + (b * bw))}\" y=\"{N(height - Bottom + 14)}\" text-anchor=\"middle\">{Count(b * bin)}</text>");
        }

        double mx = Left + (minHomes / (bins * bin) * plotW);
        w.Write($"<line x1=\"{N(mx)}\" y1=\"{N(Top)}\" x2=\"{N(mx)}\" y2=\"{N(Top + plotH)}\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>");
        w.Write($"<text x=\"{N(mx + 4)}\" y=\"{N(Top + 10)}\" class=\"note\">min {Count(minHomes)}</text>");
        w.Write($"<text x=\"{N(Left + (plotW / 2))}\" y=\"{N(height - 4)}\" text-anchor=\"middle\" class=\"axis\">homes per cluster</text>");
        w.Write("</svg>");
    }

    /// <summary>One bar per item in order (e.g. places by rank), each in its own colour.</summary>
    /// <param name="w">Where to write.</param>
    /// <param name="values">The bar heights.</param>
    /// <param name="labels">Each bar's tooltip.</param>
    /// <param name="colours">Each bar's colour.</param>
    /// <param name="axisLabel">The y axis label.</param>
    /// <param name="xLabel">The x axis label.</param>
    internal static void RankBars(TextWriter w, IReadOnlyList<double> values, IReadOnlyList<string> labels, IReadOnlyList<string> colours, string axisLabel, string xLabel)
    {
        const double height = 250;
        double top = 1;
        foreach (double v in values) top = Math.Max(top, v);
        double yStep = NiceStep(top, 5);
        double yMax = Math.Ceiling(top / yStep) * yStep;
        double plotW = Width - Left - Right, plotH = height - Top - Bottom;
        int n = Math.Max(1, values.Count);
        double bw = plotW / n;
        Open(w, height, E(axisLabel) + " by rank");
        YAxis(w, yMax, yStep, plotH, v => Count(v));
        for (int i = 0; i < values.Count; i++)
        {
            double h = values[i] / yMax * plotH;
            w.Write($"<rect x=\"{N(Left + (i * bw) + (bw > 3 ? 0.5 : 0))}\" y=\"{N(Top + plotH - h)}\" width=\"{N(Math.Max(0.4, bw - (bw > 3 ? 1 : 0)))}\" height=\"{N(h)}\" fill=\"{colours[i]}\"><title>{E(labels[i])}</title></rect>");
        }

        int every = Math.Max(1, (int)NiceStep(n, 10));
        for (int r = 1; r <= values.Count; r++)
        {
            if (r == 1 || r % every == 0) w.Write($"<text x=\"{N(Left + ((r - 0.5) * bw))}\" y=\"{N(height - Bottom + 14)}\" text-anchor=\"middle\">{r}</text>");
        }

        w.Write($"<text x=\"{N(Left + (plotW / 2))}\" y=\"{N(height - 4)}\" text-anchor=\"middle\" class=\"axis\">{E(xLabel)}</text>");
        w.Write($"<text x=\"{N(Left + 4)}\" y=\"{N(Top + 10)}\" class=\"note\">{E(axisLabel)}</text>");
        w.Write("</svg>");
    }

    /// <summary>Horizontal share bars, one row per item: the placed part coloured, the rest grey, labelled with the share and counts.</summary>
    /// <param name="w">Where to write.</param>
    /// <param name="rows">Each row's label, placed count and total.</param>
    /// <param name="colour">The colour of the placed part.</param>
    internal static void ShareBars(TextWriter w, IReadOnlyList<(string Label, int Part, int Total)> rows, string colour)
    {
        const double row = 17, labelW = 92, valueW = 118;
        double height = Top + (rows.Count * row) + 8;
        double barW = Width - labelW - valueW;
        Open(w, height, "Coverage per authority");
        for (int i = 0; i < rows.Count; i++)
        {
            var (label, part, total) = rows[i];
            double y = Top + (i * row);
            double share = total == 0 ? 0 : (double)part / total;
            string text = string.Create(Inv, $"{share * 100:0}% · {part:N0} / {total:N0}");
            w.Write($"<g><title>{E(label)}: {text} homes in places</title>");
            w.Write($"<text x=\"{N(labelW - 6)}\" y=\"{N(y + 12)}\" text-anchor=\"end\">{E(label)}</text>");
            w.Write($"<rect x=\"{N(labelW)}\" y=\"{N(y + 2)}\" width=\"{N(barW)}\" height=\"{N(row - 4)}\" fill=\"#e6e6e6\"/>");
            if (part > 0) w.Write($"<rect x=\"{N(labelW)}\" y=\"{N(y + 2)}\" width=\"{N(barW * share)}\" height=\"{N(row - 4)}\" fill=\"{colour}\"/>");
            w.Write($"<text x=\"{N(labelW + barW + 6)}\" y=\"{N(y + 12)}\">{text}</text></g>");
        }

        w.Write("</svg>");
    }

    private static void Open(TextWriter w, double height, string label) =>
        w.Write($"<svg class=\"chart\" viewBox=\"0 0 {N(Width)} {N(height)}\" role=\"img\" aria-label=\"{label}\">");

    private static void YAxis(TextWriter w, double yMax, double yStep, double plotH, Func<double, string> format)
    {
        for (double v = 0; v <= yMax + (yStep / 2); v += yStep)
        {
            double y = Top + plotH - (v / yMax * plotH);
            w.Write($"<line x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(Width - Right)}\" y2=\"{N(y)}\" stroke=\"{(v == 0 ? "#888" : "#eee")}\"/>");
            w.Write($"<text x=\"{N(Left - 5)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{format(v)}</text>");
        }
    }
}
