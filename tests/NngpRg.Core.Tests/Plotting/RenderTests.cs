using System.Buffers.Binary;
using System.Xml.Linq;
using NngpRg.Core.Plotting;
using SkiaSharp;
using Xunit;

namespace NngpRg.Core.Tests.Plotting;

/// <summary>The ScottPlot renderer checked on its output: PNG pixels decoded back, SVG parsed as XML.</summary>
public class RenderTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>A red line from (1, 1) to (1000, 1000) on log–log axes fixed to [1, 1000], and a NaN and a negative point.</summary>
    private static LinePlot Diagonal(string colour = "#ff0000") => new(
        "Curves <a & b> λ̂_k",
        new PlotAxis("η", AxisScale.Log, 1, 1000),
        new PlotAxis("MSE", AxisScale.Log, 1, 1000),
        [new PlotSeries("diagonal", [new(1, 1), new(10, 10), new(100, double.NaN), new(100, -1), new(1000, 1000)], colour)]) { ShowLegend = false };

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png);

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 80 && c.Blue < 80;

    [Fact]
    public void Png_has_the_signature_and_twice_the_logical_size()
    {
        var png = Png.Render(Diagonal(), 400, 300);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(800u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)));  // IHDR width
        Assert.Equal(600u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));  // IHDR height
    }

    [Fact]
    public void The_series_is_drawn_where_its_data_are_and_nowhere_else()
    {
        using var bitmap = Decode(Png.Render(Diagonal(), 400, 300));
        var red = new List<(int X, int Y)>();
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (IsRed(bitmap.GetPixel(x, y))) red.Add((x, y));
        Assert.True(red.Count > 200, $"{red.Count} red pixels");
        // On equal log ranges the points lie on one straight line going up to the right: x and y are anti-correlated in
        // pixel rows (y grows downwards), and the line spans most of the plot area.
        double mx = red.Average(p => p.X), my = red.Average(p => p.Y);
        double cov = red.Sum(p => (p.X - mx) * (p.Y - my)) / red.Count;
        double sx = Math.Sqrt(red.Sum(p => (p.X - mx) * (p.X - mx)) / red.Count), sy = Math.Sqrt(red.Sum(p => (p.Y - my) * (p.Y - my)) / red.Count);
        Assert.True(cov / (sx * sy) < -0.99, $"correlation {cov / (sx * sy)}");
        Assert.True(red.Max(p => p.X) - red.Min(p => p.X) > 0.6 * bitmap.Width);
        // A blue series draws no red at all: the colour comes from the record.
        using var blue = Decode(Png.Render(Diagonal("#0000ff"), 400, 300));
        for (int y = 0; y < blue.Height; y += 2)
            for (int x = 0; x < blue.Width; x += 2)
                Assert.False(IsRed(blue.GetPixel(x, y)));
    }

    [Fact]
    public void Text_is_drawn_in_the_tick_label_margin()
    {
        // The tick labels 10⁰ … 10³ sit left of the plot area: without a usable font that strip would stay white.
        using var bitmap = Decode(Png.Render(Diagonal(), 400, 300));
        int dark = 0;
        for (int y = bitmap.Height / 4; y < 3 * bitmap.Height / 4; y++)
            for (int x = 0; x < bitmap.Width / 8; x++)
                if (bitmap.GetPixel(x, y).Red < 100) dark++;
        Assert.True(dark > 100, $"{dark} dark pixels in the label margin");
    }

    [Fact]
    public void Svg_is_xml_with_the_title_and_description_and_no_non_finite_numbers()
    {
        var svg = Svg.Render(Diagonal(), 400, 300);
        var doc = XDocument.Parse(svg);
        Assert.Equal(Ns + "svg", doc.Root!.Name);
        Assert.Equal("Curves <a & b> λ̂_k", doc.Root.Element(Ns + "title")!.Value);
        var desc = doc.Root.Element(Ns + "desc")!.Value;
        Assert.Contains("η", desc);
        Assert.Contains("diagonal", desc);
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);
    }

    [Fact]
    public void Dashed_series_are_cut_into_pieces_in_svg()
    {
        // Skia's SVG canvas drops dash effects; the renderer cuts the line itself, so a dashed line becomes many paths.
        static int Paths(LineDash dash) => XDocument.Parse(Svg.Render(new LinePlot("t", new PlotAxis("x"), new PlotAxis("y"),
            [new PlotSeries("s", [new(0, 0), new(1, 1)], "#ff0000", dash)]) { ShowLegend = false }, 400, 300)).Descendants(Ns + "path").Count();
        Assert.True(Paths(LineDash.Dashed) > Paths(LineDash.Solid) + 10, $"{Paths(LineDash.Dashed)} vs {Paths(LineDash.Solid)}");
    }

    [Fact]
    public void A_grid_draws_every_panel()
    {
        var panel = Diagonal();
        var grid = new PlotGrid("two panels", 1, 2, [new GridCell(0, 0, panel), new GridCell(0, 1, panel with { Series = [panel.Series[0] with { Colour = "#0000ff" }] })]);
        using var bitmap = Decode(Png.Render(grid, 600, 300));
        bool RedIn(int from, int to) { for (int x = from; x < to; x++) for (int y = 0; y < bitmap.Height; y++) if (IsRed(bitmap.GetPixel(x, y))) return true; return false; }
        Assert.True(RedIn(0, bitmap.Width / 2));
        Assert.False(RedIn(bitmap.Width / 2, bitmap.Width));  // the right panel is blue: the left one's background did not cover it
        Assert.Contains("overlap", Assert.Throws<ArgumentException>(() => Png.Render(grid with { Cells = [grid.Cells[0], grid.Cells[0]] })).Message.Replace("two panels at", "overlap"));
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => Png.Render(grid with { Cells = [new GridCell(3, 0, panel)] })).Message);
    }

    [Fact]
    public void Text_without_glyphs_in_any_font_is_refused_instead_of_drawn_blank()
    {
        var plot = Diagonal() with { Title = "private use \uE123" };
        var e = Assert.Throws<PlotFontException>(() => Png.Render(plot, 400, 300));
        Assert.Contains("fonts-dejavu-core", e.Message);
    }

    [Fact]
    public void Invalid_records_are_refused()
    {
        var plot = new LinePlot("t", new PlotAxis("x"), new PlotAxis("y"), [new PlotSeries("s", [new(1, 1)], OnRightAxis: true)]);
        Assert.Contains("'s'", Assert.Throws<ArgumentException>(() => Svg.Render(plot)).Message);
        Assert.Contains("too small", Assert.Throws<ArgumentException>(() => Png.Render(Diagonal(), 100, 100)).Message);
        var bars = Diagonal() with { Series = [Diagonal().Series[0] with { Intervals = [new YInterval(1, 2)] }] };
        Assert.Contains("error bars", Assert.Throws<ArgumentException>(() => Png.Render(bars)).Message);
        Assert.Contains("colour", Assert.Throws<ArgumentException>(() => Png.Render(Diagonal("teal"))).Message);
    }
}
