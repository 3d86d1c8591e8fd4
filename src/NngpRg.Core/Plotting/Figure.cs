using System.Collections.Immutable;

namespace NngpRg.Core.Plotting;

/// <summary>
/// A figure as data, rendered by <see cref="Png.Render(Figure)"/> and <see cref="Svg.Render(Figure)"/> (nothing here draws or writes).
/// Closed hierarchy: <see cref="LinePlot"/> (one panel) and <see cref="PlotGrid"/> (panels on a grid).
/// </summary>
public abstract record Figure
{
    private protected Figure() { }

    /// <summary>Shown above the figure.</summary>
    public abstract string Title { get; init; }

    /// <summary>The logical size a renderer uses when none is given: 720 × 480 for one panel, 280 per grid cell plus the title.</summary>
    public abstract (int Width, int Height) DefaultSize { get; }

    /// <summary>Every string the figure shows (titles, axis labels, legend entries), for the font check.</summary>
    public abstract IEnumerable<string> Texts();

    /// <summary>Checks the record; the message names the broken rule.</summary>
    /// <exception cref="ArgumentException">A rule is broken.</exception>
    public abstract void Validate();
}

/// <summary>One panel of a <see cref="PlotGrid"/> at a row and column (0-based).</summary>
/// <param name="Row">Row, 0 at the top.</param>
/// <param name="Column">Column, 0 at the left.</param>
/// <param name="Plot">The panel.</param>
public sealed record GridCell(int Row, int Column, LinePlot Plot);

/// <summary>Panels on a Rows × Columns grid under one title; cells without a panel stay empty.</summary>
/// <param name="Title">The figure title ("\n" starts a new line).</param>
/// <param name="Rows">Number of rows ≥ 1.</param>
/// <param name="Columns">Number of columns ≥ 1.</param>
/// <param name="Cells">The panels, at distinct positions inside the grid.</param>
public sealed record PlotGrid(string Title, int Rows, int Columns, ImmutableArray<GridCell> Cells) : Figure
{
    /// <inheritdoc />
    public override string Title { get; init; } = Title;

    /// <inheritdoc />
    public override (int Width, int Height) DefaultSize => (Math.Max(280 * Columns, 200), 280 * Rows + 34 + 20 * Title.Count(c => c == '\n'));

    /// <inheritdoc />
    public override IEnumerable<string> Texts() => Cells.SelectMany(c => c.Plot.Texts()).Prepend(Title);

    /// <inheritdoc />
    public override void Validate()
    {
        if (Rows < 1 || Columns < 1) throw new ArgumentException($"PlotGrid: the grid is {Rows} × {Columns}; it needs at least one row and one column.", nameof(Rows));
        if (Cells.IsDefaultOrEmpty) throw new ArgumentException("PlotGrid: a grid needs at least one panel.", nameof(Cells));
        var seen = new HashSet<(int, int)>();
        foreach (var c in Cells)
        {
            if (c.Row < 0 || c.Row >= Rows || c.Column < 0 || c.Column >= Columns)
                throw new ArgumentException($"PlotGrid: panel '{c.Plot.Title}' at ({c.Row}, {c.Column}) lies outside the {Rows} × {Columns} grid.", nameof(Cells));
            if (!seen.Add((c.Row, c.Column)))
                throw new ArgumentException($"PlotGrid: two panels at ({c.Row}, {c.Column}).", nameof(Cells));
            c.Plot.Validate();
        }
    }
}
