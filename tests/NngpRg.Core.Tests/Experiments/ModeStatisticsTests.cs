using NngpRg.Core.Experiments;
using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Experiments;

public class ModeStatisticsTests
{
    [Fact]
    public void Rademacher_values_have_excess_kurtosis_minus_two_exactly()
    {
        var random = new Random(3);
        var phi = Enumerable.Range(0, 500).Select(_ => random.Next(2) == 0 ? -1.0 : 1.0).ToArray();
        var m = ModeStatistics.Marginal(1, 0.5, phi);
        Assert.Equal(-2, m.ExcessKurtosis.Value, 12);
        Assert.Equal(0, m.ExcessKurtosis.StandardError, 12);
    }

    [Fact]
    public void Gaussian_values_have_excess_kurtosis_zero_within_four_standard_errors()
    {
        var random = new Random(5);
        var phi = Enumerable.Range(0, 20_000).Select(_ => SphereSampler.StandardNormal(random)).ToArray();
        var m = ModeStatistics.Marginal(1, 1, phi);
        Assert.True(Math.Abs(m.ExcessKurtosis.Value) < 4 * m.ExcessKurtosis.StandardError, $"{m.ExcessKurtosis}");
        Assert.True(Math.Abs(m.Mean.Value) < 4 * m.Mean.StandardError, $"{m.Mean}");
        // A uniform unit-variance variable has E φ⁴ = 9/5: excess −6/5, which the same sample size resolves.
        var uniform = Enumerable.Range(0, 20_000).Select(_ => Math.Sqrt(3) * (2 * random.NextDouble() - 1)).ToArray();
        var u = ModeStatistics.Marginal(1, 1, uniform);
        Assert.True(Math.Abs(u.ExcessKurtosis.Value + 1.2) < 4 * u.ExcessKurtosis.StandardError, $"{u.ExcessKurtosis}");
    }

    [Fact]
    public void Linear_kernel_modes_on_the_sphere_match_the_exact_cumulants()
    {
        // docs/theory.md (4.11): K = x·x' on S^{d−1}, φ_k = √d x_k: U_qqqq = −6/(d+2), U_qqkk = −2/(d+2).
        const int d = 5;
        var points = SphereSampler.Uniform(d, 40_000, new Random(11));
        var phi1 = points.Select(x => Math.Sqrt(d) * x[0]).ToArray();
        var phi2 = points.Select(x => Math.Sqrt(d) * x[1]).ToArray();
        var m = ModeStatistics.Marginal(1, 1.0 / d, phi1);
        Assert.True(Math.Abs(m.ExcessKurtosis.Value + 6.0 / (d + 2)) < 4 * m.ExcessKurtosis.StandardError, $"{m.ExcessKurtosis}");
        var pair = ModeStatistics.Pair(1, 2, phi1, phi2);
        Assert.True(Math.Abs(pair.Cumulant.Value + 2.0 / (d + 2)) < 4 * pair.Cumulant.StandardError, $"{pair.Cumulant}");
        Assert.True(Math.Abs(pair.SquareCorrelation.Value + 2.0 / (d + 2)) < 4 * pair.SquareCorrelation.StandardError, $"{pair.SquareCorrelation}");
    }

    [Fact]
    public void Pair_cumulant_subtracts_the_second_moments_and_the_covariance()
    {
        // Hand-computable sample: φ_k = (1, 2), φ_q = (3, 1): E φk²φq² = (9 + 4)/2, E φk² = 5/2, E φq² = 5, E φkφq = 5/2.
        var pair = ModeStatistics.Pair(1, 2, [1.0, 2.0], [3.0, 1.0]);
        Assert.Equal(6.5 - 1, pair.SquareCorrelation.Value, 12);
        Assert.Equal(6.5 - 2.5 * 5 - 2 * 2.5 * 2.5, pair.Cumulant.Value, 12);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected_with_the_mode_numbers()
    {
        var e = Assert.Throws<ArgumentException>(() => ModeStatistics.Pair(2, 7, [1.0, 2.0], [1.0]));
        Assert.Contains("modes 2 and 7", e.Message);
    }
}
