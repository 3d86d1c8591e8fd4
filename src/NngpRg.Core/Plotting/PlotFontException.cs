namespace NngpRg.Core.Plotting;

/// <summary>No installed font can draw the figure's text: without one the renderer would silently draw no text at all.</summary>
/// <param name="message">What is missing and how to install a font.</param>
public sealed class PlotFontException(string message) : InvalidOperationException(message);
