using System.Collections.Immutable;
using System.Xml.Linq;
using NngpRg.Core.Experiments;
using NngpRg.Core.Kernels;
using NngpRg.Core.Plotting;
using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;
using Xunit;

namespace NngpRg.Core.Tests.Experiments;

public class ExperimentFiguresTests
{
    /// <summary>
    /// A hand-made report: six eigenvalues with a NaN (mode 3) and a round-off negative (mode 5), the law 2 k^-1.5 fitted
    /// over modes 2..4, and three η with a standard error above the mean at η = 20 and a NaN self-consistent MSE at η = 40.
    /// </summary>
    private static ExperimentReport Report() => new(
        "hand-made", "relu, depth 1", 6, 3, [0, 1], "±1", 10,
        new ExperimentOptions(Activation.Relu, 1, 200, [20, 40, 80], Sigma2: 0.01, Draws: 3, Seed: 7),
        [1.0, 0.5, double.NaN, 0.25, -1e-17, 0.1],
        [0.5, 0.25, 0.1, 0.05, 0.02, 0.01],
        new PowerLawFitResult(new PowerLaw(2, 0.5), 0.1, 0.05, 0.99, 2, 4),
        [],
        [],
        [
            new ExperimentPoint(20, 5, 0.02, 0.30, 0.32, new Estimate(0.2, 0.3, 3)),
            new ExperimentPoint(40, 9, 0.015, 0.20, double.NaN, new Estimate(0.15, 0.01, 3)),
            new ExperimentPoint(80, 15, 0.012, 0.12, 0.13, new Estimate(0.1, 0.02, 3)),
        ],
        1.0 / 3, new ScalingFit(-0.6, 1, 0.99, 20, 80, 3), new ScalingFit(-0.5, 1, 0.98, 20, 80, 3));

    private static PlotSeries Named(LinePlot plot, string name) => Assert.Single(plot.Series, s => s.Name == name);

    [Fact]
    public void Spectrum_plots_the_placeable_eigenvalues_against_their_mode_index()
    {
        var plot = ExperimentFigures.Spectrum(Report());
        Assert.Equal((AxisScale.Log, AxisScale.Log), (plot.X.Scale, plot.Y.Scale));
        var eigen = Named(plot, ExperimentFigures.EigenvaluesName);
        Assert.Equal(new[] { new PlotPoint(1, 1), new PlotPoint(2, 0.5), new PlotPoint(4, 0.25), new PlotPoint(6, 0.1) }, eigen.Points.ToArray());
    }

    [Fact]
    public void Fitted_law_is_dashed_over_the_fit_range_and_the_title_gives_alpha_with_its_error()
    {
        var plot = ExperimentFigures.Spectrum(Report());
        var law = Named(plot, ExperimentFigures.FitName);
        Assert.Equal(LineDash.Dashed, law.Dash);
        Assert.Equal(new double[] { 2, 3, 4 }, law.Points.Select(p => p.X).ToArray());
        foreach (var p in law.Points) Assert.Equal(2 / Math.Pow(p.X, 1.5), p.Y, 12);
        Assert.Contains("α = 0.5 ± 0.05", plot.Title);
    }

    [Fact]
    public void Learning_curve_has_the_measured_band_and_both_predictions_without_unplaceable_points()
    {
        var plot = ExperimentFigures.LearningCurve(Report());
        Assert.Equal((AxisScale.Log, AxisScale.Log), (plot.X.Scale, plot.Y.Scale));
        Assert.Equal(new[] { 0.2, 0.15, 0.1 }, Named(plot, ExperimentFigures.MeasuredName).Points.Select(p => p.Y).ToArray());
        var upper = Named(plot, ExperimentFigures.MeasuredUpperName);
        Assert.Equal(LineDash.Dotted, upper.Dash);
        Assert.Equal(new[] { 0.5, 0.16, 0.12 }, upper.Points.Select(p => p.Y).ToArray(), new Close());
        // 0.2 − 0.3 < 0 cannot sit on a log axis.
        Assert.Equal(new double[] { 40, 80 }, Named(plot, ExperimentFigures.MeasuredLowerName).Points.Select(p => p.X).ToArray());
        Assert.Equal(new[] { 0.30, 0.20, 0.12 }, Named(plot, ExperimentFigures.RgName).Points.Select(p => p.Y).ToArray());
        Assert.Equal(new double[] { 20, 80 }, Named(plot, ExperimentFigures.SelfConsistentName).Points.Select(p => p.X).ToArray());
    }

    [Fact]
    public void Learning_curve_axis_keeps_the_data_below_the_legend()
    {
        var plot = ExperimentFigures.LearningCurve(Report());
        var ys = plot.Series.SelectMany(s => s.Points).Select(p => p.Y).ToList();
        double min = plot.Y.Min!.Value, max = plot.Y.Max!.Value;
        Assert.True(ys.All(y => y > min && y < max));
        // The top third of the log axis (where the legend sits) holds no point.
        Assert.True(Math.Log10(max / ys.Max()) / Math.Log10(max / min) > 1.0 / 3);
        // One repeated value still gives an increasing range.
        var (lo, hi) = ExperimentFigures.ClearOfLegend([0.5, 0.5]);
        Assert.True(lo < 0.5 && hi > 0.5);
        Assert.Equal(((double?)null, (double?)null), ExperimentFigures.ClearOfLegend([]));
    }

    [Fact]
    public void Both_figures_render_to_well_formed_svg_with_the_legend()
    {
        foreach (var plot in new[] { ExperimentFigures.Spectrum(Report()), ExperimentFigures.LearningCurve(Report()) })
        {
            var svg = Svg.Render(plot);
            var text = string.Concat(XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + "\n"));
            foreach (var s in plot.Series) Assert.Contains(s.Name, text);
            Assert.DoesNotContain("NaN", svg);
        }
    }

    private sealed class Close : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a));
        public int GetHashCode(double x) => 0;
    }
}
