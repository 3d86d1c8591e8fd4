using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;
using Series = NngpRg.Symbolic.Calculus.Series;

namespace NngpRg.Symbolic.Tests.Probability;

public class HermiteTests
{
    private static readonly Symbol x = Sym("x"), t = Sym("t");

    [Fact]
    public void Low_degrees_match_the_known_polynomials()
    {
        Assert.Equal(Pow(x, 4) - 6 * Pow(x, 2) + 3, Hermite.He(4, x));
        Assert.Equal(Pow(x, 5) - 10 * Pow(x, 3) + 15 * x, Hermite.He(5, x));
    }

    // Independent route: the generating function exp(x t − t²/2) = Σ He_n(x) tⁿ/n!, expanded as a series in t.
    [Fact]
    public void Recurrence_agrees_with_the_generating_function()
    {
        var g = Series.Expand(Exp(x * t - Pow(t, 2) / 2), [t], 8);
        for (int n = 0; n <= 8; n++)
            Assert.Equal(Hermite.He(n, x), g.Coefficient(n) * Number.Of(Factorial(n)));
    }

    private static Rational Factorial(int n) => Enumerable.Range(1, n).Aggregate(Rational.One, (a, k) => a * k);

    // Trapezoid rule on [−12, 12] with step 0.02: exponentially accurate for a Gaussian weight; tolerance 1e-9·n!.
    [Fact]
    public void Orthogonality_under_the_normal_weight()
    {
        for (int m = 0; m <= 6; m++)
            for (int n = 0; n <= 6; n++)
            {
                var f = Hermite.He(m, x) * Hermite.He(n, x);
                double integral = 0, h = 0.02;
                for (double z = -12; z <= 12 + 1e-9; z += h)
                    integral += h * Evaluate.At(f, new Dictionary<Symbol, double> { [x] = z }) * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
                double expected = m == n ? Factorial(n).ToDouble() : 0;
                Assert.True(Math.Abs(integral - expected) < 1e-9 * (1 + expected), $"<He_{m} He_{n}> = {integral}, expected {expected}");
            }
    }

    [Fact]
    public void Multivariate_Hermite_is_the_signed_sum_over_partial_pairings()
    {
        Symbol i = Sym("i"), j = Sym("j"), k = Sym("k");
        Expr Phi(Expr a) => Sym("phi", a);
        Expr D(Expr a, Expr b) => KroneckerDelta.Of(a, b);
        Assert.Equal(Phi(i) * Phi(j) * Phi(k) - D(i, j) * Phi(k) - D(i, k) * Phi(j) - D(j, k) * Phi(i), Hermite.HeMulti([i, j, k], Phi));
        Assert.Equal(Phi(i) * Phi(j) - D(i, j), Hermite.HeMulti([i, j], Phi));
        // all indices equal reduces to the univariate polynomial; distinct numbered indices factorize
        var p1 = Sym("phi", 1);
        Assert.Equal(Hermite.He(4, p1), Hermite.HeMulti([1, 1, 1, 1], Phi));
        Assert.Equal(Pow(p1, 2) * Sym("phi", 2) - Sym("phi", 2), Hermite.HeMulti([1, 2, 1], Phi)); // He₂(φ₁)·He₁(φ₂)
        Assert.Equal(D(i, j), D(j, i));
        Assert.Equal((Expr)0, D(1, 2));
    }
}
