using System.Collections.Immutable;
using System.Globalization;
using NngpRg.Core.Plotting;

namespace NngpRg.Core.Experiments;

/// <summary>
/// The figures of the experiment report (docs/theory.md §7) as <see cref="Figure"/> records: the empirical spectrum with its
/// fitted power law, the label power with its fitted tail, the measured learning curve against the predictions, the pair
/// scatter of chosen modes with marginals and Gaussian fits (the paper's Figure 2), and E φ̂⁴ against k. Pure: nothing is
/// rendered or written here. Points that cannot sit on a log axis (non-finite or ≤ 0) are left out of the series.
/// </summary>
public static class ExperimentFigures
{
    /// <summary>Legend name of the empirical eigenvalues.</summary>
    public const string EigenvaluesName = "eigenvalues λ̂_k";

    /// <summary>Legend name of the fitted power law.</summary>
    public const string FitName = "fit A k^-(1+α)";

    /// <summary>Legend name of the constant mode's marker.</summary>
    public const string ConstantModeName = "constant mode";

    /// <summary>Legend name (prefix) of the measured KRR test MSE.</summary>
    public const string MeasuredName = "measured KRR test MSE";

    /// <summary>Legend name (prefix) of the renormalized-EK prediction on the fitted law (docs/theory.md §3).</summary>
    public const string RgName = "renormalized EK (RG), fitted law";

    /// <summary>Legend name (prefix) of the self-consistent prediction on the fitted law (docs/theory.md §5).</summary>
    public const string SelfConsistentName = "self-consistent, fitted law";

    /// <summary>Legend name (prefix) of the renormalized-EK prediction on the empirical spectrum.</summary>
    public const string EmpiricalRgName = "renormalized EK (RG), λ̂_k";

    /// <summary>Legend name (prefix) of the self-consistent prediction on the empirical spectrum.</summary>
    public const string EmpiricalSelfConsistentName = "self-consistent, λ̂_k";

    /// <summary>Every figure with its file stem: spectrum, label_power, learning_curve, modes, kurtosis (those the report has data for).</summary>
    public static ImmutableArray<(string Name, Figure Figure)> All(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var all = ImmutableArray.CreateBuilder<(string, Figure)>();
        all.Add(("spectrum", Spectrum(report)));
        if (report.Beta is not null) all.Add(("label_power", LabelPower(report)));
        all.Add(("learning_curve", LearningCurve(report)));
        if (report.Scatter is not null) all.Add(("modes", Modes(report)));
        if (report.Profile.Length > 0) all.Add(("kurtosis", Kurtosis(report)));
        return all.ToImmutable();
    }

    /// <summary>
    /// λ̂_k against k on log–log axes, with the fitted law A k^{−(1+α)} (dashed) over the primary fit range and the constant
    /// modes marked; the title gives α ± its error (OLS and fit-range spread combined).
    /// </summary>
    public static LinePlot Spectrum(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fit = report.Fit;
        var eigenvalues = Placeable(report.Eigenvalues.Select((v, i) => new PlotPoint(i + 1, v)));
        var law = Placeable(Enumerable.Range((int)fit.FirstMode, (int)(fit.LastMode - fit.FirstMode + 1))
            .Select(k => new PlotPoint(k, fit.Law.Amplitude * Math.Pow(k, -(1 + fit.Law.Alpha)))));
        double se = report.Alpha?.StandardError ?? fit.AlphaStandardError;
        string title = $"Spectrum: α = {G(fit.Law.Alpha)} ± {G(se)} (fit over modes {fit.FirstMode}..{fit.LastMode}, R² = {fit.RSquared.ToString("F3", CultureInfo.InvariantCulture)})";
        var series = ImmutableArray.CreateBuilder<PlotSeries>();
        series.Add(new PlotSeries(EigenvaluesName, eigenvalues, "#1f77b4"));
        series.Add(new PlotSeries(FitName, law, "#d62728", LineDash.Dashed));
        var constant = report.Profile.Where(m => m.IsConstant).ToList();
        if (constant.Count > 0)
            series.Add(new PlotSeries($"{ConstantModeName} k = {string.Join(",", constant.Select(m => m.Mode))}",
                Placeable(constant.Select(m => new PlotPoint(m.Mode, m.Eigenvalue))), "black", LineDash.None) { Marker = MarkerKind.Circle });
        // The axis starts below k = 1 so that the constant mode's marker is not cut by the frame.
        return new LinePlot(title, new PlotAxis("mode k", AxisScale.Log, 0.8), new PlotAxis("eigenvalue λ̂_k", AxisScale.Log), series.ToImmutable());
    }

    /// <summary>The label power beyond κ, T(κ) = Σ_{k&gt;κ} y_k², against κ with the fitted B κ^{−(β−1)} over the primary range.</summary>
    /// <exception cref="InvalidOperationException">The report has no β.</exception>
    public static LinePlot LabelPower(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var beta = report.Beta ?? throw new InvalidOperationException("ExperimentFigures.LabelPower: the report has no β.");
        var tail = FitRanges.CumulativeTail(report.TargetPower);
        var points = Placeable(Enumerable.Range(1, tail.Length - 2).Select(k => new PlotPoint(k, tail[k])));
        var (a, b) = (beta.Primary.FirstMode, beta.Primary.LastMode);
        // The line through the primary range's least-squares fit: refit the intercept at the stated slope.
        double slope = 1 - beta.Value, intercept = Enumerable.Range(a, b - a + 1).Average(k => Math.Log(tail[k]) - slope * Math.Log(k));
        var law = Placeable(Enumerable.Range(a, b - a + 1).Select(k => new PlotPoint(k, Math.Exp(intercept + slope * Math.Log(k)))));
        return new LinePlot($"Label power beyond κ: β = {G(beta.Value)} ± {G(beta.StandardError)} (fit over {a}..{b})",
            new PlotAxis("cutoff κ", AxisScale.Log), new PlotAxis("Σ_(k>κ) y_k²", AxisScale.Log),
            [new PlotSeries("label power beyond κ", points, "#1f77b4"), new PlotSeries("fit B κ^-(β−1)", law, "#d62728", LineDash.Dashed)]);
    }

    /// <summary>
    /// Measured KRR test MSE against η on log–log axes (markers at the measured η, ±1 standard error bars), with the
    /// renormalized-EK and self-consistent predictions on the fitted law and on the empirical spectrum; each legend entry
    /// carries the exponent of its curve over the grid, the title the measured exponent.
    /// </summary>
    public static LinePlot LearningCurve(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Points;
        string E(Func<ExperimentPoint, double> y) => ExponentText([.. points.Select(p => (double)p.Eta)], [.. points.Select(y)]);
        PlotSeries Series(string name, Func<ExperimentPoint, double> y, string colour, LineDash dash) =>
            new($"{name}{E(y)}", Placeable(points.Select(p => new PlotPoint(p.Eta, y(p)))), colour, dash);
        var measuredPoints = points.Select(p => (Point: new PlotPoint(p.Eta, p.MeasuredMse.Mean),
            Bar: new YInterval(p.MeasuredMse.Mean - p.MeasuredMse.StandardError, p.MeasuredMse.Mean + p.MeasuredMse.StandardError)))
            .Where(p => double.IsFinite(p.Point.Y) && p.Point.Y > 0).ToList();
        string measuredExponent = report.Measured is { } m ? $", e = {G(m.Fit.Exponent)} ± {G(m.StandardError)}" : "";
        var series = ImmutableArray.CreateBuilder<PlotSeries>();
        series.Add(new PlotSeries(MeasuredName + measuredExponent, [.. measuredPoints.Select(p => p.Point)], "black")
            { Marker = MarkerKind.Circle, Intervals = [.. measuredPoints.Select(p => p.Bar)] });
        series.Add(Series(RgName, p => p.PredictedMse, "#1f77b4", LineDash.Solid));
        series.Add(Series(SelfConsistentName, p => p.SelfConsistentMse, "#d62728", LineDash.Dashed));
        if (points.All(p => p.Empirical is not null))
        {
            series.Add(Series(EmpiricalRgName, p => p.Empirical!.Value.RgMse, "#2ca02c", LineDash.Dotted));
            series.Add(Series(EmpiricalSelfConsistentName, p => p.Empirical!.Value.SelfConsistentMse, "#ff7f0e", LineDash.Dotted));
        }
        string title = report.Measured is { } me
            ? $"Learning curve, MSE ∝ η^-e: measured e = {G(me.Fit.Exponent)} ± {G(me.StandardError)}"
            : $"Learning curve, MSE ∝ η^-e{(report.MeasuredCurveFit is { } f ? $": measured e = {G(f.Exponent)}" : "")}";
        var all = series.ToImmutable();
        var (min, max) = ClearOfLegend([.. all.SelectMany(s => s.Points).Select(p => p.Y)], all.Length);
        return new LinePlot(title, new PlotAxis("training points η", AxisScale.Log), new PlotAxis("test MSE", AxisScale.Log, min, max), all);
    }

    /// <summary>
    /// The paper's Figure 2: for the report's figure modes k₁ … k_M an M × M grid with the histogram of φ̂_k (density) and
    /// the Gaussian N(mean, variance) fitted to it on the diagonal, and the scatter of φ̂_{k_j} against φ̂_{k_i} below it with
    /// U_qqkk ± its standard error in the panel title; a constant mode is named in its panel title.
    /// </summary>
    /// <exception cref="InvalidOperationException">The report has no figure modes.</exception>
    public static PlotGrid Modes(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scatter = report.Scatter ?? throw new InvalidOperationException("ExperimentFigures.Modes: the report has no figure modes.");
        int m = scatter.Modes.Length;
        var cells = ImmutableArray.CreateBuilder<GridCell>();
        for (int i = 0; i < m; i++)
        {
            var marginal = scatter.Marginals[i];
            var values = scatter.Values[i];
            cells.Add(new GridCell(i, i, Histogram(marginal, values)));
            for (int j = 0; j < i; j++)
            {
                var pair = scatter.Pairs.Single(p => (p.First, p.Second) == (scatter.Modes[j], scatter.Modes[i]) || (p.First, p.Second) == (scatter.Modes[i], scatter.Modes[j]));
                var cloud = Placeable(values.Select((v, n) => new PlotPoint(scatter.Values[j][n], v)), logX: false, logY: false);
                cells.Add(new GridCell(i, j, new LinePlot($"U = {G(pair.Cumulant.Value)} ± {G(pair.Cumulant.StandardError)}",
                    new PlotAxis($"φ̂_{scatter.Modes[j]}"), new PlotAxis($"φ̂_{scatter.Modes[i]}"),
                    [new PlotSeries("", cloud, "#1f77b4", LineDash.None) { Marker = MarkerKind.Dot }]) { ShowLegend = false }));
            }
        }
        return new PlotGrid($"Mode amplitudes φ̂_k on N = {report.SampleCount} points, modes {string.Join(", ", scatter.Modes)}\n{scatter.Choice}",
            m, m, cells.ToImmutable());
    }

    /// <summary>E φ̂_k⁴ against k (log–log) with ±1 standard error bars, the Gaussian value 3 dashed and the constant modes marked.</summary>
    public static LinePlot Kurtosis(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fluctuating = report.Profile.Where(m => !m.IsConstant).ToList();
        var constant = report.Profile.Where(m => m.IsConstant).ToList();
        int gaussian = fluctuating.Count(m => m.ConsistentWithGaussian);
        var points = fluctuating.Select(m => (P: new PlotPoint(m.Mode, m.ExcessKurtosis.Value + 3),
            B: new YInterval(m.ExcessKurtosis.Value + 3 - m.ExcessKurtosis.StandardError, m.ExcessKurtosis.Value + 3 + m.ExcessKurtosis.StandardError)))
            .Where(p => double.IsFinite(p.P.Y) && p.P.Y > 0).ToList();
        var series = ImmutableArray.CreateBuilder<PlotSeries>();
        series.Add(new PlotSeries("E φ̂_k⁴ ± 1 s.e.", [.. points.Select(p => p.P)], "#1f77b4", LineDash.None)
            { Marker = MarkerKind.Dot, Intervals = [.. points.Select(p => p.B)] });
        series.Add(new PlotSeries("Gaussian: 3", [new PlotPoint(1, 3), new PlotPoint(report.Profile.Length, 3)], "#d62728", LineDash.Dashed));
        if (constant.Count > 0)
            series.Add(new PlotSeries($"{ConstantModeName} k = {string.Join(",", constant.Select(c => c.Mode))}",
                Placeable(constant.Select(c => new PlotPoint(c.Mode, c.ExcessKurtosis.Value + 3))), "black", LineDash.None) { Marker = MarkerKind.Circle });
        return new LinePlot($"E φ̂_k⁴: {gaussian} of {fluctuating.Count} non-constant modes Gaussian within 3 Gaussian s.e.",
            new PlotAxis("mode k", AxisScale.Log, 0.8), new PlotAxis("E φ̂_k⁴", AxisScale.Log, 0.8), series.ToImmutable());
    }

    private static LinePlot Histogram(ModeGaussianity marginal, ImmutableArray<double> values)
    {
        const int bins = 40;
        double lo = values.Min(), hi = values.Max();
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        double width = (hi - lo) / bins;
        var counts = new int[bins];
        foreach (var v in values) counts[Math.Min(bins - 1, (int)((v - lo) / width))]++;
        var steps = new List<PlotPoint> { new(lo, 0) };
        for (int b = 0; b < bins; b++)
        {
            double density = counts[b] / (values.Length * width);
            steps.Add(new PlotPoint(lo + b * width, density));
            steps.Add(new PlotPoint(lo + (b + 1) * width, density));
        }
        steps.Add(new PlotPoint(hi, 0));
        double mean = marginal.Mean.Value, sd = Math.Sqrt(Math.Max(marginal.Variance, 1e-300));
        var gauss = Enumerable.Range(0, 201).Select(i => lo + (hi - lo) * i / 200.0)
            .Select(x => new PlotPoint(x, Math.Exp(-0.5 * (x - mean) * (x - mean) / (sd * sd)) / (sd * Math.Sqrt(2 * Math.PI)))).ToImmutableArray();
        string title = marginal.IsConstant
            ? $"mode {marginal.Mode}: CONSTANT MODE\n(variance {G(marginal.Variance)})"
            : $"mode {marginal.Mode}: E φ̂³ = {G(marginal.Skewness.Value)} ± {G(marginal.Skewness.StandardError)}\nE φ̂⁴ − 3 = {G(marginal.ExcessKurtosis.Value)} ± {G(marginal.ExcessKurtosis.StandardError)}";
        return new LinePlot(title, new PlotAxis($"φ̂_{marginal.Mode}"), new PlotAxis("density"),
            [
                new PlotSeries("histogram", [.. steps], "#1f77b4"),
                new PlotSeries(marginal.IsConstant ? "Gaussian fit (degenerate)" : "Gaussian fit", gauss, "#d62728", LineDash.Dashed),
            ]) { ShowLegend = false };
    }

    /// <summary>" e = …" for a curve over the grid, or "" when it cannot be fitted (one η, or a value ≤ 0).</summary>
    private static string ExponentText(double[] eta, double[] mse)
    {
        if (eta.Length < 2 || mse.Any(v => !(v > 0) || !double.IsFinite(v))) return "";
        return $", e = {G(Theory.LearningCurves.FitExponent(eta, mse, eta.Min(), eta.Max()).Exponent)}";
    }

    /// <summary>
    /// Log-axis limits that keep the data in the lower part of the plot: the legend (of <paramref name="entries"/> rows)
    /// sits in the top right, where a flat learning curve would otherwise run under it. Null limits (taken from the data)
    /// when there is nothing to place.
    /// </summary>
    internal static (double? Min, double? Max) ClearOfLegend(IReadOnlyList<double> values, int entries = 5)
    {
        var placeable = values.Where(v => double.IsFinite(v) && v > 0).ToList();
        if (placeable.Count == 0) return (null, null);
        double lo = placeable.Min(), hi = placeable.Max();
        double span = Math.Max(Math.Log10(hi / lo), 0.3);  // at least a factor 2, so a single value still gets a readable axis
        double top = Math.Max(0.6, 0.12 * entries);         // about an eighth of the data span per legend row, at least 0.6
        return (lo / Math.Pow(10, 0.05 * span), hi * Math.Pow(10, top * span));
    }

    /// <summary>The points that the axes can place: finite, and &gt; 0 on a log axis.</summary>
    private static ImmutableArray<PlotPoint> Placeable(IEnumerable<PlotPoint> points, bool logX = true, bool logY = true) =>
        [.. points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && (!logX || p.X > 0) && (!logY || p.Y > 0))];

    private static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
