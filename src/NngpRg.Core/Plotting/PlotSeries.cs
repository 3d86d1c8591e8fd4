using System.Collections.Immutable;

namespace NngpRg.Core.Plotting;

/// <summary>A point of a series; non-finite coordinates (and values ≤ 0 on a log axis) are skipped when drawn.</summary>
/// <param name="X">Horizontal value.</param>
/// <param name="Y">Vertical value.</param>
public readonly record struct PlotPoint(double X, double Y);

/// <summary>A vertical error bar from Low to High at a point's x (on a log axis a Low ≤ 0 is drawn from the axis bottom).</summary>
/// <param name="Low">Lower end.</param>
/// <param name="High">Upper end.</param>
public readonly record struct YInterval(double Low, double High);

/// <summary>The stroke pattern of a series.</summary>
public enum LineDash
{
    /// <summary>A continuous line.</summary>
    Solid,
    /// <summary>Long dashes.</summary>
    Dashed,
    /// <summary>Short dots.</summary>
    Dotted,
    /// <summary>No line: markers only.</summary>
    None,
}

/// <summary>The marker drawn at each point of a series.</summary>
public enum MarkerKind
{
    /// <summary>No marker.</summary>
    None,
    /// <summary>A filled circle.</summary>
    Circle,
    /// <summary>A small filled dot (for scatter clouds of many points).</summary>
    Dot,
}

/// <summary>One curve of a <see cref="LinePlot"/>: consecutive drawable points are joined by straight segments; a skipped
/// point breaks the line.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="Points">The points, in drawing order.</param>
/// <param name="Colour">"#rrggbb" or a basic colour name (black, white, gray, red, green, blue); null takes the next colour of a fixed palette.</param>
/// <param name="Dash">The stroke pattern.</param>
/// <param name="OnRightAxis">Drawn against <see cref="LinePlot.Y2"/> instead of <see cref="LinePlot.Y"/>.</param>
public sealed record PlotSeries(string Name, ImmutableArray<PlotPoint> Points, string? Colour = null, LineDash Dash = LineDash.Solid, bool OnRightAxis = false)
{
    /// <summary>The marker at each point.</summary>
    public MarkerKind Marker { get; init; } = MarkerKind.None;

    /// <summary>Vertical error bars, one per point (empty: none).</summary>
    public ImmutableArray<YInterval> Intervals { get; init; } = [];
}
