using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;
using Series = NngpRg.Symbolic.Calculus.Series;

namespace NngpRg.Symbolic.Tests.Calculus;

public class SeriesTests
{
    private static readonly Symbol x = Sym("x"), y = Sym("y"), M = Sym("M"), r = Sym("r"), v = Sym("v");
    private static readonly Symbol s2 = SymSup("sigma", 2);

    private static double Eval(Expr e, params (Symbol, double)[] at) => Evaluate.At(e, at.ToDictionary(p => p.Item1, p => p.Item2));

    [Fact]
    public void Exp_of_the_log_series_is_one_plus_x_exactly()
    {
        var logSeries = Series.Expand(Log(1 + x), [x], 9);
        Assert.Equal((Expr)Num(-1, 4), logSeries.Coefficient(4));
        Assert.Equal(1 + x, Series.Exp(logSeries).ToExpr());
        // and with a symbolic slope: log(1 + a x) composed back
        var a = Sym("a");
        Assert.Equal(1 + a * x, Series.Exp(Series.Expand(Log(1 + a * x), [x], 6)).ToExpr());
    }

    [Fact]
    public void Known_expansions_have_exact_rational_coefficients()
    {
        var e = Series.Expand(Exp(x) * Sin(x), [x], 5);
        Assert.Equal(x + Pow(x, 2) + Num(1, 3) * Pow(x, 3) - Num(1, 30) * Pow(x, 5), e.ToExpr());
        var b = Series.Expand(x / (Exp(x) - 1), [x], 6); // Bernoulli numbers
        Assert.Equal(1 - Num(1, 2) * x + Num(1, 12) * Pow(x, 2) - Num(1, 720) * Pow(x, 4) + Num(1, 30240) * Pow(x, 6), b.ToExpr());
        var t = Series.Expand(Tan(x), [x], 7);
        Assert.Equal(x + Num(1, 3) * Pow(x, 3) + Num(2, 15) * Pow(x, 5) + Num(17, 315) * Pow(x, 7), t.ToExpr());
        var at = Series.Expand(Arctan(x) + Erf(x), [x], 5);
        var c = 2 / Sqrt(Pi);
        Assert.Equal(SeriesCoeffs(x, (1, 1 + c), (3, -Num(1, 3) - c / 3), (5, Num(1, 5) + c / 10)), at.ToExpr());
    }

    private static Expr SeriesCoeffs(Symbol v0, params (int Power, Expr Coefficient)[] terms) =>
        Sum.Of(terms.Select(p => p.Coefficient * Pow(v0, p.Power)));

    [Fact]
    public void Binomial_series_with_a_symbolic_exponent()
    {
        var s = Series.Expand(Pow(1 + x, r), [x], 3);
        Assert.Equal(Num(1, 2) * Pow(r, 2) - Num(1, 2) * r, s.Coefficient(2));
        foreach (var (rv, xv) in new[] { (0.3, 0.01), (-2.5, 0.02), (4.0, -0.015) })
        {
            double exact = Math.Pow(1 + xv, rv);
            double approx = Eval(s.ToExpr(), (r, rv), (x, xv));
            Assert.True(Math.Abs(exact - approx) < 20 * Math.Pow(Math.Abs(xv), 4) * (1 + Math.Abs(rv * rv * rv * rv)), $"r={rv}, x={xv}: {exact} vs {approx}");
        }
    }

    [Fact]
    public void Removable_singularities_are_resolved_by_shifting_the_valuation()
    {
        var s = Series.Expand((1 - Exp(-M * x)) / M, [M], 3);
        Assert.Equal(x - Num(1, 2) * M * Pow(x, 2) + Num(1, 6) * Pow(M, 2) * Pow(x, 3) - Num(1, 24) * Pow(M, 3) * Pow(x, 4), s.ToExpr());
        // terms singular one by one, regular together
        var d = Series.Expand(1 / x - 1 / Sin(x), [x], 3);
        Assert.Equal(-Num(1, 6) * x - Num(7, 360) * Pow(x, 3), d.ToExpr());
        // a higher-order zero in the denominator
        var h = Series.Expand((x - Sin(x)) / Pow(x, 3), [x], 2);
        Assert.Equal(Num(1, 6) - Num(1, 120) * Pow(x, 2), h.ToExpr());
    }

    [Fact]
    public void Replica_limit_of_the_Gaussian_prefactor_is_half_the_log()
    {
        var ratio = s2 / (s2 + v);
        var limit = Series.Limit((Pow(ratio, M / 2) - 1) / M, M);
        Assert.Equal(Num(1, 2) * Log(ratio), limit);
        // numeric twin: the difference quotient at small M
        foreach (var (sv, vv) in new[] { (0.5, 0.3), (2.0, 1.7) })
        {
            double m = 1e-7, q = sv / (sv + vv);
            Assert.Equal((Math.Pow(q, m / 2) - 1) / m, Eval(limit, (s2, sv), (v, vv)), 6);
        }
        // the prefactor itself tends to 1
        Assert.Equal((Expr)1, Series.Limit(Pow(ratio, M / 2), M));
    }

    [Fact]
    public void Poles_branch_points_and_unsupported_nodes_give_precise_errors()
    {
        Assert.Contains("pole", Assert.Throws<SeriesException>(() => Series.Expand(1 / x, [x], 2)).Message);
        Assert.Contains("branch point", Assert.Throws<SeriesException>(() => Series.Expand(Sqrt(x), [x], 2)).Message);
        Assert.Contains("logarithmic singularity", Assert.Throws<SeriesException>(() => Series.Expand(Log(x), [x], 2)).Message);
        Assert.Contains("not a power series", Assert.Throws<SeriesException>(() => Series.Expand(x / (x + y), [x, y], 2)).Message);
        Assert.Contains("no series rule", Assert.Throws<SeriesException>(() => Series.Expand(Call(Sym("f"), x), [x], 2)).Message);
        Assert.Contains("beyond the truncation order", Assert.Throws<ArgumentException>(() => Series.Expand(Exp(x), [x], 2).Coefficient(3)).Message);
    }

    [Fact]
    public void Multiplication_keeps_the_smaller_order_and_drops_higher_degrees()
    {
        var a = Series.Expand(1 / (1 - x - y), [x, y], 4);
        var b = Series.Expand(Exp(x * y), [x, y], 2);
        var p = a * b;
        Assert.Equal(2, p.Order);
        Assert.All(p.Terms.Keys, m => Assert.True(m.Degree <= 2));
        Assert.Equal(a.Truncate(2), a * Series.One([x, y], 2));
        Assert.Equal((Expr)2, a.Coefficient(1, 1)); // (x + y)² → 2xy
        Assert.Equal(Series.One([x, y], 4), a * Series.Expand(1 - x - y, [x, y], 4));
    }

    // The truncation error of an order-N expansion, evaluated along a ray ε·(a, b), scales like ε^{N+1}.
    [Fact]
    public void Multivariate_truncation_error_scales_like_the_next_order()
    {
        var f = Exp(x + 2 * y) * Sqrt(1 + x * y) / (1 - y) + Cos(x - y) * Log(1 + x + Pow(y, 2));
        foreach (int n in new[] { 2, 3, 4 })
        {
            var poly = Series.Expand(f, [x, y], n).ToExpr();
            double Err(double eps) => Math.Abs(Eval(f, (x, 0.7 * eps), (y, -0.4 * eps)) - Eval(poly, (x, 0.7 * eps), (y, -0.4 * eps)));
            double ratio = Err(0.02) / Err(0.01);
            Assert.InRange(ratio, Math.Pow(2, n + 1) * 0.75, Math.Pow(2, n + 1) * 1.3);
        }
    }

    [Fact]
    public void Random_expressions_expand_with_an_error_of_the_next_order()
    {
        int checkedCount = 0;
        Prop.ForAll(ExprGen.Arbitrary, Arb.From(Gen.Choose(0, 1000)), (e, seed) =>
        {
            const int n = 3;
            var at = new Dictionary<Symbol, double>(ExprGen.Points(seed));
            // the other symbols are fixed to exact rationals first, which keeps the coefficients (and the run time) small
            foreach (var other in new[] { ExprGen.Y, ExprGen.Z, ExprGen.LambdaK })
                e = Structure.BottomUp(e, node => node.Equals(other) ? Number.Of(Rational.FromDouble(Math.Round(at[other] * 8) / 8)) : node);
            Series s;
            try { s = Series.Expand(e, [ExprGen.X], n); }
            catch (SeriesException) { return true; } // a pole or branch point of the random expression at x = 0
            var poly = s.ToExpr();
            double Remainder(double eps)
            {
                at[ExprGen.X] = eps;
                return ExprGen.Value(e, at) - ExprGen.Value(poly, at);
            }
            double Err(double eps) => Math.Abs(Remainder(eps));
            // step at a tenth of the radius of convergence estimated from the coefficients (root test)
            double radiusInverse = Enumerable.Range(1, n).Max(k => Math.Pow(Math.Abs(ExprGen.Value(s.Coefficient(k), at)), 1.0 / k));
            if (!double.IsFinite(radiusInverse)) return true; // overflowing constants such as exp(10^5)
            double h = Math.Min(0.01, 0.1 / Math.Max(radiusInverse, 1e-300));
            double e1 = Err(h), e2 = Err(h / 2);
            // rounding floor from the conditioning of both evaluations at the larger step (first-order propagation of
            // one rounding per node, see RoundingError.Magnitude), with a margin of 10³
            at[ExprGen.X] = h;
            double noise = 1e3 * Math.Pow(2, -52) * Math.Max(RoundingError.Magnitude(e, at), RoundingError.Magnitude(poly, at));
            at[ExprGen.X] = 0;
            double scale = 1 + Math.Abs(ExprGen.Value(e, at));
            if (!double.IsFinite(e1) || !double.IsFinite(e2) || !double.IsFinite(noise)) return true;
            double floor = Math.Max(1e-11 * scale, noise);
            var verdict = RemainderOrder(Remainder, h, floor, noise);
            if (verdict.Measured) checkedCount++;
            if (verdict.NextOrder) return true;
            throw new InvalidOperationException($"{e} at {string.Join(", ", at.Select(kv => $"{kv.Key}={kv.Value}"))}: series {poly}, step {h}, {verdict.Detail}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));
        Assert.True(checkedCount >= 3, $"only {checkedCount} random expressions had a measurable remainder");
    }

    /// <summary>
    /// Whether the remainder err(h) of an order-3 expansion starts at order ≥ 4. The step is halved until the last pair of
    /// errors above the rounding floor: there a remainder of order ≥ 4 has err(h)/err(h/2) near 16 or more, a wrong coefficient
    /// of order ≤ 3 near 8 or less. One pair at the first step is not enough: when the x⁴ coefficient nearly vanishes against
    /// the x⁵ term (c₅h/c₄ ≈ −½), the ratio 16|1 + r|/|1 + r/2| is about 10.7 although the series is right.
    /// When the ratio stays low because the floor stops the halving early (c₄ = −0.44 under c₅ = 30: ratio 7.7, then below
    /// the floor), the cubic coefficient of the remainder is extrapolated (see CubicCoefficient) and the series is accepted
    /// when that coefficient is zero within rounding (<paramref name="noise"/>, the absolute rounding error of one
    /// remainder) and truncation; such a case is not counted as measured.
    /// </summary>
    internal static (bool NextOrder, bool Measured, string Detail) RemainderOrder(Func<double, double> remainder, double h, double floor, double noise)
    {
        // R(h/2^k), each evaluated once: the ratio test and the extrapolation share the steps
        var remainders = new Dictionary<int, double>();
        double At(int k) => remainders.TryGetValue(k, out var r) ? r : remainders[k] = remainder(h / (1 << k));
        double err(int k) => Math.Abs(At(k));
        double previous = err(0);
        if (previous < floor) return (err(1) < floor, false, $"error {previous} below the floor {floor} at {h} but not at {h / 2}");
        double? ratio = null;
        bool finite = true;
        var errors = new List<double> { previous };
        for (int k = 1; k <= 10; k++)
        {
            double current = err(k);
            errors.Add(current);
            finite = double.IsFinite(current);
            if (!finite || current < floor) break;
            ratio = previous / current;
            previous = current;
        }
        string detail = $"errors {string.Join(", ", errors)} at steps {h} / 2^k, floor {floor}";
        // the first halving fell below the floor: a wrong coefficient of order ≤ 3 would have left err(h)/8 or more, so
        // the drop is of order ≥ 4 whenever err(h) ≥ 8·floor, and below that nothing is measurable either way
        if (ratio is null) return (finite || previous < 16 * floor, finite && previous >= 16 * floor, detail);
        if (ratio.Value > 16 * 0.7) return (true, true, detail);
        var cubic = CubicCoefficient(At, h, noise);
        return (cubic.IsZero, false, $"{detail}; ratio {ratio.Value}; {cubic.Detail}");
    }

    /// <summary>
    /// The x³ coefficient δ of a remainder R (<paramref name="remainderAt"/>(k) = R(h/2^k)), as the limit h → 0 of
    /// g(h) = R(h)/h³ by Richardson extrapolation over
    /// h, h/2, h/4 (δ₁ = (8g(h/4) − 6g(h/2) + g(h))/3, exact when g is a quadratic) and over h/2, h/4, h/8 (δ₂). For a
    /// right order-3 series g = c₄h + c₅h² + c₆h³ + …, both vanish up to O(h³), so δ₁ − δ₂ ≈ 7δ₂; for a wrong cubic
    /// coefficient both are δ; for a wrong lower coefficient g grows like h⁻¹ or faster and δ₂ is at least twice
    /// δ₁ − δ₂ over 7. Zero: |δ₂| ≤ 2|δ₁ − δ₂|/7 + 3·(u₁ + u₂), uᵢ the rounding noise carried through the extrapolation.
    /// </summary>
    internal static (bool IsZero, string Detail) CubicCoefficient(Func<int, double> remainderAt, double h, double noise)
    {
        double[] steps = [h, h / 2, h / 4, h / 8];
        double[] g = [.. steps.Select((s, k) => remainderAt(k) / (s * s * s))];
        double[] u = [.. steps.Select(s => noise / (s * s * s))];
        double Extrapolated(double[] v, int k) => (8 * v[k + 2] - 6 * v[k + 1] + v[k]) / 3;
        double Carried(double[] v, int k) => (8 * v[k + 2] + 6 * v[k + 1] + v[k]) / 3;
        double d1 = Extrapolated(g, 0), d2 = Extrapolated(g, 1);
        double allowed = 2 * Math.Abs(d1 - d2) / 7 + 3 * (Carried(u, 0) + Carried(u, 1));
        bool zero = double.IsFinite(d1) && double.IsFinite(d2) && Math.Abs(d2) <= allowed;
        return (zero, $"cubic coefficient of the remainder {d2} (coarser {d1}), allowed {allowed}");
    }

    [Fact]
    public void The_remainder_order_check_waits_for_the_asymptotic_ratio_and_still_catches_a_wrong_coefficient()
    {
        // c₄ = 1, c₅ = −5 at h = 0.1: the first ratio is 10.7, the asymptotic one 16 — a right series
        Assert.True(RemainderOrder(t => Math.Pow(t, 4) - 5 * Math.Pow(t, 5), 0.1, 1e-30, 0).NextOrder);
        // a wrong x³ coefficient of 10⁻³ hides under c₄ = 1 at h = 0.1 (ratio ≈ 15) and shows at small steps (ratio → 8)
        Assert.False(RemainderOrder(t => 1e-3 * Math.Pow(t, 3) + Math.Pow(t, 4), 0.1, 1e-30, 0).NextOrder);
        // err(h) = 1.9·10⁻¹⁰ above the floor 10⁻¹¹ and err(h/2) = 9.6·10⁻¹² below it (a ratio of 20, a right series);
        // the same floor with a wrong x³ coefficient keeps err(h/2) = err(h)/8 above it
        Assert.True(RemainderOrder(t => 0.01172 * Math.Pow(t, 4) + 0.728 * Math.Pow(t, 5), 0.01, 1e-11, 1e-14).NextOrder);
        Assert.False(RemainderOrder(t => 1e-4 * Math.Pow(t, 3), 0.01, 1e-11, 1e-14).NextOrder);
        // a nearly vanishing c₄ under a large c₅, stopped by the floor after one ratio (7.7): the remainder of
        // 1/(log(cos(x − 11/8)² + 1)² + 1/2)² to order 3 (coefficients to 12 digits by an independent high-precision
        // Taylor expansion) is accepted by its extrapolated cubic coefficient; the same with a wrong x³ coefficient of
        // 10⁻³ is refused
        static double NearlyVanishingC4(double t) => -0.444058414443 * Math.Pow(t, 4) + 30.0790432509 * Math.Pow(t, 5) + 13.7177669476 * Math.Pow(t, 6) - 47.3962108484 * Math.Pow(t, 7);
        Assert.True(RemainderOrder(NearlyVanishingC4, 0.01, 4.98e-11, 1e-13).NextOrder);
        Assert.False(RemainderOrder(t => NearlyVanishingC4(t) + 1e-3 * Math.Pow(t, 3), 0.01, 4.98e-11, 1e-13).NextOrder);
        Assert.False(RemainderOrder(t => NearlyVanishingC4(t) + 1e-2 * t * t, 0.01, 4.98e-11, 1e-13).NextOrder);
        // a real series: exp(x) against 1 + x + x²/2 + x³/6
        Assert.True(RemainderOrder(t => Math.Exp(t) - (1 + t + t * t / 2 + t * t * t / 6), 0.01, 1e-15, 1e-16).NextOrder);
    }

    [Fact]
    public void Reciprocal_is_an_involution_and_inverts_products()
    {
        var gen = Gen.ArrayOf(ExprGen.SmallRational, 6).Select(cs => cs.Select(c => (Expr)c).ToArray());
        Prop.ForAll(Arb.From(gen), cs =>
        {
            var c0 = cs[0] is Number { Value.IsZero: true } ? (Expr)1 : cs[0];
            var s = Series.Of([x, y], 3, [
                new(Monomial.Of(0, 0), c0), new(Monomial.Of(1, 0), cs[1]), new(Monomial.Of(0, 1), cs[2] * Sym("a")),
                new(Monomial.Of(1, 1), cs[3]), new(Monomial.Of(3, 0), cs[4]), new(Monomial.Of(0, 2), cs[5])]);
            return s.Reciprocal().Reciprocal().Equals(s) && (s * s.Reciprocal()).Equals(Series.One([x, y], 3));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Power_with_a_variable_exponent_goes_through_exp_log()
    {
        // (1 + x)^(1/x) → e(1 − x/2 + 11x²/24): a removable singularity inside an exponent
        var s = Series.Expand(Pow(1 + x, 1 / x), [x], 2);
        Assert.Equal(Exp(1), s.Coefficient(0));
        Assert.Equal(-Exp(1) / 2, s.Coefficient(1));
        Assert.Equal(Num(11, 24) * Exp(1), s.Coefficient(2));
    }

    [Fact]
    public void A_large_parameter_written_as_one_over_epsilon_expands()
    {
        var d = Sym("d");
        Expr e = (d - 3) / (d + 2); // with d = 1/ε: (1 − 3ε)/(1 + 2ε) = 1 − 5ε + 10ε² − …
        var s = Series.Expand(Structure.BottomUp(e, n => n.Equals(d) ? 1 / x : n), [x], 3);
        Assert.Equal(1 - 5 * x + 10 * Pow(x, 2) - 20 * Pow(x, 3), s.ToExpr());
    }

    // docs/theory.md §2.2, (2.6), for a Gaussian shell mode (m₂ = 1): averaging exp(−U/(2(σ² + δc φ²))) over φ ~ N(0, 1)
    // agrees with exp(−U/(2(σ² + δc))) through O(δc); at O(δc²) the difference is Var(φ²) = 2 times the δc² coefficient.
    [Fact]
    public void Thin_shell_average_shifts_the_ridge_to_first_order_in_the_shell_width()
    {
        Symbol dc = Sym("deltac"), u = Sym("U"), phi = Sym("phi", Sym("q"));
        var averaged = Series.Expand(Exp(-u / (2 * (s2 + dc * Pow(phi, 2)))), [dc], 2);
        var shifted = Series.Expand(Exp(-u / (2 * (s2 + dc))), [dc], 2);
        Expr Average(Expr c) => NngpRg.Symbolic.Probability.Wick.Expectation(c, phi, 1);
        Assert.Equal(shifted.Coefficient(0), Average(averaged.Coefficient(0)));
        Assert.Equal(shifted.Coefficient(1), Average(averaged.Coefficient(1)));
        var difference = Average(averaged.Coefficient(2)) - shifted.Coefficient(2);
        double uv = 0.8, sv = 0.6;
        double expected = 2 * (uv * uv / (8 * Math.Pow(sv, 4)) - uv / (2 * Math.Pow(sv, 3))) * Math.Exp(-uv / (2 * sv));
        Assert.Equal(expected, Eval(difference, (u, uv), (s2, sv)), 10);
    }

    // exp(a + b) = exp(a)·exp(b) and log(exp(a)) = a for random series a, b without constant term (symbolic coefficients).
    [Fact]
    public void Exponential_is_a_homomorphism_on_truncated_series()
    {
        var gen = Gen.ArrayOf(ExprGen.SmallRational, 6).Select(cs => cs.Select(c => (Expr)c).ToArray());
        var c = Sym("c");
        Series Make(Expr[] cs) => Series.Of([x, y], 3, [
            new(Monomial.Of(1, 0), cs[0]), new(Monomial.Of(0, 1), cs[1] * c), new(Monomial.Of(1, 1), cs[2]),
            new(Monomial.Of(2, 0), cs[3] + c), new(Monomial.Of(0, 3), cs[4]), new(Monomial.Of(2, 1), cs[5])]);
        Prop.ForAll(Arb.From(gen), Arb.From(gen), (p, r) =>
        {
            Series a = Make(p), b = Make(r);
            return Series.Exp(a + b).Equals(Series.Exp(a) * Series.Exp(b)) && Series.Log(Series.Exp(a)).Equals(a);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }
}
