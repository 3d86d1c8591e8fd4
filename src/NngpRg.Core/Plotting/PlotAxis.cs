namespace NngpRg.Core.Plotting;

/// <summary>How an axis maps values to positions.</summary>
public enum AxisScale
{
    /// <summary>Position proportional to the value; ticks at 1-2-5 multiples of a power of ten.</summary>
    Linear,
    /// <summary>Position proportional to log₁₀ of the value; major ticks at decades, minor ticks at 2…9 × 10ⁿ.
    /// Values ≤ 0 cannot be placed and are skipped.</summary>
    Log,
}

/// <summary>One axis of a <see cref="LinePlot"/>.</summary>
/// <param name="Label">The axis title.</param>
/// <param name="Scale">Linear or logarithmic.</param>
/// <param name="Min">Lower end; null takes it from the data (widened to a tick or a decade).</param>
/// <param name="Max">Upper end; null takes it from the data (widened to a tick or a decade).</param>
public sealed record PlotAxis(string Label, AxisScale Scale = AxisScale.Linear, double? Min = null, double? Max = null);
