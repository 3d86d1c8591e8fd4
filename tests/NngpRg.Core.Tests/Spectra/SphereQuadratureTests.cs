using System.Numerics;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Spectra;

public class SphereQuadratureTests
{
    // E[t^{2k}] for t = x₁, x uniform on S^{d−1}: (2k − 1)!! / (d (d + 2) … (d + 2k − 2)).
    private static double EvenMoment(int d, int k)
    {
        double m = 1;
        for (int i = 0; i < k; i++) m *= (2.0 * i + 1) / (d + 2.0 * i);
        return m;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(3072)]
    public void Gauss_Gegenbauer_integrates_sphere_moments_exactly_up_to_degree_2n_minus_1(int d)
    {
        int n = 12;
        var rule = SphereQuadrature.GaussGegenbauer(d, n);
        Assert.Equal(1.0, rule.Weights.Sum(), 1e-14);
        Assert.All(rule.Weights, w => Assert.True(w >= 0));
        for (int k = 0; 2 * k <= 2 * n - 1; k++)
        {
            double exact = EvenMoment(d, k);
            Assert.Equal(1.0, rule.Integrate(t => Math.Pow(t, 2 * k)) / exact, 1e-12);
            Assert.Equal(0.0, rule.Integrate(t => Math.Pow(t, 2 * k + 1)), 1e-16);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Angular_rule_integrates_sphere_moments(int d)
    {
        var rule = SphereQuadrature.Angular(d, 200);
        for (int k = 0; k <= 10; k++)
            Assert.Equal(1.0, rule.Integrate(t => Math.Pow(t, 2 * k)) / EvenMoment(d, k), 1e-12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(300)]
    public void Normalized_Gegenbauer_polynomials_are_orthogonal_with_norm_one_over_multiplicity(int d)
    {
        // Addition theorem: E[P_ℓ(t) P_m(t)] = δ_ℓm / N(d, ℓ) — ties the recurrence, the rule and the multiplicity together.
        int maxDegree = 10;
        var rule = SphereQuadrature.GaussGegenbauer(d, maxDegree + 2);
        for (int l = 0; l <= maxDegree; l++)
            for (int m = 0; m <= l; m++)
            {
                double inner = rule.Integrate(t => Gegenbauer.Evaluate(d, l, t) * Gegenbauer.Evaluate(d, m, t));
                double expected = l == m ? 1 / FunkHecke.Multiplicity(d, l) : 0;
                Assert.Equal(expected, inner, 1e-13);
            }
    }

    [Fact]
    public void Gegenbauer_reduces_to_Legendre_and_Chebyshev()
    {
        foreach (double t in new[] { -1.0, -0.73, 0.0, 0.31, 0.999, 1.0 })
        {
            Assert.Equal((3 * t * t - 1) / 2, Gegenbauer.Evaluate(3, 2, t), 1e-15);
            Assert.Equal((5 * t * t * t - 3 * t) / 2, Gegenbauer.Evaluate(3, 3, t), 1e-15);
            Assert.Equal(Math.Cos(7 * Math.Acos(t)), Gegenbauer.Evaluate(2, 7, t), 1e-13);
            Assert.Equal(1.0, Gegenbauer.Evaluate(3072, 200, 1.0), 1e-12);
        }
        Assert.Contains("t = 1.5", Assert.Throws<ArgumentOutOfRangeException>(() => Gegenbauer.Evaluate(3, 2, 1.5)).Message);
    }

    [Fact]
    public void Multiplicity_counts_harmonic_polynomials()
    {
        // Independent count: harmonic polynomials of degree ℓ in d variables = binom(ℓ+d−1, d−1) − binom(ℓ+d−3, d−1).
        static BigInteger Binomial(int n, int k)
        {
            if (k < 0 || n < k) return 0;
            BigInteger r = 1;
            for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
            return r;
        }
        foreach (int d in new[] { 2, 3, 4, 5, 10, 100, 3072 })
            for (int l = 0; l <= 60; l++)
            {
                var exact = Binomial(l + d - 1, d - 1) - Binomial(l + d - 3, d - 1);
                Assert.Equal(exact, FunkHecke.ExactMultiplicity(d, l));
                Assert.Equal(BigInteger.Log(exact), FunkHecke.LogMultiplicity(d, l), 1e-12 * Math.Max(1, BigInteger.Log(exact)));
                Assert.Equal(1.0, FunkHecke.Multiplicity(d, l) / (double)exact, 1e-12);
            }
        Assert.Equal(2 * 17 + 1, FunkHecke.Multiplicity(3, 17));
        Assert.Equal(2, FunkHecke.Multiplicity(2, 17));
        Assert.Equal(18 * 18, FunkHecke.Multiplicity(4, 17));
        Assert.True(double.IsFinite(FunkHecke.Multiplicity(3072, 50)));
    }
}
