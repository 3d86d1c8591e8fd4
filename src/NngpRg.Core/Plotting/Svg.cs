using System.Globalization;
using System.Text;

namespace NngpRg.Core.Plotting;

/// <summary>
/// Renders a <see cref="LinePlot"/> as a standalone SVG document (a string; the caller writes it): a white page, the
/// title, a framed plot area with grid lines at the major ticks, tick marks and labels, axis labels, the series as
/// polylines clipped to the plot area, and a legend. Text is XML-escaped. Points that cannot be placed (non-finite,
/// or ≤ 0 on a log axis) are left out, break the line, and are counted in an XML comment; no NaN reaches the output.
/// </summary>
public static class Svg
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"];

    /// <summary>The SVG text of <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <exception cref="ArgumentException">The plot is invalid (<see cref="LinePlot.Validate"/>) or the size is below 200 × 150.</exception>
    public static string Render(LinePlot plot, int width = 720, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Validate();
        if (width < 200 || height < 150)
            throw new ArgumentException($"Svg.Render: the size {width} × {height} is too small; use at least 200 × 150 pixels.");

        var left = plot.Series.Where(s => !s.OnRightAxis).ToArray();
        var right = plot.Series.Where(s => s.OnRightAxis).ToArray();
        var xAxis = Layout(plot.X, plot.Series.SelectMany(s => s.Points).Select(p => p.X));
        var yAxis = Layout(plot.Y, left.SelectMany(s => s.Points).Select(p => p.Y));
        var y2Axis = plot.Y2 is { } y2 ? Layout(y2, right.SelectMany(s => s.Points).Select(p => p.Y)) : null;

        double ml = 78, mr = y2Axis is null ? 24 : 78, mt = 44, mb = 58;
        double pw = width - ml - mr, ph = height - mt - mb;
        double Px(double x) => ml + xAxis.Fraction(x) * pw;
        double Py(AxisLayout a, double y) => mt + (1 - a.Fraction(y)) * ph;

        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">\n");
        sb.Append($"<title>{Escape(plot.Title)}</title>\n");
        sb.Append($"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        sb.Append($"<defs><clipPath id=\"plot-area\"><rect x=\"{N(ml)}\" y=\"{N(mt)}\" width=\"{N(pw)}\" height=\"{N(ph)}\"/></clipPath></defs>\n");
        sb.Append($"<text x=\"{N(ml + pw / 2)}\" y=\"{N(mt / 2 + 5)}\" text-anchor=\"middle\" font-size=\"16\">{Escape(plot.Title)}</text>\n");

        // Grid at the major ticks, under everything else.
        sb.Append("<g stroke=\"#e3e3e3\" stroke-width=\"1\">\n");
        foreach (var t in xAxis.Ticks.Where(t => t.IsMajor))
            sb.Append($"<line x1=\"{N(Px(t.Value))}\" y1=\"{N(mt)}\" x2=\"{N(Px(t.Value))}\" y2=\"{N(mt + ph)}\"/>\n");
        foreach (var t in yAxis.Ticks.Where(t => t.IsMajor))
            sb.Append($"<line x1=\"{N(ml)}\" y1=\"{N(Py(yAxis, t.Value))}\" x2=\"{N(ml + pw)}\" y2=\"{N(Py(yAxis, t.Value))}\"/>\n");
        sb.Append("</g>\n");

        // Ticks and labels.
        sb.Append("<g stroke=\"black\" stroke-width=\"1\">\n");
        foreach (var t in xAxis.Ticks)
        {
            double x = Px(t.Value), len = t.IsMajor ? 7 : 4;
            sb.Append($"<line x1=\"{N(x)}\" y1=\"{N(mt + ph)}\" x2=\"{N(x)}\" y2=\"{N(mt + ph - len)}\"/>\n");
        }
        foreach (var t in yAxis.Ticks)
        {
            double y = Py(yAxis, t.Value), len = t.IsMajor ? 7 : 4;
            sb.Append($"<line x1=\"{N(ml)}\" y1=\"{N(y)}\" x2=\"{N(ml + len)}\" y2=\"{N(y)}\"/>\n");
        }
        if (y2Axis is not null)
            foreach (var t in y2Axis.Ticks)
            {
                double y = Py(y2Axis, t.Value), len = t.IsMajor ? 7 : 4;
                sb.Append($"<line x1=\"{N(ml + pw)}\" y1=\"{N(y)}\" x2=\"{N(ml + pw - len)}\" y2=\"{N(y)}\"/>\n");
            }
        sb.Append("</g>\n");
        sb.Append("<g fill=\"black\" stroke=\"none\">\n");
        foreach (var t in xAxis.Ticks.Where(t => t.IsMajor))
            sb.Append($"<text class=\"tick-label\" x=\"{N(Px(t.Value))}\" y=\"{N(mt + ph + 18)}\" text-anchor=\"middle\">{Escape(t.Label!)}</text>\n");
        foreach (var t in yAxis.Ticks.Where(t => t.IsMajor))
            sb.Append($"<text class=\"tick-label\" x=\"{N(ml - 8)}\" y=\"{N(Py(yAxis, t.Value) + 4.5)}\" text-anchor=\"end\">{Escape(t.Label!)}</text>\n");
        if (y2Axis is not null)
            foreach (var t in y2Axis.Ticks.Where(t => t.IsMajor))
                sb.Append($"<text class=\"tick-label\" x=\"{N(ml + pw + 8)}\" y=\"{N(Py(y2Axis, t.Value) + 4.5)}\" text-anchor=\"start\">{Escape(t.Label!)}</text>\n");
        sb.Append($"<text class=\"axis-label\" x=\"{N(ml + pw / 2)}\" y=\"{N(height - 14)}\" text-anchor=\"middle\" font-size=\"14\">{Escape(plot.X.Label)}</text>\n");
        sb.Append($"<text class=\"axis-label\" transform=\"translate({N(18)},{N(mt + ph / 2)}) rotate(-90)\" text-anchor=\"middle\" font-size=\"14\">{Escape(plot.Y.Label)}</text>\n");
        if (plot.Y2 is { } y2Label)
            sb.Append($"<text class=\"axis-label\" transform=\"translate({N(width - 14)},{N(mt + ph / 2)}) rotate(90)\" text-anchor=\"middle\" font-size=\"14\">{Escape(y2Label.Label)}</text>\n");
        sb.Append("</g>\n");

        // Series, clipped to the plot area; a point that cannot be placed ends the current polyline.
        var skipped = new List<string>();
        sb.Append("<g clip-path=\"url(#plot-area)\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
        for (int i = 0; i < plot.Series.Length; i++)
        {
            var s = plot.Series[i];
            var axis = s.OnRightAxis ? y2Axis! : yAxis;
            string style = $"stroke=\"{Escape(Colour(s, i))}\"{DashAttribute(s.Dash)}";
            var segment = new List<string>();
            int bad = 0;
            void Flush()
            {
                if (segment.Count == 1)
                    sb.Append($"<circle cx=\"{segment[0].Split(',')[0]}\" cy=\"{segment[0].Split(',')[1]}\" r=\"2.5\" fill=\"{Escape(Colour(s, i))}\" stroke=\"none\"/>\n");
                else if (segment.Count > 1)
                    sb.Append($"<polyline {style} points=\"{string.Join(" ", segment)}\"/>\n");
                segment.Clear();
            }
            foreach (var p in s.Points)
            {
                if (!xAxis.CanPlace(p.X) || !axis.CanPlace(p.Y)) { bad++; Flush(); continue; }
                // Far-off points are pulled in to a bounded distance so that clipping, not coordinate overflow, hides them.
                double x = Math.Clamp(Px(p.X), -10 * width, 11 * width), y = Math.Clamp(Py(axis, p.Y), -10 * height, 11 * height);
                segment.Add($"{N(x)},{N(y)}");
            }
            Flush();
            if (bad > 0) skipped.Add($"series \"{s.Name}\": {bad} point(s) skipped (non-finite, or not positive on a log axis)");
        }
        sb.Append("</g>\n");
        foreach (var note in skipped) sb.Append($"<!-- {Comment(note)} -->\n");

        sb.Append($"<rect x=\"{N(ml)}\" y=\"{N(mt)}\" width=\"{N(pw)}\" height=\"{N(ph)}\" fill=\"none\" stroke=\"black\" stroke-width=\"1\"/>\n");
        Legend(sb, plot, ml + pw, mt);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Legend(StringBuilder sb, LinePlot plot, double rightEdge, double top)
    {
        const double row = 20, sample = 30, pad = 8, charWidth = 7.4;
        int longest = plot.Series.Max(s => s.Name.Length);
        double w = pad * 3 + sample + longest * charWidth, h = pad * 2 + row * plot.Series.Length - 4;
        double x0 = rightEdge - w - 10, y0 = top + 10;
        sb.Append("<g class=\"legend\">\n");
        sb.Append($"<rect x=\"{N(x0)}\" y=\"{N(y0)}\" width=\"{N(w)}\" height=\"{N(h)}\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"#999999\" stroke-width=\"1\"/>\n");
        for (int i = 0; i < plot.Series.Length; i++)
        {
            var s = plot.Series[i];
            double y = y0 + pad + row * i + row / 2 - 2;
            sb.Append($"<line x1=\"{N(x0 + pad)}\" y1=\"{N(y)}\" x2=\"{N(x0 + pad + sample)}\" y2=\"{N(y)}\" stroke=\"{Escape(Colour(s, i))}\" stroke-width=\"2\"{DashAttribute(s.Dash)}/>\n");
            sb.Append($"<text x=\"{N(x0 + 2 * pad + sample)}\" y=\"{N(y + 4.5)}\">{Escape(s.Name)}</text>\n");
        }
        sb.Append("</g>\n");
    }

    private static AxisLayout Layout(PlotAxis axis, IEnumerable<double> values)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v) || (axis.Scale == AxisScale.Log && v <= 0)) continue;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        return AxisTicks.Layout(axis.Scale, lo, hi, axis.Min, axis.Max);
    }

    private static string Colour(PlotSeries s, int index) => s.Colour ?? Palette[index % Palette.Length];

    private static string DashAttribute(LineDash dash) => dash switch
    {
        LineDash.Solid => "",
        LineDash.Dashed => " stroke-dasharray=\"8 5\"",
        LineDash.Dotted => " stroke-dasharray=\"2 4\"",
        _ => throw new ArgumentOutOfRangeException(nameof(dash), dash, "Svg: unknown line dash."),
    };

    /// <summary>A coordinate with two decimals, invariant culture.</summary>
    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Escapes the five XML special characters.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    // An XML comment may not contain "--" nor end with "-".
    private static string Comment(string text) => text.Replace("--", "- -").TrimEnd('-');
}
