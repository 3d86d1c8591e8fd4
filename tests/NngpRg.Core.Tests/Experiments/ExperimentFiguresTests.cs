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
        1.0 / 3, new ScalingFit(-0.6, 1, 0.99, 20, 80, 3), new ScalingFit(-0.5, 1, 0.98, 20, 80, 3))
    {
        Profile = [new ModeGaussianity(1, 1.0, new(-0.99, 0.01), new(-1.9, 0.01), 1000) { Variance = 0.02, IsConstant = true },
                   new ModeGaussianity(2, 0.5, new(0, 0.05), new(0.1, 0.2), 1000) { Skewness = new(0.1, 0.1) }],
    };

    private static PlotSeries Named(LinePlot plot, string prefix) => Assert.Single(plot.Series, s => s.Name.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void Spectrum_plots_the_placeable_eigenvalues_and_marks_the_constant_mode()
    {
        var plot = ExperimentFigures.Spectrum(Report());
        Assert.Equal((AxisScale.Log, AxisScale.Log), (plot.X.Scale, plot.Y.Scale));
        var eigen = Named(plot, ExperimentFigures.EigenvaluesName);
        Assert.Equal(new[] { new PlotPoint(1, 1), new PlotPoint(2, 0.5), new PlotPoint(4, 0.25), new PlotPoint(6, 0.1) }, eigen.Points.ToArray());
        var constant = Named(plot, ExperimentFigures.ConstantModeName);
        Assert.Equal(new[] { new PlotPoint(1, 1) }, constant.Points.ToArray());
        Assert.Equal(MarkerKind.Circle, constant.Marker);
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
    public void Learning_curve_has_markers_with_error_bars_and_the_exponent_of_each_drawn_curve()
    {
        var plot = ExperimentFigures.LearningCurve(Report());
        Assert.Equal((AxisScale.Log, AxisScale.Log), (plot.X.Scale, plot.Y.Scale));
        var measured = Named(plot, ExperimentFigures.MeasuredName);
        Assert.Equal(MarkerKind.Circle, measured.Marker);
        Assert.Equal(new[] { 0.2, 0.15, 0.1 }, measured.Points.Select(p => p.Y).ToArray());
        Assert.Equal(new[] { (-0.1, 0.5), (0.14, 0.16), (0.08, 0.12) }, measured.Intervals.Select(b => (Math.Round(b.Low, 12), Math.Round(b.High, 12))).ToArray());
        // Each prediction's legend entry carries the exponent of the drawn curve over the grid.
        var rg = Named(plot, ExperimentFigures.RgName);
        double e = LearningCurves.FitExponent([20.0, 40, 80], [0.30, 0.20, 0.12], 20, 80).Exponent;
        Assert.EndsWith($"e = {e.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}", rg.Name);
        // A NaN point is left out, and a curve with one cannot carry an exponent.
        var sc = Named(plot, ExperimentFigures.SelfConsistentName);
        Assert.Equal(new double[] { 20, 80 }, sc.Points.Select(p => p.X).ToArray());
        Assert.Equal(ExperimentFigures.SelfConsistentName, sc.Name);
    }

    [Fact]
    public void Learning_curve_axis_keeps_the_data_below_the_legend()
    {
        var plot = ExperimentFigures.LearningCurve(Report());
        var ys = plot.Series.SelectMany(s => s.Points).Select(p => p.Y).ToList();
        double min = plot.Y.Min!.Value, max = plot.Y.Max!.Value;
        Assert.True(ys.All(y => y > min && y < max));
        Assert.True(Math.Log10(max / ys.Max()) / Math.Log10(max / min) > 1.0 / 3);
        var (lo, hi) = ExperimentFigures.ClearOfLegend([0.5, 0.5]);
        Assert.True(lo < 0.5 && hi > 0.5);
        Assert.Equal(((double?)null, (double?)null), ExperimentFigures.ClearOfLegend([]));
    }

    [Theory]
    [InlineData(new[] { 0.2, 0.15, 0.1 })]
    [InlineData(new[] { 0.0101, 0.0100, 0.0099 })] // a flat curve inside one decade
    [InlineData(new[] { 0.9, 0.02, 3e-4 })]         // four decades
    public void Learning_curve_y_axis_has_labelled_ticks_inside_its_range(double[] ys)
    {
        var plot = ExperimentFigures.LearningCurve(Report() with
        {
            Points = [.. Report().Points.Select((p, i) => p with { MeasuredMse = new Estimate(ys[i], ys[i] / 10, 3), PredictedMse = ys[i], SelfConsistentMse = ys[i] })],
        });
        var values = plot.Series.SelectMany(s => s.Points).Select(p => p.Y).ToList();
        var axis = AxisTicks.Layout(plot.Y.Scale, values.Min(), values.Max(), plot.Y.Min, plot.Y.Max);
        var labelled = axis.Ticks.Where(t => t.Label is not null && t.Value >= axis.Min * (1 - 1e-12) && t.Value <= axis.Max * (1 + 1e-12)).ToList();
        Assert.True(labelled.Count >= 2, $"{labelled.Count} labelled y ticks on [{axis.Min}, {axis.Max}]");
        Assert.Equal(labelled.Count, labelled.Select(t => t.Label).Distinct().Count());
        // the labels name their values: "2×10⁻³" style or plain decimals
        Assert.All(labelled, t => Assert.Matches(@"^([0-9.]+|([1-9]×)?10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$", t.Label!));
    }

    [Fact]
    public void Kurtosis_figure_plots_the_fourth_moment_and_flags_the_constant_mode()
    {
        var plot = ExperimentFigures.Kurtosis(Report());
        var moments = Named(plot, "E φ̂_k⁴");
        Assert.Equal(new[] { new PlotPoint(2, 3.1) }, moments.Points.ToArray());
        Assert.Equal(new YInterval(2.9, 3.3), new YInterval(Math.Round(moments.Intervals[0].Low, 12), Math.Round(moments.Intervals[0].High, 12)));
        Assert.Equal(new[] { 3.0, 3.0 }, Named(plot, "Gaussian").Points.Select(p => p.Y));
        Assert.Equal(new[] { new PlotPoint(1, 1.1) }, Named(plot, ExperimentFigures.ConstantModeName).Points.Select(p => p with { Y = Math.Round(p.Y, 12) }));
    }

    [Fact]
    public void Every_figure_renders()
    {
        foreach (var (name, figure) in ExperimentFigures.All(Report()))
        {
            Assert.True(Png.Render(figure).Length > 1000, name);
            Assert.StartsWith("<?xml", Svg.Render(figure).TrimStart());
        }
    }
}
