using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Tests.Calculus;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Compilation;

public class CompileTests
{
    private static readonly Symbol x = ExprGen.X, y = ExprGen.Y, z = ExprGen.Z;

    // The same bits, or both NaN: compiled code performs the interpreter's operations in the interpreter's order.
    private static bool Same(double a, double b) => a.Equals(b) || a == b;

    private static double[] ArgsOf(IReadOnlyDictionary<Symbol, double> at, Symbol[] order) => order.Select(s => at[s]).ToArray();

    private static double Interpreted(Expr e, IReadOnlyDictionary<Symbol, double> at)
    {
        try { return Evaluate.At(e, at); }
        catch (DivideByZeroException) { return double.NaN; }
    }

    [Fact]
    public void Compiled_array_delegate_equals_the_interpreter()
    {
        Prop.ForAll(Numeric.Arbitrary, Arb.From(Gen.Choose(0, 10_000)), (e, seed) =>
        {
            var at = ExprGen.Points(seed);
            var f = Compile.ToDelegate(e, ExprGen.Vars);
            var compiled = f(ArgsOf(at, ExprGen.Vars));
            return Same(compiled, Interpreted(e, at)).Label($"{e}: compiled {compiled:R}, interpreted {Interpreted(e, at):R}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Compiled_scalar_delegates_equal_the_interpreter()
    {
        int compared = 0, unbindable = 0;
        Prop.ForAll(Numeric.Arbitrary, Arb.From(Gen.Choose(0, 10_000)), (e, seed) =>
        {
            // values on a 1/4 grid, so that bound numbers stay small rationals
            var at = ExprGen.Points(seed).ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value * 4) / 4);
            var rz = Rational.FromDouble(at[z]);
            var rl = Rational.FromDouble(at[ExprGen.LambdaK]);
            // bind all but x (and y) to numbers, so the expression is a function of one (two) variables
            Expr e1, e2, e3;
            try
            {
                e2 = Numeric.Bind(e, new Dictionary<Symbol, Rational> { [z] = rz, [ExprGen.LambdaK] = rl });
                e1 = Numeric.Bind(e2, new Dictionary<Symbol, Rational> { [y] = Rational.FromDouble(at[y]) });
                e3 = Numeric.Bind(e, new Dictionary<Symbol, Rational> { [ExprGen.LambdaK] = rl });
            }
            catch (OverflowException)
            {
                // the canonical builder cannot fold a number to a power whose denominator exceeds 2³¹
                unbindable++;
                return true.Label("unbindable");
            }
            compared++;
            bool one = Same(Compile.ToFunc1(e1, x)(at[x]), Interpreted(e1, at));
            bool two = Same(Compile.ToFunc2(e2, x, y)(at[x], at[y]), Interpreted(e2, at));
            bool three = Same(Compile.ToFunc3(e3, z, x, y)(at[z], at[x], at[y]), Interpreted(e3, at));
            return (one && two && three).Label($"{e}: {one} {two} {three}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
        Assert.True(compared >= 10 * unbindable, $"{unbindable} of {compared + unbindable} cases could not be bound");
    }

    [Fact]
    public void Sharing_does_not_change_values()
    {
        Prop.ForAll(Numeric.Arbitrary, Arb.From(Gen.Choose(0, 10_000)), (e, seed) =>
        {
            var at = ExprGen.Points(seed);
            var outputs = new[] { e, Differentiate.Of(e, x), e * e + Sin(e) };
            var args = ArgsOf(at, ExprGen.Vars);
            var shared = new double[3];
            var plain = new double[3];
            Compile.ToVectorDelegate(outputs, ExprGen.Vars, shareSubexpressions: true)(args, shared);
            Compile.ToVectorDelegate(outputs, ExprGen.Vars, shareSubexpressions: false)(args, plain);
            bool single = Same(Compile.ToDelegate(e, ExprGen.Vars, shareSubexpressions: false)(args), Compile.ToDelegate(e, ExprGen.Vars)(args));
            return (single && shared.Zip(plain).All(p => Same(p.First, p.Second)) && Same(shared[0], Interpreted(e, at))).Label($"{e}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Repeated_subexpressions_are_counted_and_shared()
    {
        var u = Pow(x, 2) + y;
        var e = Sin(u) * Exp(Cos(u)) + Pow(Sin(u), 3) + Log(Pow(u, 2) + 1);
        var stats = Compile.Statistics(e);
        // x² + y and sin(x² + y) are used more than once
        Assert.True(stats.SharedSubexpressions >= 2, stats.ToString());
        Assert.True(stats.DistinctNodes < stats.TreeNodes, stats.ToString());
        Assert.Equal(0, Compile.Statistics(x + y).SharedSubexpressions);
        // across outputs of a vector delegate
        Assert.Equal(1, Compile.Statistics([Exp(x + y), Sin(x + y)]).SharedSubexpressions);
        var f = Compile.ToFunc2(e, x, y);
        var at = new Dictionary<Symbol, double> { [x] = 0.3, [y] = -0.8 };
        Assert.Equal(Evaluate.At(e, at), f(0.3, -0.8));
    }

    [Fact]
    public void Powers_follow_the_interpreter_conventions()
    {
        Expr[] exponents = [2, 3, 5, -1, -2, -7, Num(1, 2), Num(-1, 2), Num(3, 2), Num(-5, 2), Num(1, 3), Num(-7, 5), 1000, 2000, y];
        foreach (var n in exponents)
        {
            var e = Pow(x + Num(1, 10), n);
            var f = Compile.ToFunc2(e, x, y);
            foreach (var v in new[] { 0.37, 1.9, -0.03, 0.0 })
            {
                var at = new Dictionary<Symbol, double> { [x] = v, [y] = 2.5 };
                var expected = Evaluate.At(e, at);
                Assert.True(Same(f(v, 2.5), expected), $"{e} at {v}: {f(v, 2.5):R} vs {expected:R}");
                double exponent = n is Number num ? num.Value.ToDouble() : 2.5;
                Assert.True(ExprGen.Close(expected, Math.Pow(v + 0.1, exponent), 1e-12, 0), $"{e} at {v}: {expected:R} vs Math.Pow");
            }
        }
    }

    [Fact]
    public void Signed_zeros_agree()
    {
        // x·y + z at (−0, 1, −0) is −0, so its reciprocal is −∞ in both
        var e = 1 / (x * y + z);
        var at = new Dictionary<Symbol, double> { [x] = -0.0, [y] = 1, [z] = -0.0 };
        Assert.Equal(double.NegativeInfinity, Evaluate.At(e, at));
        Assert.Equal(double.NegativeInfinity, Compile.ToFunc3(e, x, y, z)(-0.0, 1, -0.0));
    }

    [Fact]
    public void Unbound_symbols_and_undefined_functions_are_reported()
    {
        var ex = Assert.Throws<CompilationException>(() => Compile.ToDelegate(x + SymSup("sigma", 2), x));
        Assert.Contains("sigma^{2}", ex.Message);
        Assert.Contains("not bound", ex.Message);
        Assert.Throws<CompilationException>(() => Compile.ToFunc1(x * y, x));
        var call = Assert.Throws<CompilationException>(() => Compile.ToFunc1(Call(Sym("f"), x), x));
        Assert.Contains("f(x)", call.Message);
        Assert.Throws<CompilationException>(() => Compile.ToFunc1(Differentiate.Of(Call(Sym("f"), x), x), x));
        Assert.Throws<ArgumentException>(() => Compile.ToFunc2(x, x, x));
        var f = Compile.ToDelegate(x + y, x, y);
        Assert.Equal(3.0, f([1, 2]));
        var length = Assert.Throws<ArgumentException>(() => f([1]));
        Assert.Contains("length 2", length.Message);
        Assert.Throws<EvaluationException>(() => Evaluate.At(x + y, new Dictionary<Symbol, double> { [x] = 1 }));
    }

    [Fact]
    public void Argument_order_is_the_order_given()
    {
        var e = x - 2 * y + 10 * z;
        Assert.Equal(1 - 4 + 30.0, Compile.ToDelegate(e, x, y, z)([1, 2, 3]));
        Assert.Equal(2 - 2 + 30.0, Compile.ToDelegate(e, y, x, z)([1, 2, 3]));
        Assert.Equal(3 - 2 + 10.0, Compile.ToFunc3(e, z, y, x)(1, 1, 3));
        var outputs = new double[2];
        Compile.ToVectorDelegate([e, x * y], z, x, y)([3, 1, 2], outputs);
        Assert.Equal([1 - 4 + 30.0, 2.0], outputs);
    }

    [Fact]
    public void Indexed_sums_compile_to_loops()
    {
        var k = Sym("k");
        var n = Sym("n");
        var series = SumOver(Pow(x, k) / k + Sin(y) * k, k, 1, n);
        var f = Compile.ToDelegate(series, x, y, n);
        foreach (var count in new[] { 0.0, 1, 7.5, 40 })
        {
            var at = new Dictionary<Symbol, double> { [x] = 0.6, [y] = 0.2, [n] = count };
            Assert.Equal(Evaluate.At(series, at), f([0.6, 0.2, count]));
        }
        // closed form: Σ_{k=1}^{n} k = n(n+1)/2 and Σ x^k/k → −log(1 − x)
        Assert.Equal(Math.Sin(0.2) * 820, f([0, 0.2, 40]), 10);
        Assert.Equal(-Math.Log(1 - 0.6) + Math.Sin(0.2) * 820, f([0.6, 0.2, 40]), 8);
        // nested sums, the inner one depending on the outer index
        var j = Sym("j");
        var nested = SumOver(SumOver(x * j + Pow(k, 2), j, 1, k), k, 1, n);
        var g = Compile.ToDelegate(nested, x, n);
        Assert.Equal(Evaluate.At(nested, new Dictionary<Symbol, double> { [x] = 1.5, [n] = 6 }), g([1.5, 6]));
        Assert.Throws<EvaluationException>(() => Compile.ToDelegate(series, x, y, n)([0.5, 0.1, double.PositiveInfinity]));
    }

    [Fact]
    public void Indexed_families_and_infinite_sums_do_not_compile()
    {
        var k = Sym("k");
        var lk = Sym("lambda", k);
        var ex = Assert.Throws<CompilationException>(() => Compile.ToDelegate(SumOver(lk * x, k, 1, 5), x, lk));
        Assert.Contains("summation index", ex.Message);
        Assert.Throws<CompilationException>(() => Compile.ToFunc1(SumOver(Pow(x, k), k, 1, Infinity), x));
        // the interpreter reads λ_k inside the sum as λ_1 … λ_3
        var at = new Dictionary<Symbol, double> { [x] = 2, [Sym("lambda", 1)] = 1, [Sym("lambda", 2)] = 10, [Sym("lambda", 3)] = 100 };
        Assert.Equal(222.0, Evaluate.At(SumOver(lk * x, k, 1, 3), at));
        Assert.Equal(2 * 110.0, Evaluate.At(SumOver(Sym("lambda", k + 1) * x, k, 1, 2), at));
    }

    [Fact]
    public void A_large_rational_sum_compiles_and_agrees()
    {
        var terms = Enumerable.Range(1, 500).Select(i => (Expr)Num(i % 7 + 1, 3) / (x + Num(i, 50)));
        var e = Sum.Of(terms);
        var f = Compile.ToFunc1(e, x);
        var g = Compile.ToDelegate(e, x);
        foreach (var v in new[] { 0.1, 2.3, 17.0 })
        {
            var expected = Evaluate.At(e, new Dictionary<Symbol, double> { [x] = v });
            Assert.Equal(expected, f(v));
            Assert.Equal(expected, g([v]));
            double direct = 0;
            for (int i = 1; i <= 500; i++) direct += (i % 7 + 1) / 3.0 / (v + i / 50.0);
            Assert.Equal(direct, expected, 1e-12 * Math.Abs(direct));
        }
    }

    [Fact]
    public void Special_functions_and_their_derivatives_compile()
    {
        var e = Gamma(x) + Erf(x) + Differentiate.Of(Gamma(x), x, 2) + Atan2(y, x) + Abs(y);
        var f = Compile.ToFunc2(e, x, y);
        var at = new Dictionary<Symbol, double> { [x] = 1.7, [y] = -0.4 };
        Assert.Equal(Evaluate.At(e, at), f(1.7, -0.4));
        Assert.Equal(Math.PI, Compile.ToFunc1(Pi + 0 * x, x)(5));
    }
}
