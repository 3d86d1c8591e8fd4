using System.Globalization;
using System.Xml.Linq;
using NngpRg.Core.Plotting;
using Xunit;

namespace NngpRg.Core.Tests.Plotting;

public class SvgTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static LinePlot Sample(AxisScale yScale = AxisScale.Log) => new(
        "Curves <a & b>",
        new PlotAxis("η", AxisScale.Log),
        new PlotAxis("MSE", yScale),
        [
            new PlotSeries("renormalized \"RG\"", [.. Enumerable.Range(0, 20).Select(i => new PlotPoint(Math.Pow(10, 1 + i * 0.2), Math.Pow(10, -i * 0.1)))]),
            new PlotSeries("self-consistent", [new(10, 0.5), new(100, double.NaN), new(1000, 0.05), new(double.PositiveInfinity, 1), new(1e4, 0.02)], Dash: LineDash.Dashed),
        ]);

    [Fact]
    public void Output_is_well_formed_xml_with_escaped_title_legend_and_axis_labels()
    {
        var text = Svg.Render(Sample(), 640, 400);
        var doc = XDocument.Parse(text);
        Assert.Equal(Ns + "svg", doc.Root!.Name);
        var texts = doc.Descendants(Ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("Curves <a & b>", texts);
        Assert.Contains("renormalized \"RG\"", texts);
        Assert.Contains("self-consistent", texts);
        Assert.Contains("η", texts);
        Assert.Contains("MSE", texts);
        Assert.Contains("10¹", texts);
        Assert.Contains("10⁵", texts);
        Assert.Contains("10⁻²", texts);
    }

    [Fact]
    public void Non_finite_points_are_skipped_break_the_line_and_are_reported()
    {
        var text = Svg.Render(Sample());
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        Assert.DoesNotContain("∞", text);
        var doc = XDocument.Parse(text);
        var comments = doc.DescendantNodes().OfType<XComment>().Select(c => c.Value).ToList();
        Assert.Contains(comments, c => c.Contains("self-consistent") && c.Contains("2 point(s) skipped"));
        Assert.DoesNotContain(comments, c => c.Contains("renormalized"));
        // The dashed series splits at each skipped point: 10 alone (a dot), 1000 alone (a dot), 1e4 alone (a dot).
        var dashed = doc.Descendants(Ns + "polyline").Where(p => p.Attribute("stroke-dasharray") is not null).ToList();
        Assert.Empty(dashed);
        Assert.Equal(3, doc.Descendants(Ns + "circle").Count());
        Assert.Single(doc.Descendants(Ns + "polyline"));
    }

    [Fact]
    public void Points_land_at_their_log_positions_inside_the_clipped_area()
    {
        var plot = new LinePlot("t", new PlotAxis("x", AxisScale.Log, 1, 1000), new PlotAxis("y", AxisScale.Linear, 0, 1),
            [new PlotSeries("s", [new(1, 0), new(10, 0.5), new(1000, 1)])]);
        var doc = XDocument.Parse(Svg.Render(plot, 400, 300));
        var area = doc.Descendants(Ns + "clipPath").Single().Element(Ns + "rect")!;
        double X(string a) => double.Parse(area.Attribute(a)!.Value, CultureInfo.InvariantCulture);
        double x0 = X("x"), y0 = X("y"), w = X("width"), h = X("height");
        var line = doc.Descendants(Ns + "polyline").Single();
        Assert.Equal("url(#plot-area)", line.Parent!.Attribute("clip-path")!.Value);
        var pts = line.Attribute("points")!.Value.Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(x0, pts[0][0], 1);
        Assert.Equal(y0 + h, pts[0][1], 1);
        Assert.Equal(x0 + w / 3, pts[1][0], 1);   // 10 is one decade of three
        Assert.Equal(y0 + h / 2, pts[1][1], 1);
        Assert.Equal(x0 + w, pts[2][0], 1);
        Assert.Equal(y0, pts[2][1], 1);
        // The tick label "10¹" is centred on the same x.
        var label = doc.Descendants(Ns + "text").Single(t => t.Value == "10¹");
        Assert.Equal(x0 + w / 3, double.Parse(label.Attribute("x")!.Value, CultureInfo.InvariantCulture), 1);
    }

    [Fact]
    public void Right_axis_series_need_a_right_axis()
    {
        var plot = new LinePlot("t", new PlotAxis("x"), new PlotAxis("y"), [new PlotSeries("s", [new(1, 1)], OnRightAxis: true)]);
        var e = Assert.Throws<ArgumentException>(() => Svg.Render(plot));
        Assert.Contains("'s'", e.Message);
        var ok = XDocument.Parse(Svg.Render(plot with { Y2 = new PlotAxis("learnability", AxisScale.Linear, 0, 1) }));
        Assert.Contains("learnability", ok.Descendants(Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void A_series_name_with_double_dashes_keeps_the_comment_valid()
    {
        var plot = new LinePlot("t", new PlotAxis("x"), new PlotAxis("y", AxisScale.Log), [new PlotSeries("a--b-", [new(1, -1), new(2, 1), new(3, 2)])]);
        var doc = XDocument.Parse(Svg.Render(plot));
        Assert.Contains(doc.DescendantNodes().OfType<XComment>(), c => c.Value.Contains("1 point(s) skipped"));
    }
}
