namespace NngpRg.Core.Plotting;

/// <summary>
/// Renders a <see cref="Figure"/> to a standalone SVG document (a string; the caller writes it). Text is drawn as glyph
/// outlines, so the file looks the same without the font; the document carries the figure's title in &lt;title&gt; and its
/// axis labels and legend entries in &lt;desc&gt;, so it stays searchable and accessible.
/// </summary>
public static class Svg
{
    /// <summary>The SVG text of <paramref name="figure"/> at <paramref name="width"/> × <paramref name="height"/>.</summary>
    /// <exception cref="ArgumentException">The figure is invalid or the size is below 200 × 150.</exception>
    /// <exception cref="PlotFontException">No installed font has glyphs for the figure's text.</exception>
    public static string Render(Figure figure, int width, int height) => ScottPlotRenderer.Svg(figure, width, height);

    /// <summary>The SVG text of <paramref name="figure"/> at its <see cref="Figure.DefaultSize"/>.</summary>
    /// <exception cref="ArgumentException">The figure is invalid.</exception>
    /// <exception cref="PlotFontException">No installed font has glyphs for the figure's text.</exception>
    public static string Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Render(figure, figure.DefaultSize.Width, figure.DefaultSize.Height);
    }

    /// <summary>Escapes the five XML special characters.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&apos;");
    }
}
