using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class EstimateTests
{
    [Fact]
    public void Mean_and_standard_error_of_a_small_sample()
    {
        // Values 1, 2, 3, 6: mean 3, sample variance (4 + 1 + 0 + 9)/3 = 14/3, standard error √(14/3/4).
        var e = Estimate.Of([1.0, 2.0, 3.0, 6.0]);
        Assert.Equal(3, e.Mean, 1e-15);
        Assert.Equal(Math.Sqrt(14.0 / 3 / 4), e.StandardError, 1e-15);
        Assert.Equal(4, e.Draws);
    }

    [Fact]
    public void One_draw_or_a_nan_is_rejected()
    {
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => Estimate.Of([1.0])).Message);
        Assert.Contains("draw 1 is NaN", Assert.Throws<ArgumentException>(() => Estimate.Of([1.0, double.NaN])).Message);
    }
}
