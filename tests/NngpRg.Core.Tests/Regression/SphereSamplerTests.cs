using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class SphereSamplerTests
{
    [Fact]
    public void Points_have_unit_norm_and_a_seed_reproduces_them()
    {
        var a = SphereSampler.Uniform(7, 50, new Random(42));
        var b = SphereSampler.Uniform(7, 50, new Random(42));
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(1, a[i].Sum(v => v * v), 1e-12);
            Assert.Equal(a[i], b[i]);
        }
    }

    [Fact]
    public void Moments_match_the_uniform_measure()
    {
        // E[x_c] = 0, E[x_c²] = 1/d, E[(x·e)^4] = 3/(d(d+2)); Monte Carlo with 20000 points, tolerance ≈ 5 standard errors.
        const int d = 5, count = 20000;
        var points = SphereSampler.Uniform(d, count, new Random(9));
        for (int c = 0; c < d; c++)
        {
            Assert.InRange(points.Average(x => x[c]), -5 * Math.Sqrt(1.0 / d / count), 5 * Math.Sqrt(1.0 / d / count));
            Assert.Equal(1.0 / d, points.Average(x => x[c] * x[c]), 0.01);
        }
        Assert.Equal(3.0 / (d * (d + 2)), points.Average(x => Math.Pow(x[0], 4)), 0.005);
    }
}
