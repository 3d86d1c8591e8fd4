using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Probability;

public class WickTests
{
    private static readonly Symbol x = Sym("x"), s = Sym("s"), a = Sym("a");

    [Fact]
    public void Pairings_are_perfect_distinct_and_counted_by_the_double_factorial()
    {
        for (int n = 0; n <= 10; n++)
        {
            var all = Wick.Pairings(n).ToList();
            Assert.Equal((int)Wick.PairingCount(n), all.Count);
            Assert.All(all, p => Assert.Equal(Enumerable.Range(0, n), p.SelectMany(q => new[] { q.First, q.Second }).Order()));
            Assert.Equal(all.Count, all.Select(p => string.Join(";", p)).Distinct().Count());
        }
        Assert.Equal(15, (int)Wick.PairingCount(6));
        Assert.Empty(Wick.Pairings(5));
        // partial pairings: telephone numbers 1, 1, 2, 4, 10, 26, 76
        Assert.Equal(new[] { 1, 1, 2, 4, 10, 26, 76 }, Enumerable.Range(0, 7).Select(n => Wick.PartialPairings(n).Count()));
    }

    [Fact]
    public void Moments_of_one_variable_are_double_factorials_of_the_variance()
    {
        Expr Cov(Expr i, Expr j) => s;
        Assert.Equal(3 * Pow(s, 2), Wick.Moment([x, x, x, x], Cov));
        Assert.Equal(15 * Pow(s, 3), Wick.Moment([x, x, x, x, x, x], Cov));
        Assert.Equal((Expr)0, Wick.Moment([x, x, x], Cov));
        Assert.Equal(3 * Pow(s, 2) + a * s, Wick.Expectation(Pow(x, 4) + a * Pow(x, 2) + x, x, s));
    }

    [Fact]
    public void Six_distinct_variables_give_fifteen_products_of_covariances()
    {
        var xs = Enumerable.Range(1, 6).Select(i => (Expr)Sym("x", i)).ToList();
        Expr Cov(Expr i, Expr j) => SymmetricTensor.Of("C", [((Symbol)i).Subscripts[0], ((Symbol)j).Subscripts[0]]);
        var m = Assert.IsType<Sum>(Wick.Moment(xs, Cov));
        Assert.Equal(15, m.Terms.Count);
        Assert.All(m.Terms, t => Assert.Equal(Rational.One, t.Value));
        Assert.Contains(Sym("C", 1, 2) * Sym("C", 3, 4) * Sym("C", 5, 6), m.Terms.Keys);
        // E[x1² x2²] = C11 C22 + 2 C12²
        Assert.Equal(Sym("C", 1, 1) * Sym("C", 2, 2) + 2 * Pow(Sym("C", 1, 2), 2), Wick.Moment([xs[0], xs[0], xs[1], xs[1]], Cov));
    }

    // Monte Carlo twin: three correlated Gaussians from a fixed Cholesky factor; 400 000 samples give a standard error
    // below 0.02 on these sixth-order moments, the tolerance is five standard errors.
    [Fact]
    public void Sixth_moment_agrees_with_Monte_Carlo()
    {
        double[,] l = { { 1.0, 0, 0 }, { 0.5, 0.8, 0 }, { -0.3, 0.4, 0.7 } };
        var cov = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) cov[i, j] += l[i, k] * l[j, k];
        var xs = Enumerable.Range(0, 3).Select(i => (Expr)Number.Of(i)).ToList();
        int[] labels = [0, 0, 1, 1, 2, 2];
        var sym = Wick.Moment(labels.Select(i => xs[i]).ToList(), (i, j) => Number.Of(Rational.FromDouble(cov[(int)((Number)i).Value.Numerator, (int)((Number)j).Value.Numerator])));
        double exact = Evaluate.Constant(sym);
        var rng = new Random(12345);
        const int n = 400_000;
        double sum = 0, sum2 = 0;
        for (int t = 0; t < n; t++)
        {
            double z0 = Normal(rng), z1 = Normal(rng), z2 = Normal(rng);
            double v0 = l[0, 0] * z0, v1 = l[1, 0] * z0 + l[1, 1] * z1, v2 = l[2, 0] * z0 + l[2, 1] * z1 + l[2, 2] * z2;
            double p = v0 * v0 * v1 * v1 * v2 * v2;
            sum += p;
            sum2 += p * p;
        }
        double mean = sum / n, se = Math.Sqrt((sum2 / n - mean * mean) / n);
        Assert.True(Math.Abs(mean - exact) < 5 * se, $"Wick {exact}, Monte Carlo {mean} ± {se}");
    }

    internal static double Normal(Random rng)
    {
        double u = 1 - rng.NextDouble(), v = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
