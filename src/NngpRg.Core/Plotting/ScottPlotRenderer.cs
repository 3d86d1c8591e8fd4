using System.Globalization;
using System.Text;
using ScottPlot;
using SkiaSharp;

namespace NngpRg.Core.Plotting;

/// <summary>
/// Draws <see cref="Figure"/> records with ScottPlot onto a SkiaSharp canvas (raster for PNG, SVG canvas for SVG). Log axes
/// are drawn as log₁₀ of the data with ticks from <see cref="AxisTicks.Layout"/>; points that cannot be placed (non-finite,
/// or ≤ 0 on a log axis) break the line and are left out, so no NaN reaches the output.
/// </summary>
internal static class ScottPlotRenderer
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"];

    /// <summary>Sans-serif families with Greek, sub/superscripts and math symbols, in order of preference.</summary>
    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans", "Arial"];

    private const float GridTitleHeight = 34, GridTitleLine = 20;

    public static byte[] Png(Figure figure, int width, int height, int scale)
    {
        Check(figure, width, height);
        string font = FontFamily(figure);
        var info = new SKImageInfo(width * scale, height * scale);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        Draw(canvas, figure, width, height, font);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static string Svg(Figure figure, int width, int height)
    {
        Check(figure, width, height);
        string font = FontFamily(figure);
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), managed))
        {
            using (var white = new SKPaint { Color = SKColors.White })
                canvas.DrawRect(0, 0, width, height, white);
            Draw(canvas, figure, width, height, font, svg: true);
        }
        var svg = Encoding.UTF8.GetString(stream.ToArray());
        return WithMetadata(svg, figure);
    }

    private static void Check(Figure figure, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(figure);
        figure.Validate();
        if (width < 200 || height < 150)
            throw new ArgumentException($"Plotting: the size {width} × {height} is too small; use at least 200 × 150 pixels.");
    }

    /// <summary>
    /// The font family used for every text: the first preferred family that is installed and has every glyph, else the
    /// family ScottPlot detects for the text. Without any usable font Skia would draw no text at all, so that is an error.
    /// </summary>
    internal static string FontFamily(Figure figure)
    {
        var text = new string([.. (string.Concat(figure.Texts()) + "0123456789.−-+×⁰¹²³⁴⁵⁶⁷⁸⁹⁻").Where(c => !char.IsControl(c))]);
        var codepoints = Fonts.GetStandaloneCodePoints(text);
        foreach (var family in PreferredFonts.Append(Fonts.Detect(text)))
        {
            using var typeface = SKFontManager.Default.MatchFamily(family);
            if (typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)
                && Fonts.CountMissingGlyphs(family, codepoints) == 0)
                return family;
        }
        throw new PlotFontException(
            "Plotting: no installed font has glyphs for the figure's text, so its titles, labels and ticks would be blank. " +
            "Install a font with Greek and math symbols, e.g. Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core).");
    }

    private static void Draw(SKCanvas canvas, Figure figure, int width, int height, string font, bool svg = false)
    {
        switch (figure)
        {
            case LinePlot plot:
                Build(plot, font, width, height, svg).Render(canvas, new PixelRect(0, width, height, 0));
                break;
            case PlotGrid grid:
                var lines = grid.Title.Split('\n');
                using (var typeface = SKTypeface.FromFamilyName(font))
                using (var skFont = new SKFont(typeface, 15))
                using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
                    for (int l = 0; l < lines.Length; l++)
                        canvas.DrawText(lines[l], width / 2f, 21 + GridTitleLine * l, SKTextAlign.Center, skFont, paint);
                float titleHeight = GridTitleHeight + GridTitleLine * (lines.Length - 1);
                float cellWidth = (float)width / grid.Columns, cellHeight = (height - titleHeight) / grid.Rows;
                foreach (var cell in grid.Cells)
                {
                    float left = cell.Column * cellWidth, top = titleHeight + cell.Row * cellHeight;
                    // A plot paints its whole canvas background: clip it to its cell.
                    canvas.Save();
                    canvas.ClipRect(new SKRect(left, top, left + cellWidth, top + cellHeight));
                    Build(cell.Plot, font, cellWidth, cellHeight, svg, small: true).Render(canvas, new PixelRect(left, left + cellWidth, top + cellHeight, top));
                    canvas.Restore();
                }
                break;
            default:
                throw new ArgumentException($"Plotting: unknown figure {figure.GetType().Name}.", nameof(figure));
        }
    }

    /// <summary>
    /// The ScottPlot plot of a record drawn into a panel of about <paramref name="width"/> × <paramref name="height"/>. For SVG
    /// the dash patterns are cut into solid pieces here, because Skia's SVG canvas drops path effects (and says so on the
    /// console); the legend then shows those series' lines solid.
    /// </summary>
    private static Plot Build(LinePlot record, string font, float width, float height, bool svg, bool small = false)
    {
        var plot = new Plot();
        plot.Font.Set(font);
        var left = record.Series.Where(s => !s.OnRightAxis).ToArray();
        var right = record.Series.Where(s => s.OnRightAxis).ToArray();
        var x = Layout(record.X, record.Series.SelectMany(XValues));
        var y = Layout(record.Y, left.SelectMany(YValues));
        var y2 = record.Y2 is { } r2 ? Layout(r2, right.SelectMany(YValues)) : null;

        for (int i = 0; i < record.Series.Length; i++)
        {
            var series = record.Series[i];
            var yAxis = series.OnRightAxis ? y2! : y;
            var colour = Colour(series, i);
            bool named = false;
            bool cut = svg && series.Dash is LineDash.Dashed or LineDash.Dotted;
            var pieces = Segments(series, x, yAxis).Select(s => s.Select(p => (X: T(x, p.X), Y: T(yAxis, p.Y))).ToList()).ToList();
            if (cut) pieces = [.. pieces.SelectMany(p => Dashes(p, series.Dash, x, yAxis, width * 0.85, height * 0.8))];
            foreach (var segment in pieces)
            {
                var scatter = plot.Add.Scatter(segment.Select(p => p.X).ToArray(), segment.Select(p => p.Y).ToArray(), colour);
                scatter.LineWidth = series.Dash == LineDash.None ? 0 : small ? 1.5f : 2;
                scatter.LinePattern = cut ? LinePattern.Solid : series.Dash switch { LineDash.Dashed => LinePattern.Dashed, LineDash.Dotted => LinePattern.Dotted, _ => LinePattern.Solid };
                (scatter.MarkerShape, scatter.MarkerSize) = series.Marker switch
                {
                    MarkerKind.Circle => (MarkerShape.FilledCircle, small ? 5f : 7f),
                    MarkerKind.Dot => (MarkerShape.FilledCircle, 2f),
                    // a lone point of a line series still shows
                    _ => segment.Count == 1 && !cut ? (MarkerShape.FilledCircle, 5f) : (MarkerShape.None, 0f),
                };
                if (series.OnRightAxis) scatter.Axes.YAxis = plot.Axes.Right;
                if (!named) { scatter.LegendText = series.Name; named = true; }
            }
            if (!series.Intervals.IsDefaultOrEmpty)
                for (int j = 0; j < series.Points.Length; j++)
                {
                    var (p, bar) = (series.Points[j], series.Intervals[j]);
                    if (!x.CanPlace(p.X) || !double.IsFinite(bar.Low) || !double.IsFinite(bar.High) || !yAxis.CanPlace(bar.High)) continue;
                    double low = yAxis.CanPlace(bar.Low) ? T(yAxis, bar.Low) : T(yAxis, yAxis.Min);
                    var line = plot.Add.Line(T(x, p.X), low, T(x, p.X), T(yAxis, bar.High));
                    line.LineColor = colour;
                    line.LineWidth = 1.5f;
                    line.MarkerSize = 0;
                    if (series.OnRightAxis) line.Axes.YAxis = plot.Axes.Right;
                }
        }

        plot.Axes.SetLimitsX(T(x, x.Min), T(x, x.Max));
        plot.Axes.SetLimitsY(T(y, y.Min), T(y, y.Max));
        plot.Axes.Bottom.TickGenerator = Ticks(x);
        plot.Axes.Left.TickGenerator = Ticks(y);
        if (y2 is not null)
        {
            plot.Axes.SetLimitsY(T(y2, y2.Min), T(y2, y2.Max), plot.Axes.Right);
            plot.Axes.Right.TickGenerator = Ticks(y2);
            plot.Axes.Right.Label.Text = record.Y2!.Label;
        }
        // room for the last x tick label when no right axis is drawn
        if (y2 is null) plot.Axes.Right.MinimumSize = small ? 14 : 28;
        plot.Title(record.Title, small ? 12 : 15);
        plot.XLabel(record.X.Label, small ? 11 : 14);
        plot.YLabel(record.Y.Label, small ? 11 : 14);
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        plot.Axes.Right.Label.Bold = false;
        if (record.ShowLegend && record.Series.Any(s => s.Name.Length > 0))
        {
            plot.ShowLegend(Alignment.UpperRight);
            plot.Legend.FontSize = small ? 10 : 12;
        }
        else plot.HideLegend();
        return plot;
    }

    /// <summary>
    /// The "on" pieces of a dash pattern (dashed 8 on 5 off, dotted 2 on 4 off, in pixels of a plot area of
    /// <paramref name="width"/> × <paramref name="height"/>) along a polyline given in axis coordinates.
    /// </summary>
    private static IEnumerable<List<(double X, double Y)>> Dashes(List<(double X, double Y)> line, LineDash dash, AxisLayout x, AxisLayout y, double width, double height)
    {
        var (on, off) = dash == LineDash.Dashed ? (8.0, 5.0) : (2.0, 4.0);
        double sx = width / (T(x, x.Max) - T(x, x.Min)), sy = height / (T(y, y.Max) - T(y, y.Min));
        var piece = new List<(double X, double Y)> { line[0] };
        bool drawing = true;
        double left = on;  // pixels left in the current on/off stretch
        for (int i = 1; i < line.Count; i++)
        {
            var (a, b) = (line[i - 1], line[i]);
            double length = Math.Sqrt(Math.Pow((b.X - a.X) * sx, 2) + Math.Pow((b.Y - a.Y) * sy, 2)), done = 0;
            while (length - done > left)
            {
                done += left;
                double f = done / length;
                var p = (a.X + f * (b.X - a.X), a.Y + f * (b.Y - a.Y));
                if (drawing) { piece.Add(p); yield return piece; piece = []; }
                else piece = [p];
                drawing = !drawing;
                left = drawing ? on : off;
            }
            left -= length - done;
            if (drawing) piece.Add(b);
        }
        if (drawing && piece.Count > 1) yield return piece;
    }

    private static IEnumerable<double> XValues(PlotSeries s) => s.Points.Select(p => p.X);

    private static IEnumerable<double> YValues(PlotSeries s) =>
        s.Points.Select(p => p.Y).Concat(s.Intervals.IsDefaultOrEmpty ? [] : s.Intervals.SelectMany(b => new[] { b.Low, b.High }));

    /// <summary>Runs of consecutive placeable points.</summary>
    private static List<List<PlotPoint>> Segments(PlotSeries s, AxisLayout x, AxisLayout y)
    {
        var segments = new List<List<PlotPoint>>();
        var current = new List<PlotPoint>();
        foreach (var p in s.Points)
        {
            if (x.CanPlace(p.X) && y.CanPlace(p.Y)) { current.Add(p); continue; }
            if (current.Count > 0) segments.Add(current);
            current = [];
        }
        if (current.Count > 0) segments.Add(current);
        return segments;
    }

    private static double T(AxisLayout axis, double v) => axis.Scale == AxisScale.Log ? Math.Log10(v) : v;

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

    private static ScottPlot.TickGenerators.NumericManual Ticks(AxisLayout axis)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var t in axis.Ticks)
        {
            if (t.IsMajor) ticks.AddMajor(T(axis, t.Value), t.Label!);
            else ticks.AddMinor(T(axis, t.Value));
        }
        return ticks;
    }

    private static Color Colour(PlotSeries s, int index)
    {
        var name = s.Colour ?? Palette[index % Palette.Length];
        return name.ToLowerInvariant() switch
        {
            "black" => Colors.Black,
            "white" => Colors.White,
            "gray" or "grey" => Colors.Gray,
            "red" => Colors.Red,
            "green" => Colors.Green,
            "blue" => Colors.Blue,
            _ when name.Length == 7 && name[0] == '#' && int.TryParse(name.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _) => Color.FromHex(name),
            _ => throw new ArgumentException($"Plotting: series '{s.Name}' has the colour '{name}'; use #rrggbb or black, white, gray, red, green, blue."),
        };
    }

    /// <summary>Namespace of the figure's text in the SVG metadata.</summary>
    public const string MetadataNamespace = "urn:nngp-rg:figure";

    /// <summary>
    /// Inserts &lt;title&gt;, &lt;desc&gt; (axis labels and legend entries) and a &lt;metadata&gt; block holding each text of
    /// the figure in its own element after the opening &lt;svg&gt; tag: the glyphs are outlines, the words stay machine-readable.
    /// </summary>
    private static string WithMetadata(string svg, Figure figure)
    {
        int open = svg.IndexOf("<svg", StringComparison.Ordinal);
        int end = open < 0 ? -1 : svg.IndexOf('>', open);
        if (end < 0) throw new InvalidOperationException("Plotting: the SVG canvas produced no <svg> element.");
        var texts = figure.Texts().Skip(1).Where(t => t.Length > 0).Distinct().ToList();
        var metadata = string.Concat(texts.Select(t => $"<f:text>{Plotting.Svg.Escape(t)}</f:text>"));
        return svg[..(end + 1)] + $"<title>{Plotting.Svg.Escape(figure.Title)}</title><desc>{Plotting.Svg.Escape(string.Join("; ", texts))}</desc>" +
               $"<metadata><f:figure xmlns:f=\"{MetadataNamespace}\">{metadata}</f:figure></metadata>" + svg[(end + 1)..];
    }
}
