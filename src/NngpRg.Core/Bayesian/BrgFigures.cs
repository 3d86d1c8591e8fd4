using System.Collections.Immutable;
using System.Globalization;
using NngpRg.Core.Plotting;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// The figure of the Bayesian-RG experiment (docs/theory.md §10.6) as a <see cref="LinePlot"/> record: test MSE and
/// predictive variance against the information cutoff on log axes. Pure; the Λ = 0 row cannot sit on a log axis and is
/// drawn as the horizontal 2 × MSE₀ line of the Λ_C rule instead.
/// </summary>
public static class BrgFigures
{
    /// <summary>Legend name of the measured ensemble-mean test MSE.</summary>
    public const string MseName = "test MSE (ensemble mean)";

    /// <summary>Legend name of the exact expectation over the resampling, Eq. (10.16).</summary>
    public const string ExpectedName = "E_resample[MSE], Eq. (10.16)";

    /// <summary>Legend name of the Λ_C threshold.</summary>
    public const string ThresholdName = "2 × MSE₀ (Λ_C rule)";

    /// <summary>Legend name of the predictive variance (right axis).</summary>
    public const string VarianceName = "predictive variance (right axis)";

    /// <summary>MSE (left) and predictive variance (right) against Λ; the title gives Λ_C, E and the Fisher sample.</summary>
    public static LinePlot MseAndVariance(BrgExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows.Skip(1).ToArray();
        ImmutableArray<PlotPoint> Of(Func<BrgCutoffRow, double> y) =>
            [.. rows.Select(r => new PlotPoint(r.Cutoff, y(r))).Where(p => double.IsFinite(p.Y) && p.Y > 0)];
        double threshold = 2 * report.TrainedMse.Mean;
        string critical = report.CriticalCutoff is { } c ? G(c) : "none";
        string title = $"Bayesian RG: E = {report.IncludedMembers} networks, {report.Options.FisherSamples} Fisher samples, " +
            $"{InformationShell.Name(report.Options.CoarseGraining)}; Λ_C = {critical}";
        return new LinePlot(title,
            new PlotAxis("information cutoff Λ", AxisScale.Log),
            new PlotAxis("test MSE", AxisScale.Log),
            [
                new PlotSeries(MseName, Of(r => r.Mse.Mean), "#1f77b4"),
                new PlotSeries(ExpectedName, Of(r => r.ExpectedMse.Mean), "#2ca02c", LineDash.Dashed),
                new PlotSeries(ThresholdName, [new PlotPoint(rows[0].Cutoff, threshold), new PlotPoint(rows[^1].Cutoff, threshold)], "#7f7f7f", LineDash.Dotted),
                new PlotSeries(VarianceName, Of(r => r.PredictiveVariance), "#d62728", LineDash.Dashed, OnRightAxis: true),
            ],
            new PlotAxis("predictive variance (ensemble, test-averaged)", AxisScale.Log));
    }

    private static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
