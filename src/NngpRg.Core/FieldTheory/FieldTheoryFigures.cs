using System.Collections.Immutable;
using System.Globalization;
using NngpRg.Core.Plotting;

namespace NngpRg.Core.FieldTheory;

/// <summary>
/// The figure of the width experiment (docs/theory.md §9.4) as a <see cref="LinePlot"/> record: the measured m₄, m₆, m₆c
/// with their standard errors, the exact values and the background against the width N on log axes. Pure.
/// </summary>
public static class FieldTheoryFigures
{
    /// <summary>Legend name of a measured deviation.</summary>
    public static string MeasuredName(DeviationKind kind) => $"{Symbol(kind)} measured";

    /// <summary>Legend name of an exact deviation.</summary>
    public static string ExactName(DeviationKind kind) => $"{Symbol(kind)} exact";

    /// <summary>Legend name of a background.</summary>
    public static string BackgroundName(DeviationKind kind) => $"{Symbol(kind)} background";

    /// <summary>m₂, m₄, m₆, m₆c.</summary>
    public static string Symbol(DeviationKind kind) => kind switch
    {
        DeviationKind.TwoPoint => "m₂",
        DeviationKind.FourPoint => "m₄",
        DeviationKind.SixPoint => "m₆",
        DeviationKind.SixPointConnected => "m₆c",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown deviation"),
    };

    private static readonly (DeviationKind Kind, string Colour)[] Shown =
        [(DeviationKind.FourPoint, "#1f77b4"), (DeviationKind.SixPoint, "#d62728"), (DeviationKind.SixPointConnected, "#2ca02c")];

    /// <summary>Normalized deviations from the GP against N; the title gives the architecture and the fitted slopes.</summary>
    public static LinePlot Deviations(WidthExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var series = ImmutableArray.CreateBuilder<PlotSeries>();
        foreach (var (kind, colour) in Shown)
        {
            var rows = report.Rows.Where(r => r.Analysis.Of(kind).Measured.Mean > 0).ToArray();
            series.Add(new PlotSeries(MeasuredName(kind), [.. rows.Select(r => new PlotPoint(r.Width, r.Analysis.Of(kind).Measured.Mean))], colour)
            {
                Marker = MarkerKind.Circle,
                Intervals = [.. rows.Select(r =>
                {
                    var m = r.Analysis.Of(kind).Measured;
                    return new YInterval(Math.Max(m.Mean - m.StandardError, m.Mean * 0.05), m.Mean + m.StandardError);
                })],
            });
            var exact = report.Rows.Where(r => r.Analysis.Of(kind).Exact is > 0).ToArray();
            if (exact.Length > 0)
                series.Add(new PlotSeries(ExactName(kind), [.. exact.Select(r => new PlotPoint(r.Width, r.Analysis.Of(kind).Exact!.Value))], colour, LineDash.Dashed));
            series.Add(new PlotSeries(BackgroundName(kind), [.. report.Rows.Select(r => new PlotPoint(r.Width, r.Analysis.Of(kind).Background)).Where(p => p.Y > 0)], colour, LineDash.Dotted));
        }
        string slopes = string.Join(", ", report.Slopes.Select(s => $"{Symbol(s.Kind)} {(s.Fit is { } f ? $"{G(f.Slope)}±{G(f.SlopeStandardError)}" : "n/a")}"));
        var a = report.Options.Architecture;
        string title = $"{NetworkKinds.Name(a.Kind)}-net, d = {a.InputDimension}, σ_W = {a.SigmaW.ToString("G4", CultureInfo.InvariantCulture)}, σ_b = {a.SigmaB.ToString("G4", CultureInfo.InvariantCulture)}, " +
            $"{report.Options.Networks} networks per width\nfitted slopes: {slopes}";
        return new LinePlot(title, new PlotAxis("width N", AxisScale.Log), new PlotAxis("normalized deviation from the GP", AxisScale.Log), series.ToImmutable());
    }

    private static string G(double x) => x.ToString("F3", CultureInfo.InvariantCulture);
}
