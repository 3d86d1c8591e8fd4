using System.Numerics;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;
using Series = NngpRg.Symbolic.Calculus.Series;

namespace NngpRg.Symbolic.Tests.Expressions;

/// <summary>clamp(x, a, b): the rounding guard of the kernel layer maps, through every layer of the engine.</summary>
public class ClampTests
{
    private static readonly Symbol x = Sym("x"), y = Sym("y");

    [Fact]
    public void Numbers_fold_exactly_and_a_clamp_of_a_clamp_is_one_clamp()
    {
        Assert.Equal((Expr)1, Clamp(Num(3, 2), -1, 1));
        Assert.Equal((Expr)(-1), Clamp(-7, -1, 1));
        Assert.Equal((Expr)Num(1, 3), Clamp(Num(1, 3), -1, 1));
        var inner = Clamp(x, -1, 1);
        Assert.Equal(inner, Clamp(inner, -1, 1));
        Assert.NotEqual(inner, Clamp(inner, 0, 1));
        Assert.Contains("lower bound exceeds", Assert.Throws<ArgumentException>(() => Clamp(x, 1, -1)).Message);
        Assert.Contains("3 argument", Assert.Throws<ArgumentException>(() => Apply.Of(Function.Clamp, x, y)).Message);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0000000000000002)]
    [InlineData(-3.5)]
    [InlineData(double.NaN)]
    public void Interpreter_and_compiled_delegate_agree_with_min_max(double at)
    {
        var e = Arccos(Clamp(x * y, -1, 1)) + Clamp(x, 0, y);
        var f = Compile.ToFunc2(e, x, y);
        double expected = Math.Acos(Math.Min(Math.Max(at * 2, -1), 1)) + Math.Min(Math.Max(at, 0), 2);
        double interpreted = Evaluate.At(e, new Dictionary<Symbol, double> { [x] = at, [y] = 2 });
        Assert.Equal(expected, interpreted);
        Assert.Equal(BitConverter.DoubleToInt64Bits(interpreted), BitConverter.DoubleToInt64Bits(f(at, 2)));
        if (double.IsFinite(at)) Assert.False(double.IsNaN(interpreted));
    }

    [Fact]
    public void Complex_values_continue_the_interior_branch_analytically()
    {
        var e = Clamp(x, -1, 1);
        var env = new Dictionary<Symbol, Complex> { [x] = new Complex(0.5, 0.25) };
        Assert.Equal(new Complex(0.5, 0.25), ComplexEvaluate.At(e, env));
        env[x] = 1.5;
        Assert.Equal(new Complex(1.5, 0), ComplexEvaluate.At(e, env));
        env[x] = 0.3;
        Assert.Equal(Evaluate.At(e, new Dictionary<Symbol, double> { [x] = 0.3 }), ComplexEvaluate.At(e, env).Real);
        // an ulp past the bound the real guard and the complex continuation agree to rounding
        var a = Arccos(Clamp(x, -1, 1));
        env[x] = 1.0000000000000002;
        Assert.Equal(Evaluate.At(a, new Dictionary<Symbol, double> { [x] = 1.0000000000000002 }), ComplexEvaluate.At(a, env).Real, 15);
    }

    [Fact]
    public void Derivative_is_the_identity_inside_and_matches_a_finite_difference()
    {
        var e = Arcsin(Clamp(x * x / 2, -1, 1));
        var d = Differentiate.Of(e, x);
        Assert.DoesNotContain("clamp", Differentiate.Of(Clamp(x * x, -1, 1), x).ToString());
        Assert.Equal(2 * x, Differentiate.Of(Clamp(x * x, -1, 1), x));
        foreach (double at in new[] { -0.9, 0.2, 0.7, 1.1 })
        {
            const double h = 1e-6;
            double Value(double v) => Evaluate.At(e, new Dictionary<Symbol, double> { [x] = v });
            double fd = (Value(at + h) - Value(at - h)) / (2 * h);
            Assert.Equal(fd, Evaluate.At(d, new Dictionary<Symbol, double> { [x] = at }), 6);
        }
    }

    [Fact]
    public void Series_is_the_argument_strictly_inside_and_refused_at_a_bound()
    {
        var inside = Series.Expand(Arcsin(Clamp(x / 2 + Num(1, 3), -1, 1)), [x], 4);
        var plain = Series.Expand(Arcsin(x / 2 + Num(1, 3)), [x], 4);
        for (int j = 0; j <= 4; j++) Assert.Equal(plain.Coefficient(j), inside.Coefficient(j));
        Assert.Throws<SeriesException>(() => Series.Expand(Clamp(1 + x, -1, 1), [x], 3));
    }

    [Fact]
    public void Prints_as_latex_and_infix_and_parses_back()
    {
        var e = Arccos(Clamp(x / y, -1, 1));
        Assert.Equal("arccos(clamp(x/y, -1, 1))", Infix.Print(e));
        Assert.Equal(e, InfixParser.Parse(Infix.Print(e)));
        Assert.Equal(@"\arccos\left(\operatorname{clamp}\left(\frac{x}{y}, -1, 1\right)\right)", Latex.Print(e));
        Assert.Contains("3 arguments for clamp", Assert.ThrowsAny<Exception>(() => InfixParser.Parse("clamp(x, 1)")).Message);
    }
}
