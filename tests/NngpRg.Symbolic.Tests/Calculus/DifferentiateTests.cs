using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using CallNode = NngpRg.Symbolic.Expressions.Call;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Calculus;

[Properties(Arbitrary = [typeof(ExprArbitraries)])]
public class DifferentiateTests
{
    private static readonly Symbol x = ExprGen.X, y = ExprGen.Y;

    // -------- golden results: exact canonical forms --------

    [Fact]
    public void Chain_rule_gives_the_textbook_form()
    {
        Assert.Equal(2 * x * Cos(Pow(x, 2)), Differentiate.Of(Sin(Pow(x, 2)), x));
        Assert.Equal(2 * Exp(-Pow(x, 2)) / Sqrt(Pi), Differentiate.Of(Erf(x), x));
        Assert.Equal(Exp(x) * Cos(Exp(x)), Differentiate.Of(Sin(Exp(x)), x));
        Assert.Equal(1 / x, Differentiate.Of(Log(x), x));
    }

    [Fact]
    public void Powers_merge_with_the_divided_factor()
    {
        Assert.Equal(3 * Pow(x, 2), Differentiate.Of(Pow(x, 3), x));
        Assert.Equal(2 * x * y, Differentiate.Of(Pow(x, 2) * y, x));
        Assert.Equal(Num(-1, 2) * Pow(x, Num(-3, 2)), Differentiate.Of(1 / Sqrt(x), x));
        Assert.Equal(Pow(x, x) + Pow(x, x) * Log(x), Differentiate.Of(Pow(x, x), x));
        Assert.Equal((Expr)6, Differentiate.Of(Pow(x, 3), x, 3));
        Assert.Equal((Expr)0, Differentiate.Of(Pow(x, 3), x, 4));
    }

    [Fact]
    public void Ridge_with_a_superscript_is_one_variable()
    {
        var sigma2 = SymSup("sigma", 2);
        var lambda = Sym("lambda");
        Assert.Equal(-Pow(sigma2 + lambda, -2), Differentiate.Of(1 / (sigma2 + lambda), sigma2));
        Assert.Equal((Expr)0, Differentiate.Of(Pow(Sym("sigma"), 2), sigma2));
    }

    [Fact]
    public void Indexed_symbols_are_ordinary_symbols()
    {
        var k = Sym("k");
        var q = Sym("q");
        var lk = Sym("lambda", k);
        Assert.Equal(2 * lk, Differentiate.Of(Pow(lk, 2), lk));
        Assert.Equal((Expr)0, Differentiate.Of(Pow(lk, 2), Sym("lambda", q)));
        Assert.Equal(3 * Sym("lambda", k + 1), Differentiate.Of(Pow(Sym("lambda", k + 1), 3), Sym("lambda", k + 1), 2) / 2);
    }

    [Fact]
    public void A_subscript_is_not_a_variable()
    {
        var k = Sym("k");
        var ex = Assert.Throws<DifferentiationException>(() => Differentiate.Of(x * Sym("lambda", k), k));
        Assert.Contains("lambda_k", ex.Message.Replace("{", "").Replace("}", ""));
        Assert.Contains("subscripts", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Differentiate.Of(x, x, -1));
        Assert.Equal((Expr)Sin(x), Differentiate.Of(Sin(x), x, 0));
    }

    [Fact]
    public void Undefined_functions_give_unevaluated_derivatives()
    {
        var f = Sym("f");
        Assert.Equal(Derivative.Of(CallNode.Of(f, x), x), Differentiate.Of(Call(f, x), x));
        Assert.Equal(Derivative.Of(CallNode.Of(f, x), x, 2), Differentiate.Of(Call(f, x), x, 2));
        Assert.Equal((Expr)0, Differentiate.Of(Call(f, y), x));
        // d/dx [x·f(x)] = f(x) + x·f′(x)
        Assert.Equal(Call(f, x) + x * Derivative.Of(CallNode.Of(f, x), x), Differentiate.Of(x * Call(f, x), x));
        // the input-dependent ridge σ²(x): a call whose head carries the superscript
        var ridge = Call(SymSup("sigma", 2), x);
        Assert.Equal(-Derivative.Of((CallNode)ridge, x) / Pow(ridge + 1, 2), Differentiate.Of(1 / (ridge + 1), x));
    }

    [Fact]
    public void Composite_arguments_use_the_chain_rule_with_slot_partials()
    {
        var f = Sym("f");
        var g = Sym("g");
        Assert.Equal(2 * Call(Differentiate.PartialHead(f, [1]), 2 * x), Differentiate.Of(Call(f, 2 * x), x));
        Assert.Equal(4 * Call(Differentiate.PartialHead(f, [2]), 2 * x), Differentiate.Of(Call(f, 2 * x), x, 2));
        // mixed slot partials commute: one head per multi-index
        var mixed = Differentiate.Of(Differentiate.Of(Call(g, x + y, y), x), y);
        Assert.Equal(Call(Differentiate.PartialHead(g, [1, 1]), x + y, y) + Call(Differentiate.PartialHead(g, [2, 0]), x + y, y), mixed);
        Assert.True(Differentiate.TryReadPartial(Differentiate.PartialHead(g, [1, 1]), 2, out var back, out var orders));
        Assert.Equal(g, back);
        Assert.Equal([1, 1], orders);
        Assert.Throws<ArgumentException>(() => Differentiate.PartialHead(g, [0, 0]));

        // replace g by the concrete G(u, v) = u²·exp(v)·sin(u), and its slot partials by the derivatives of G
        Symbol u0 = Sym("u"), v0 = Sym("v");
        var concrete = Pow(u0, 2) * Exp(v0) * Sin(u0);
        Expr Concretize(Expr e) => Structure.BottomUp(e, n =>
        {
            if (n is not CallNode c) return n;
            int[] orders = [0, 0];
            if (!c.Head.Equals(g) && !Differentiate.TryReadPartial(c.Head, 2, out _, out orders)) return n;
            var partial = Differentiate.Of(Differentiate.Of(concrete, u0, orders[0]), v0, orders[1]);
            return Structure.BottomUp(partial, m => m.Equals(u0) ? c.Args[0] : m.Equals(v0) ? c.Args[1] : m);
        });
        var expr = Call(g, Pow(x, 2), Sin(x)) + x * Call(g, x, 3 * x);
        var at = new Dictionary<Symbol, double> { [x] = 0.8 };
        for (int order = 1; order <= 2; order++)
        {
            var viaChainRule = Evaluate.At(Concretize(Differentiate.Of(expr, x, order)), at);
            var direct = Evaluate.At(Differentiate.Of(Concretize(expr), x, order), at);
            Assert.Equal(direct, viaChainRule, 1e-12 * (1 + Math.Abs(direct)));
        }
        var check = Numeric.AgainstFiniteDifference(t => Numeric.ValueWith(Concretize(expr), at, x, t),
            Evaluate.At(Concretize(Differentiate.Of(expr, x)), at), 0.8);
        Assert.Equal(Numeric.Check.Agrees, check);
    }

    [Fact]
    public void Indexed_sums_are_differentiated_under_the_sum()
    {
        var k = Sym("k");
        var n = Sym("n");
        var lk = Sym("lambda", k);
        var series = SumOver(lk * Pow(x, k), k, 1, n);
        var d = Differentiate.Of(series, x);
        Assert.Equal(SumOver(k * lk * Pow(x, k - 1), k, 1, n), d);
        var at = new Dictionary<Symbol, double> { [x] = 0.7, [n] = 5 };
        for (int i = 1; i <= 5; i++) at[Sym("lambda", i)] = 1.0 / (i * i + 1);
        var check = Numeric.AgainstFiniteDifference(v => Numeric.ValueWith(series, at, x, v), Evaluate.At(d, at), 0.7);
        Assert.Equal(Numeric.Check.Agrees, check);
        // the bound index is not the free variable, and limits are not differentiable
        Assert.Equal((Expr)0, Differentiate.Of(SumOver(Pow(k, 2), k, 1, n), k));
        Assert.Throws<DifferentiationException>(() => Differentiate.Of(series, n));
        Assert.Throws<DifferentiationException>(() => Differentiate.Of(series, lk));
    }

    [Fact]
    public void Every_function_has_a_derivative_that_matches_finite_differences()
    {
        var at = new Dictionary<Symbol, double> { [x] = 0.37, [y] = -1.3 };
        Expr[] cases =
        [
            Exp(x), Log(x), Sin(x), Cos(x), Tan(x), Arcsin(x), Arccos(x), Arctan(x), Atan2(x, y), Atan2(y, x),
            Erf(x), Abs(x - 1), Abs(x), Gamma(x), Gamma(x + 3), Differentiate.Of(Gamma(x), x), Differentiate.Of(Gamma(x), x, 2), Pow(x, x), Pow(2, x), Pow(x, Num(1, 3)), Log(Gamma(x)),
        ];
        foreach (var e in cases)
        {
            var d = Differentiate.Of(e, x);
            var check = Numeric.AgainstFiniteDifference(v => Numeric.ValueWith(e, at, x, v), Evaluate.At(d, at), 0.37);
            Assert.True(check == Numeric.Check.Agrees, $"d/dx {e} = {d}: {check}");
        }
    }

    [Fact]
    public void Kernel_maps_differentiate_with_respect_to_subscripted_entries()
    {
        // the erf layer map K′ = (2/π) arcsin(2K_xy/√((1 + 2K_xx)(1 + 2K_yy))), differentiated in K_xy (an NTK ingredient)
        Symbol kxy = Sym("K", x, y), kxx = Sym("K", x, x), kyy = Sym("K", y, y);
        var map = 2 / Pi * Arcsin(2 * kxy / Sqrt((1 + 2 * kxx) * (1 + 2 * kyy)));
        var at = new Dictionary<Symbol, double> { [kxy] = 0.3, [kxx] = 0.9, [kyy] = 0.6 };
        var grad = Differentiate.Gradient(map, kxy, kxx, kyy);
        Symbol[] vars = [kxy, kxx, kyy];
        for (int i = 0; i < 3; i++)
        {
            var v = vars[i];
            var check = Numeric.AgainstFiniteDifference(t => Numeric.ValueWith(map, at, v, t), Evaluate.At(grad[i], at), at[v]);
            Assert.True(check == Numeric.Check.Agrees, $"d/d{v}: {grad[i]}: {check}");
        }
        // the running ridge σ_c² = σ² + c: dσ_c²/dc = 1
        Assert.Equal((Expr)1, Differentiate.Of(SymSup("sigma", 2) + Sym("c"), Sym("c")));
    }

    [Fact]
    public void Digamma_matches_known_values()
    {
        const double eulerGamma = 0.57721566490153286;
        Assert.Equal(-eulerGamma, SpecialFunctions.Digamma(1), 14);
        Assert.Equal(-eulerGamma - 2 * Math.Log(2), SpecialFunctions.Digamma(0.5), 14);
        Assert.Equal(1 - eulerGamma + 0.5 - 0.0, SpecialFunctions.Digamma(3) + 0.0, 13);
        Assert.Equal(-eulerGamma - 2 * Math.Log(2) + 2, SpecialFunctions.Digamma(-0.5), 12);
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(-2)));
        // ψ′(1) = π²/6, ψ″(1) = −2ζ(3), ψ′(½) = π²/2, ψ′(−½) = π²/2 + 4
        Assert.Equal(Math.PI * Math.PI / 6, SpecialFunctions.Polygamma(1, 1), 13);
        Assert.Equal(-2 * 1.2020569031595943, SpecialFunctions.Polygamma(2, 1), 13);
        Assert.Equal(Math.PI * Math.PI / 2, SpecialFunctions.Polygamma(1, 0.5), 13);
        Assert.Equal(Math.PI * Math.PI / 2 + 4, SpecialFunctions.Polygamma(1, -0.5), 12);
        Assert.Equal(SpecialFunctions.Digamma(2.5), SpecialFunctions.Polygamma(0, 2.5));
    }

    // -------- properties against independent numerics --------

    [Fact]
    public void Derivative_agrees_with_finite_differences()
    {
        int agreed = 0, skipped = 0, nonConstant = 0;
        Prop.ForAll(Numeric.Arbitrary, Arb.From(Gen.Choose(0, 10_000)), (e, seed) =>
        {
            // a variable the expression depends on, when there is one (λ_k included)
            var free = Structure.FreeSymbols(e).Where(ExprGen.Vars.Contains).ToArray();
            var v = free.Length > 0 ? free[seed % free.Length] : x;
            var d = Differentiate.Of(e, v);
            if (d is not Number) nonConstant++;
            var at = ExprGen.Points(seed);
            var check = Numeric.AgainstFiniteDifference(t => Numeric.ValueWith(e, at, v, t), ExprGen.Value(d, at), at[v]);
            if (check == Numeric.Check.Skipped) skipped++; else agreed++;
            return check != Numeric.Check.Disagrees;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
        Assert.True(agreed >= 4 * skipped, $"only {agreed} of {agreed + skipped} cases could be checked");
        Assert.True(nonConstant >= 120, $"only {nonConstant} of 300 derivatives depend on the point"); // 179 ± 8 measured
    }

    [Fact]
    public void Second_derivative_agrees_with_finite_differences_of_the_first()
    {
        int agreed = 0, skipped = 0, nonConstant = 0;
        Prop.ForAll(Numeric.Arbitrary, Arb.From(Gen.Choose(0, 10_000)), (e, seed) =>
        {
            var free = Structure.FreeSymbols(e).Where(ExprGen.Vars.Contains).ToArray();
            var v = free.Length > 0 ? free[seed % free.Length] : x;
            var d1 = Differentiate.Of(e, v);
            var d2 = Differentiate.Of(e, v, 2);
            if (d2 is not Number) nonConstant++;
            var at = ExprGen.Points(seed);
            var check = Numeric.AgainstFiniteDifference(t => Numeric.ValueWith(d1, at, v, t), ExprGen.Value(d2, at), at[v]);
            if (check == Numeric.Check.Skipped) skipped++; else agreed++;
            return check != Numeric.Check.Disagrees;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
        Assert.True(agreed >= 4 * skipped, $"only {agreed} of {agreed + skipped} cases could be checked");
        Assert.True(nonConstant >= 30, $"only {nonConstant} of 100 second derivatives depend on the point");
    }

    [Fact]
    public void Differentiation_is_linear_and_obeys_the_product_rule()
    {
        int checkedCases = 0, skipped = 0;
        Prop.ForAll(Numeric.Arbitrary, Numeric.Arbitrary, Arb.From(Gen.Choose(0, 10_000)), (u, w, seed) =>
        {
            var at = ExprGen.Points(seed);
            var du = Differentiate.Of(u, x);
            var dw = Differentiate.Of(w, x);
            var linear = Differentiate.Of(3 * u - Num(1, 2) * w, x);
            var product = Differentiate.Of(u * w, x);
            double vu = ExprGen.Value(u, at), vw = ExprGen.Value(w, at), vdu = ExprGen.Value(du, at), vdw = ExprGen.Value(dw, at);
            if (!(double.IsFinite(vu) && double.IsFinite(vw) && double.IsFinite(vdu) && double.IsFinite(vdw))) { skipped++; return true.Label("not finite"); }
            checkedCases++;
            bool lin = ExprGen.Close(ExprGen.Value(linear, at), 3 * vdu - 0.5 * vdw, 1e-8, 1e-8 * (1 + Math.Abs(vdu) + Math.Abs(vdw)));
            bool prod = ExprGen.Close(ExprGen.Value(product, at), vdu * vw + vu * vdw, 1e-8, 1e-8 * (1 + Math.Abs(vdu * vw) + Math.Abs(vu * vdw)));
            return (lin && prod).Label($"u = {u}, w = {w}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
        Assert.True(checkedCases >= 4 * skipped, $"only {checkedCases} of {checkedCases + skipped} cases could be checked");
    }

    [Property]
    public bool Derivative_of_an_expression_free_of_the_variable_is_zero(Expr e) =>
        Differentiate.Of(e, Sym("w")).Equals(Number.Zero);
}
