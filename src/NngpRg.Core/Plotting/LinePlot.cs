using System.Collections.Immutable;

namespace NngpRg.Core.Plotting;

/// <summary>
/// A line plot as data: a title, an x axis, a left y axis, an optional right y axis and the series drawn against them.
/// Nothing is drawn or written here; <see cref="Png.Render(Figure)"/> and <see cref="Svg.Render(Figure)"/> turn the record into bytes or
/// text and the caller decides where they go.
/// </summary>
/// <param name="Title">Shown above the plot area.</param>
/// <param name="X">The horizontal axis.</param>
/// <param name="Y">The left vertical axis.</param>
/// <param name="Series">The curves, drawn in order (later ones on top) and listed in the legend in that order.</param>
/// <param name="Y2">The right vertical axis, for series with <see cref="PlotSeries.OnRightAxis"/>; null when there is none.</param>
public sealed record LinePlot(string Title, PlotAxis X, PlotAxis Y, ImmutableArray<PlotSeries> Series, PlotAxis? Y2 = null) : Figure
{
    /// <inheritdoc />
    public override string Title { get; init; } = Title;

    /// <inheritdoc />
    public override (int Width, int Height) DefaultSize => (720, 480);

    /// <summary>Whether the legend is drawn (top right of the plot area).</summary>
    public bool ShowLegend { get; init; } = true;

    /// <inheritdoc />
    public override IEnumerable<string> Texts() =>
        new[] { Title, X.Label, Y.Label, Y2?.Label ?? "" }.Concat(Series.IsDefault ? [] : Series.Where(s => s is not null).Select(s => s.Name));

    /// <summary>Checks the record: non-null parts, at least one series, and a right axis for every series that asks for one.</summary>
    /// <exception cref="ArgumentException">A rule is broken (the message names the series).</exception>
    public override void Validate()
    {
        ArgumentNullException.ThrowIfNull(Title);
        ArgumentNullException.ThrowIfNull(X);
        ArgumentNullException.ThrowIfNull(Y);
        if (Series.IsDefaultOrEmpty)
            throw new ArgumentException("LinePlot: a plot needs at least one series.", nameof(Series));
        for (int i = 0; i < Series.Length; i++)
        {
            if (Series[i] is null)
                throw new ArgumentException($"LinePlot: Series[{i}] is null.", nameof(Series));
            if (Series[i].OnRightAxis && Y2 is null)
                throw new ArgumentException($"LinePlot: series '{Series[i].Name}' is drawn against the right axis, but the plot has no Y2 axis.", nameof(Series));
            if (!Series[i].Intervals.IsDefaultOrEmpty && Series[i].Intervals.Length != Series[i].Points.Length)
                throw new ArgumentException($"LinePlot: series '{Series[i].Name}' has {Series[i].Intervals.Length} error bars for {Series[i].Points.Length} points.", nameof(Series));
        }
    }
}
