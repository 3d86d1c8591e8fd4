using System.Collections.Immutable;

namespace NngpRg.Core.Plotting;

/// <summary>A point of a series; non-finite coordinates (and values ≤ 0 on a log axis) are skipped when drawn.</summary>
/// <param name="X">Horizontal value.</param>
/// <param name="Y">Vertical value.</param>
public readonly record struct PlotPoint(double X, double Y);

/// <summary>The stroke pattern of a series.</summary>
public enum LineDash
{
    /// <summary>A continuous line.</summary>
    Solid,
    /// <summary>Long dashes.</summary>
    Dashed,
    /// <summary>Short dots.</summary>
    Dotted,
}

/// <summary>One curve of a <see cref="LinePlot"/>: consecutive drawable points are joined by straight segments; a skipped
/// point breaks the line.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="Points">The points, in drawing order.</param>
/// <param name="Colour">An SVG colour ("#1f77b4", "black"); null takes the next colour of a fixed palette.</param>
/// <param name="Dash">The stroke pattern.</param>
/// <param name="OnRightAxis">Drawn against <see cref="LinePlot.Y2"/> instead of <see cref="LinePlot.Y"/>.</param>
public sealed record PlotSeries(string Name, ImmutableArray<PlotPoint> Points, string? Colour = null, LineDash Dash = LineDash.Solid, bool OnRightAxis = false);
