using NngpRg.Core.Plotting;
using Xunit;

namespace NngpRg.Core.Tests.Plotting;

public class AxisTicksTests
{
    [Fact]
    public void Log_axis_puts_decades_at_equal_spacing_and_minor_ticks_at_log_positions()
    {
        var axis = AxisTicks.Layout(AxisScale.Log, 1.5e-3, 70);  // widens to 1 × 10⁻³ and 1 × 10²
        Assert.Equal(1e-3, axis.Min, 15);
        Assert.Equal(100, axis.Max, 10);
        var majors = axis.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(new[] { "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²" }, majors.Select(t => t.Label!).ToArray());
        // Five decades: each major tick sits at n/5 of the axis.
        for (int i = 0; i < majors.Length; i++)
            Assert.Equal(i / 5.0, axis.Fraction(majors[i].Value), 12);
        // The minor tick 2 × 10⁻³ sits log10(2)/5 along.
        var two = axis.Ticks.Single(t => Math.Abs(t.Value - 2e-3) < 1e-15);
        Assert.Null(two.Label);
        Assert.Equal(Math.Log10(2) / 5, axis.Fraction(two.Value), 12);
        Assert.Equal(5 * 8 + 6, axis.Ticks.Length);
    }

    [Fact]
    public void Narrow_log_range_widens_to_one_two_five_and_labels_two_and_five()
    {
        var axis = AxisTicks.Layout(AxisScale.Log, 1.01e-3, 2.6e-3);
        Assert.Equal(1e-3, axis.Min, 15);
        Assert.Equal(5e-3, axis.Max, 15);
        var labels = axis.Ticks.Where(t => t.IsMajor).Select(t => t.Label!).ToArray();
        Assert.Equal(new[] { "10⁻³", "2×10⁻³", "5×10⁻³" }, labels);
    }

    [Fact]
    public void Linear_axis_uses_one_two_five_steps_with_clean_labels()
    {
        var axis = AxisTicks.Layout(AxisScale.Linear, 0.13, 0.87);
        Assert.Equal(0.0, axis.Min, 12);
        Assert.Equal(1.0, axis.Max, 12);
        Assert.Equal(new[] { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0" }, axis.Ticks.Select(t => t.Label!).ToArray());
        Assert.Equal(0.6, axis.Ticks[3].Value, 15);
        Assert.Equal(0.3, axis.Fraction(0.3), 12);
    }

    [Theory]
    [InlineData(7.0, 2.0)]
    [InlineData(0.7, 0.2)]
    [InlineData(0.08, 0.02)]
    [InlineData(23.0, 5.0)]
    [InlineData(40.0, 10.0)]
    public void Nice_step_is_one_two_or_five_times_a_power_of_ten(double span, double step) =>
        Assert.Equal(step, AxisTicks.NiceStep(span), 12);

    [Fact]
    public void Fixed_limits_are_kept_and_bad_limits_are_refused()
    {
        var axis = AxisTicks.Layout(AxisScale.Linear, 0.3, 0.4, 0, 1);
        Assert.Equal(0, axis.Min);
        Assert.Equal(1, axis.Max);
        var e = Assert.Throws<ArgumentException>(() => AxisTicks.Layout(AxisScale.Log, 1, 10, -1, 10));
        Assert.Contains("> 0 on a log axis", e.Message);
    }

    [Fact]
    public void Many_decades_thin_the_labels()
    {
        var axis = AxisTicks.Layout(AxisScale.Log, 1e-12, 1e8);
        var majors = axis.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.InRange(majors.Length, 3, 9);
        Assert.DoesNotContain(axis.Ticks, t => !t.IsMajor);
    }
}
