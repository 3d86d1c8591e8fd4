namespace NngpRg.Core.Plotting;

/// <summary>Renders a <see cref="Figure"/> to PNG bytes (the caller writes them), at twice the logical size for print.</summary>
public static class Png
{
    /// <summary>The PNG of <paramref name="figure"/>: logical size <paramref name="width"/> × <paramref name="height"/>, pixels
    /// <see cref="ScaleFactor"/> times that.</summary>
    /// <exception cref="ArgumentException">The figure is invalid or the size is below 200 × 150.</exception>
    /// <exception cref="PlotFontException">No installed font has glyphs for the figure's text.</exception>
    public static byte[] Render(Figure figure, int width, int height) => ScottPlotRenderer.Png(figure, width, height, ScaleFactor);

    /// <summary>The PNG of <paramref name="figure"/> at its <see cref="Figure.DefaultSize"/>.</summary>
    /// <exception cref="ArgumentException">The figure is invalid.</exception>
    /// <exception cref="PlotFontException">No installed font has glyphs for the figure's text.</exception>
    public static byte[] Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Render(figure, figure.DefaultSize.Width, figure.DefaultSize.Height);
    }

    /// <summary>Pixels per logical unit in the PNG.</summary>
    public const int ScaleFactor = 2;
}
