using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;
using Series = NngpRg.Symbolic.Calculus.Series;

namespace NngpRg.Symbolic.Tests.Probability;

public class GaussianIntegralTests
{
    private static readonly Symbol g = Sym("g"), u = Sym("u"), v = Sym("v"), M = Sym("M"), a = Sym("a");
    private static readonly Symbol s2 = SymSup("sigma", 2);

    private static double Eval(Expr e, Dictionary<Symbol, double> at) => Evaluate.At(e, at);

    // Trapezoid rule over ±14 standard deviations with 8001 nodes: exponentially accurate for Gaussian integrands,
    // so the tolerance is 1e-10 relative.
    private static double Quadrature1D(Func<double, double> f, double width)
    {
        int n = 8000;
        double lo = -14 * width, h = 28 * width / n, sum = 0;
        for (int i = 0; i <= n; i++) sum += (i == 0 || i == n ? 0.5 : 1) * f(lo + i * h);
        return sum * h;
    }

    [Fact]
    public void Ridge_shift_Gaussian_integral_of_PHYSICS_section_2()
    {
        var factor = GaussianIntegral.ExpectationFactor(-Pow(u + g, 2) / (2 * s2), [g], new Expr[,] { { v } });
        Assert.Equal(Pow(s2 / (s2 + v), Num(1, 2)), factor.Prefactor(Num(1, 2)));
        Assert.Equal(-Pow(u, 2) / 2 * Pow(s2 + v, -1), factor.Exponent); // −u²/(2(σ² + v))
        foreach (var (uv, sv, vv) in new[] { (0.7, 0.5, 0.3), (-1.3, 2.0, 1.7), (2.5, 0.1, 0.9) })
        {
            double numeric = Quadrature1D(z => Math.Exp(-z * z / (2 * vv)) / Math.Sqrt(2 * Math.PI * vv) * Math.Exp(-(uv + z) * (uv + z) / (2 * sv)), Math.Sqrt(vv));
            double symbolic = Eval(factor.ToExpr(), new() { [u] = uv, [s2] = sv, [v] = vv });
            Assert.True(Math.Abs(numeric - symbolic) < 1e-10 * symbolic, $"quadrature {numeric}, formula {symbolic}");
        }
    }

    [Fact]
    public void Replicated_integral_is_the_single_replica_factor_to_the_power_M()
    {
        var ua = Sym("u", a);
        var ga = Sym("g", a);
        var replicated = GaussianIntegral.ReplicatedExpectation(-Pow(ua + ga, 2) / (2 * s2), [ga], new Expr[,] { { v } }, a, M);
        var expected = Pow(s2 / (s2 + v), M / 2) * Exp(SumOver(-Pow(ua, 2) / 2 * Pow(s2 + v, -1), a, 1, M));
        Assert.Equal(expected, replicated);
        // M → 0: the prefactor tends to 1 and its first order is (M/2) log(σ²/(σ²+v))
        var prefactor = Pow(s2 / (s2 + v), M / 2);
        Assert.Equal((Expr)1, Series.Limit(prefactor, M));
        Assert.Equal(Num(1, 2) * Log(s2 / (s2 + v)), Series.Expand(prefactor, [M], 1).Coefficient(1));
        // M = 2 written out as two independent one-dimensional integrals
        var two = GaussianIntegral.Expectation(-Pow(Sym("u", 1) + Sym("g", 1), 2) / (2 * s2) - Pow(Sym("u", 2) + Sym("g", 2), 2) / (2 * s2),
            [Sym("g", 1), Sym("g", 2)], new Expr[,] { { v, 0 }, { 0, v } });
        var at = new Dictionary<Symbol, double> { [Sym("u", 1)] = 0.4, [Sym("u", 2)] = -1.1, [s2] = 0.6, [v] = 0.8 };
        double product = 1;
        foreach (var uv in new[] { 0.4, -1.1 })
            product *= Math.Sqrt(0.6 / 1.4) * Math.Exp(-uv * uv / (2 * 1.4));
        Assert.Equal(product, Eval(two, at), 12);
    }

    // 2-D trapezoid on a 601×601 grid over ±14 widths: exponentially accurate; tolerance 1e-8 relative.
    private static double Quadrature2D(Func<double, double, double> f, double width)
    {
        int n = 600;
        double lo = -14 * width, h = 28 * width / n, sum = 0;
        for (int i = 0; i <= n; i++)
            for (int j = 0; j <= n; j++)
                sum += (i == 0 || i == n ? 0.5 : 1) * (j == 0 || j == n ? 0.5 : 1) * f(lo + i * h, lo + j * h);
        return sum * h * h;
    }

    [Fact]
    public void Two_dimensional_integral_by_completing_the_square_matches_quadrature()
    {
        Symbol x = Sym("x"), y = Sym("y"), p = Sym("p"), r = Sym("r"), c = Sym("c"), b1 = Sym("b", 1), b2 = Sym("b", 2);
        var exponent = -(p * Pow(x, 2) + 2 * c * x * y + r * Pow(y, 2)) / 2 + b1 * x + b2 * y + Sym("k");
        var parts = GaussianIntegral.Parts(exponent, [x, y]);
        Assert.Equal(c, parts.A[0, 1]);
        Assert.Equal(p, parts.A[0, 0]);
        var closed = GaussianIntegral.Integrate(exponent, [x, y]);
        foreach (var (pv, rv, cv, b1v, b2v) in new[] { (2.0, 1.5, 0.6, 0.3, -0.8), (1.0, 3.0, -1.2, 1.1, 0.4) })
        {
            var at = new Dictionary<Symbol, double> { [p] = pv, [r] = rv, [c] = cv, [b1] = b1v, [b2] = b2v, [Sym("k")] = 0.25 };
            double numeric = Quadrature2D((xv, yv) => Math.Exp(-(pv * xv * xv + 2 * cv * xv * yv + rv * yv * yv) / 2 + b1v * xv + b2v * yv + 0.25), 1.5);
            double symbolic = Eval(closed, at);
            Assert.True(Math.Abs(numeric - symbolic) < 1e-8 * symbolic, $"quadrature {numeric}, formula {symbolic}");
        }
    }

    [Fact]
    public void Two_dimensional_expectation_under_a_correlated_normal_matches_quadrature()
    {
        Symbol x = Sym("x"), y = Sym("y"), s11 = Sym("S", 1, 1), s12 = Sym("S", 1, 2), s22 = Sym("S", 2, 2);
        var exponent = Num(3, 10) * x - Num(1, 2) * y - Pow(x + y, 2) / 4 - Pow(x, 2) / 3;
        var e = GaussianIntegral.Expectation(exponent, [x, y], new Expr[,] { { s11, s12 }, { s12, s22 } });
        double v11 = 1.2, v12 = -0.4, v22 = 0.7, det = v11 * v22 - v12 * v12;
        double numeric = Quadrature2D((xv, yv) =>
        {
            double q = (v22 * xv * xv - 2 * v12 * xv * yv + v11 * yv * yv) / det;
            return Math.Exp(-q / 2) / (2 * Math.PI * Math.Sqrt(det)) * Math.Exp(0.3 * xv - 0.5 * yv - (xv + yv) * (xv + yv) / 4 - xv * xv / 3);
        }, 1.3);
        double symbolic = Eval(e, new() { [s11] = v11, [s12] = v12, [s22] = v22 });
        Assert.True(Math.Abs(numeric - symbolic) < 1e-8 * symbolic, $"quadrature {numeric}, formula {symbolic}");
    }

    [Fact]
    public void Non_quadratic_exponents_are_rejected_precisely()
    {
        Assert.Contains("degree 3", Assert.Throws<ArgumentException>(() => GaussianIntegral.Integrate(-Pow(g, 3), [g])).Message);
        Assert.Contains("not polynomial", Assert.Throws<ArgumentException>(() => GaussianIntegral.Integrate(Exp(g), [g])).Message);
    }
}
