using System.Collections.Immutable;
using System.Globalization;
using NngpRg.Core.Plotting;

namespace NngpRg.Core.Experiments;

/// <summary>
/// The two figures of the experiment report (PHYSICS.md §7) as <see cref="LinePlot"/> records: the empirical spectrum with
/// its fitted power law, and the measured learning curve against the flow's predictions. Pure: nothing is rendered or
/// written here. Points that cannot sit on a log axis (non-finite or ≤ 0) are left out of the series.
/// </summary>
public static class ExperimentFigures
{
    /// <summary>Legend name of the empirical eigenvalues.</summary>
    public const string EigenvaluesName = "eigenvalues λ̂_k";

    /// <summary>Legend name of the fitted power law.</summary>
    public const string FitName = "fit A k^-(1+α)";

    /// <summary>Legend name of the measured KRR test MSE.</summary>
    public const string MeasuredName = "measured KRR test MSE";

    /// <summary>Legend name of the upper edge of the measured band (mean + one standard error).</summary>
    public const string MeasuredUpperName = "measured + 1 s.e.";

    /// <summary>Legend name of the lower edge of the measured band (mean − one standard error).</summary>
    public const string MeasuredLowerName = "measured − 1 s.e.";

    /// <summary>Legend name of the renormalized-EK prediction (PHYSICS.md §3).</summary>
    public const string RgName = "renormalized EK (RG)";

    /// <summary>Legend name of the self-consistent prediction (PHYSICS.md §5).</summary>
    public const string SelfConsistentName = "self-consistent";

    /// <summary>
    /// λ̂_k against k on log–log axes, with the fitted law A k^{−(1+α)} (dashed) drawn over the fit range
    /// FirstMode … LastMode only; the title gives α ± its standard error.
    /// </summary>
    public static LinePlot Spectrum(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fit = report.Fit;
        var eigenvalues = Placeable(report.Eigenvalues.Select((v, i) => new PlotPoint(i + 1, v)));
        var law = Placeable(Enumerable.Range((int)fit.FirstMode, (int)(fit.LastMode - fit.FirstMode + 1))
            .Select(k => new PlotPoint(k, fit.Law.Amplitude * Math.Pow(k, -(1 + fit.Law.Alpha)))));
        string title = $"Spectrum: α = {G(fit.Law.Alpha)} ± {G(fit.AlphaStandardError)} (fit over modes {fit.FirstMode}..{fit.LastMode}, R² = {fit.RSquared.ToString("F3", CultureInfo.InvariantCulture)})";
        return new LinePlot(title,
            new PlotAxis("mode k", AxisScale.Log),
            new PlotAxis("eigenvalue λ̂_k", AxisScale.Log),
            [new PlotSeries(EigenvaluesName, eigenvalues, "#1f77b4"), new PlotSeries(FitName, law, "#d62728", LineDash.Dashed)]);
    }

    /// <summary>
    /// Measured KRR test MSE against η on log–log axes, with mean ± one standard error as two thin dotted series, and the
    /// renormalized-EK and self-consistent predicted MSE.
    /// </summary>
    public static LinePlot LearningCurve(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Points;
        PlotSeries Series(string name, Func<ExperimentPoint, double> y, string colour, LineDash dash) =>
            new(name, Placeable(points.Select(p => new PlotPoint(p.Eta, y(p)))), colour, dash);
        string title = $"Learning curve, MSE ∝ η^-e: e = α/(1+α) = {G(report.PredictedExponent)}" +
                       (report.MeasuredCurveFit is { } m ? $", measured e = {G(m.Exponent)}" : "");
        ImmutableArray<PlotSeries> series =
            [
                Series(MeasuredName, p => p.MeasuredMse.Mean, "black", LineDash.Solid),
                Series(MeasuredUpperName, p => p.MeasuredMse.Mean + p.MeasuredMse.StandardError, "#7f7f7f", LineDash.Dotted),
                Series(MeasuredLowerName, p => p.MeasuredMse.Mean - p.MeasuredMse.StandardError, "#7f7f7f", LineDash.Dotted),
                Series(RgName, p => p.PredictedMse, "#1f77b4", LineDash.Solid),
                Series(SelfConsistentName, p => p.SelfConsistentMse, "#d62728", LineDash.Dashed),
            ];
        var (min, max) = ClearOfLegend(series.SelectMany(s => s.Points).Select(p => p.Y).ToList());
        return new LinePlot(title, new PlotAxis("training points η", AxisScale.Log), new PlotAxis("test MSE", AxisScale.Log, min, max), series);
    }

    /// <summary>
    /// Log-axis limits that keep the data in the lower ~60 % of the plot: the five-entry legend sits in the top right, where a
    /// flat learning curve would otherwise run under it. Null limits (taken from the data) when there is nothing to place.
    /// </summary>
    internal static (double? Min, double? Max) ClearOfLegend(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (null, null);
        double lo = values.Min(), hi = values.Max();
        double span = Math.Max(Math.Log10(hi / lo), 0.3);  // at least a factor 2, so a single value still gets a readable axis
        return (lo / Math.Pow(10, 0.05 * span), hi * Math.Pow(10, 0.6 * span));
    }

    /// <summary>The points that a log–log plot can place: both coordinates finite and &gt; 0.</summary>
    private static ImmutableArray<PlotPoint> Placeable(IEnumerable<PlotPoint> points) =>
        [.. points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && p.X > 0 && p.Y > 0)];

    private static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
