using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Tests.Calculus;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Compilation;

public class ComplexEvaluateTests
{
    private static readonly Symbol x = ExprGen.X, z = ExprGen.Z;

    private static Dictionary<Symbol, Complex> Real(IReadOnlyDictionary<Symbol, double> at) =>
        at.ToDictionary(kv => kv.Key, kv => new Complex(kv.Value, 0));

    private static Complex At(Expr e, Complex value) => ComplexEvaluate.At(e, new Dictionary<Symbol, Complex> { [z] = value });

    private static bool Near(Complex a, Complex b, double tol) => Complex.Abs(a - b) <= tol * (1 + Complex.Abs(b));

    /// <summary>Where the real interpreter gives a finite value, the complex one gives the same value with no imaginary part.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Agrees_with_the_real_interpreter_where_real(int generator)
    {
        var arb = generator == 0 ? ExprGen.Arbitrary : Numeric.Arbitrary;
        Prop.ForAll(arb, Arb.From(Gen.Choose(0, 10_000)), (e, seed) =>
        {
            var at = ExprGen.Points(seed);
            double real;
            try { real = Evaluate.At(e, at); }
            catch (Exception ex) when (ex is EvaluationException or DivideByZeroException) { return true.ToProperty(); }
            if (!double.IsFinite(real) || Math.Abs(real) > 1e12) return true.ToProperty();
            var c = ComplexEvaluate.At(e, Real(at));
            bool ok = ExprGen.Close(c.Real, real, 1e-9, 1e-9) && Math.Abs(c.Imaginary) <= 1e-9 * (1 + Math.Abs(real));
            return ok.Label($"{e}: real {real:R}, complex {c}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    /// <summary>
    /// A real value that overflows stays real, as in the real interpreter: complex arithmetic on ∞ + 0i makes ∞·0 = NaN
    /// (the property above found 1/(exp(625√5) + 1), real 0, complex NaN).
    /// </summary>
    [Fact]
    public void An_overflowing_real_value_stays_real()
    {
        var reals = new Dictionary<Symbol, double> { [z] = 625 * Math.Sqrt(5) };
        foreach (var e in new[] { 1 / (Ex.Exp(z) + 1), 1 / (Ex.Exp(z) * 3 + 1), Pow(Ex.Exp(z) + 1, Num(-1, 2)), 1 / (Pow(z, 200) + 2), 1 / (Pow(z, Num(1, 3)) * Ex.Exp(z) + 1) })
        {
            double real = Evaluate.At(e, reals);
            var c = At(e, reals[z]);
            Assert.True(c.Real == real && c.Imaginary == 0, $"{e}: real {real:R}, complex {c}");
        }
        Assert.Equal(new Complex(double.PositiveInfinity, 0), At(Ex.Exp(z), 1398));
        // a complex argument is unchanged: e^{iπ} = −1
        Assert.True(Near(At(Ex.Exp(z), new Complex(0, Math.PI)), -1, 1e-15));
    }

    [Fact]
    public void Principal_branches_of_roots_logs_and_powers()
    {
        Assert.True(Near(At(Sqrt(z), -4), new Complex(0, 2), 1e-15));
        Assert.True(Near(At(Ex.Log(z), -1), new Complex(0, Math.PI), 1e-15));
        Assert.True(Near(At(Ex.Exp(z), new Complex(0, Math.PI)), -1, 1e-15));
        // z^{3/2} = (√z)³ is the principal power exp(3/2 Log z)
        var w = new Complex(-0.7, -0.4);
        Assert.True(Near(At(Ex.Pow(z, Num(3, 2)), w), Complex.Exp(1.5 * Complex.Log(w)), 1e-14));
        Assert.True(Near(At(Ex.Pow(z, Num(-5, 2)), w), Complex.Exp(-2.5 * Complex.Log(w)), 1e-14));
        Assert.True(Near(At(Ex.Pow(z, Num(1, 3)), w), Complex.Exp(Complex.Log(w) / 3), 1e-14));
    }

    /// <summary>Inverse functions undo their functions inside the unit disc (principal branches), and arcsin + arccos = π/2.</summary>
    [Theory]
    [InlineData(0.3, 0.4)]
    [InlineData(-0.8, 0.5)]
    [InlineData(0.1, -0.95)]
    public void Inverse_trigonometric_functions_invert(double re, double im)
    {
        var w = new Complex(re, im);
        Assert.True(Near(At(Ex.Sin(Ex.Arcsin(z)), w), w, 1e-14));
        Assert.True(Near(At(Ex.Cos(Ex.Arccos(z)), w), w, 1e-14));
        Assert.True(Near(At(Ex.Tan(Ex.Arctan(z)), w), w, 1e-14));
        Assert.True(Near(At(Ex.Arcsin(z) + Ex.Arccos(z), w), Math.PI / 2, 1e-14));
        // the principal arcsin of a point in the unit disc has real part in (−π/2, π/2)
        Assert.True(Math.Abs(At(Ex.Arcsin(z), w).Real) < Math.PI / 2);
    }

    /// <summary>erf(iy) = (2i/√π) ∫₀^y e^{s²} ds, checked against Simpson's rule; erf is odd and real-symmetric.</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.7)]
    [InlineData(2.9)]
    public void Erf_on_the_imaginary_axis_matches_quadrature(double y)
    {
        const int n = 20_000;
        double h = y / n, s = 0;
        for (int i = 0; i <= n; i++)
        {
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            s += w * Math.Exp(i * h * (i * h));
        }
        double integral = s * h / 3;
        var value = At(Ex.Erf(z), new Complex(0, y));
        Assert.True(Near(value, new Complex(0, 2 / Math.Sqrt(Math.PI) * integral), 1e-11), $"erf({y}i) = {value}");
        var w0 = new Complex(0.8, 1.3);
        Assert.True(Near(At(Ex.Erf(z), Complex.Conjugate(w0)), Complex.Conjugate(At(Ex.Erf(z), w0)), 1e-15));
        Assert.True(Near(At(Ex.Erf(z), -w0), -At(Ex.Erf(z), w0), 1e-15));
    }

    [Fact]
    public void Erf_series_agrees_with_the_real_erf_just_off_the_axis()
    {
        foreach (double t in new[] { -2.5, -0.3, 0.9, 2.2 })
            Assert.True(Near(At(Ex.Erf(z), new Complex(t, 1e-300)), SpecialFunctions.Erf(t), 1e-13), $"erf({t})");
    }

    [Fact]
    public void Functions_without_a_complex_meaning_say_so()
    {
        var i = new Complex(0.2, 0.1);
        Assert.Contains("|z|", Assert.Throws<EvaluationException>(() => At(Ex.Erf(z), new Complex(2.5, 2.5))).Message);
        Assert.Contains("abs", Assert.Throws<EvaluationException>(() => At(Ex.Abs(z), i)).Message);
        Assert.Contains("gamma", Assert.Throws<EvaluationException>(() => At(Ex.Gamma(z), i)).Message);
        Assert.Contains("atan2", Assert.Throws<EvaluationException>(() => At(Ex.Atan2(z, 1), i)).Message);
        Assert.Contains("'x'", Assert.Throws<EvaluationException>(() => At(x + z, i)).Message);
        // real arguments are fine
        Assert.Equal(SpecialFunctions.Gamma(2.5), At(Ex.Gamma(z), 2.5).Real, 14);
        Assert.Equal(3, At(Ex.Abs(z), -3).Real);
    }
}
