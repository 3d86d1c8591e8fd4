using System.Collections.Immutable;
using System.Globalization;

namespace NngpRg.Core.Plotting;

/// <summary>A tick mark: its value, and its label (null for a minor tick).</summary>
/// <param name="Value">Where the tick sits, in data units.</param>
/// <param name="Label">The text under (or beside) a major tick; null for a minor tick.</param>
public readonly record struct Tick(double Value, string? Label)
{
    /// <summary>A major (labelled) tick.</summary>
    public bool IsMajor => Label is not null;
}

/// <summary>An axis range with its ticks, ready to draw.</summary>
/// <param name="Scale">Linear or logarithmic.</param>
/// <param name="Min">Lower end (data units).</param>
/// <param name="Max">Upper end (data units), &gt; Min.</param>
/// <param name="Ticks">Ticks inside [Min, Max], increasing.</param>
public sealed record AxisLayout(AxisScale Scale, double Min, double Max, ImmutableArray<Tick> Ticks)
{
    /// <summary>Position of <paramref name="value"/> as a fraction of the axis length: 0 at Min, 1 at Max (log₁₀ on a log axis).</summary>
    public double Fraction(double value) => Scale == AxisScale.Log
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>Whether the value can be placed on this axis (finite, and &gt; 0 on a log axis).</summary>
    public bool CanPlace(double value) => double.IsFinite(value) && (Scale == AxisScale.Linear || value > 0);
}

/// <summary>Axis ranges and tick positions: 1-2-5 steps on linear axes, decades with minor ticks on log axes.</summary>
public static class AxisTicks
{
    /// <summary>
    /// Lays out an axis over the data range [dataMin, dataMax] (finite, &gt; 0 for log) or over the fixed limits
    /// <paramref name="fixedMin"/>/<paramref name="fixedMax"/> when given. Free ends are widened to the next tick
    /// (linear) or decade (log); an empty or single-valued range is widened around its value.
    /// </summary>
    /// <exception cref="ArgumentException">Fixed limits that are not finite, not increasing, or ≤ 0 on a log axis.</exception>
    public static AxisLayout Layout(AxisScale scale, double dataMin, double dataMax, double? fixedMin = null, double? fixedMax = null)
    {
        foreach (var (v, name) in new[] { (fixedMin, "Min"), (fixedMax, "Max") })
            if (v is { } x && (!double.IsFinite(x) || (scale == AxisScale.Log && x <= 0)))
                throw new ArgumentException($"AxisTicks: the axis {name} = {x:R} must be finite{(scale == AxisScale.Log ? " and > 0 on a log axis" : "")}.");
        if (!(double.IsFinite(dataMin) && double.IsFinite(dataMax) && dataMin <= dataMax))
            (dataMin, dataMax) = scale == AxisScale.Log ? (1.0, 10.0) : (0.0, 1.0);
        double lo = fixedMin ?? dataMin, hi = fixedMax ?? dataMax;
        if (fixedMin is not null && fixedMax is not null && !(hi > lo))
            throw new ArgumentException($"AxisTicks: the axis limits Min = {lo:R}, Max = {hi:R} must be increasing.");
        return scale == AxisScale.Log ? LogLayout(lo, hi, fixedMin is null, fixedMax is null) : LinearLayout(lo, hi, fixedMin is null, fixedMax is null);
    }

    /// <summary>The 1-2-5 step (1, 2 or 5 times a power of ten) giving about <paramref name="target"/> intervals over a span.</summary>
    public static double NiceStep(double span, int target = 5)
    {
        double raw = span / target;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double normalized = raw / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static AxisLayout LinearLayout(double lo, double hi, bool freeLo, bool freeHi)
    {
        if (!(hi > lo))
        {
            double pad = lo == 0 ? 1 : Math.Abs(lo) * 0.1;
            if (freeLo) lo -= pad;
            if (freeHi || !(hi > lo)) hi = lo + (freeLo ? 2 * pad : pad);
        }
        double step = NiceStep(hi - lo);
        if (freeLo) lo = Math.Floor(lo / step + 1e-9) * step;
        if (freeHi) hi = Math.Ceiling(hi / step - 1e-9) * step;
        step = NiceStep(hi - lo);
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        double largest = Math.Max(Math.Abs(lo), Math.Abs(hi));
        bool scientific = largest >= 1e6 || decimals > 4;
        var ticks = ImmutableArray.CreateBuilder<Tick>();
        for (long i = (long)Math.Ceiling(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++)
        {
            double v = i * step;  // integer multiples: no accumulated rounding in the tick values
            if (Math.Abs(v) < step * 1e-9) v = 0;
            string label = scientific ? v.ToString("0.###E+0", CultureInfo.InvariantCulture) : v.ToString("F" + decimals, CultureInfo.InvariantCulture);
            ticks.Add(new Tick(v, label));
        }
        return new AxisLayout(AxisScale.Linear, lo, hi, ticks.ToImmutable());
    }

    private static AxisLayout LogLayout(double lo, double hi, bool freeLo, bool freeHi)
    {
        if (!(hi > lo))
        {
            if (freeLo) lo /= 10;
            if (freeHi || !(hi > lo)) hi = lo * (freeLo ? 100 : 10);
        }
        // Free ends widen to the next 1-2-5 × 10ⁿ value, not a whole decade, so narrow data keep the plot's height.
        if (freeLo) lo = OneTwoFive(lo, down: true);
        if (freeHi) hi = OneTwoFive(hi, down: false);
        int first = (int)Math.Ceiling(Math.Log10(lo) - 1e-9), last = (int)Math.Floor(Math.Log10(hi) + 1e-9);
        int decades = last - first;
        // Label every decade up to 8 of them, then every 2nd, 5th, … so labels do not collide; minor ticks only when few.
        int every = decades <= 8 ? 1 : (int)NiceStep(decades, 6);
        bool minor = decades <= 6;
        // Spanning less than two decades, the 2 and 5 minor ticks carry labels too, so the scale can be read.
        bool labelMinor = Math.Log10(hi / lo) < 2 + 1e-9;
        var ticks = ImmutableArray.CreateBuilder<Tick>();
        for (int n = first - 1; n <= last; n++)
        {
            double decade = Math.Pow(10, n);
            if (n >= first && (n - first) % every == 0) ticks.Add(new Tick(decade, PowerOfTen(n)));
            else if (n >= first && minor) ticks.Add(new Tick(decade, null));
            if (!minor) continue;
            for (int m = 2; m <= 9; m++)
            {
                double v = m * decade;
                if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12))
                    ticks.Add(new Tick(v, labelMinor && (m is 2 or 5) ? $"{m}×{PowerOfTen(n)}" : null));
            }
        }
        // Fewer than two labelled decades (a narrow fixed range): label the ends instead.
        if (ticks.Count(t => t.IsMajor) < 2)
        {
            var ends = new[] { new Tick(lo, Short(lo)), new Tick(hi, Short(hi)) };
            var kept = ticks.Where(t => !t.IsMajor && t.Value > lo && t.Value < hi).ToList();
            return new AxisLayout(AxisScale.Log, lo, hi, [ends[0], .. kept, ends[1]]);
        }
        return new AxisLayout(AxisScale.Log, lo, hi, ticks.ToImmutable());
    }

    /// <summary>The largest (down) or smallest (up) value m × 10ⁿ with m ∈ {1, 2, 5} at or beyond v &gt; 0.</summary>
    private static double OneTwoFive(double v, bool down)
    {
        double decade = Math.Pow(10, Math.Floor(Math.Log10(v)));
        double[] steps = [1, 2, 5, 10];
        if (down) return steps.Where(m => m * decade <= v * (1 + 1e-12)).Max() * decade;
        return steps.Where(m => m * decade >= v * (1 - 1e-12)).Min() * decade;
    }

    private static string Short(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>"10ⁿ" with a Unicode superscript exponent (10⁰ = 1 is still written as a power, so the axis reads uniformly).</summary>
    public static string PowerOfTen(int n)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var exponent = string.Concat(Math.Abs(n).ToString(CultureInfo.InvariantCulture).Select(c => digits[c - '0']));
        return "10" + (n < 0 ? "⁻" : "") + exponent;
    }
}
