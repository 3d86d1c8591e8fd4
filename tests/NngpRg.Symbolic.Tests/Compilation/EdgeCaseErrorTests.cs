using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using Xunit;

namespace NngpRg.Symbolic.Tests.Compilation;

// Inputs that used to give a wrong finite number or an internal exception.
public class EdgeCaseErrorTests
{
    [Fact]
    public void Gamma_at_its_poles_is_infinite_or_nan_as_in_scipy()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Gamma(0.0));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.Gamma(-0.0));
        foreach (var n in new[] { -1.0, -2, -3, -10, -171 }) Assert.True(double.IsNaN(SpecialFunctions.Gamma(n)), $"gamma({n})");
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(-2));
        // the interpreter and the compiled delegate agree, and points next to a pole stay finite: Γ(−1/2) = −2√π
        var e = InfixParser.Parse("gamma(-2)");
        Assert.True(double.IsNaN(Evaluate.Constant(e)));
        Assert.True(double.IsNaN(Compile.ToDelegate(e)([])));
        Assert.Equal(-2 * Math.Sqrt(Math.PI), SpecialFunctions.Gamma(-0.5), 12);
    }

    [Fact]
    public void An_infinite_sum_is_refused_with_a_precise_message()
    {
        var ex = Assert.Throws<EvaluationException>(() => Evaluate.Constant(InfixParser.Parse("sum(1/k^2,k,1,inf)")));
        Assert.Contains("from 1 to inf", ex.Message);
        Assert.Contains("give a finite upper limit", ex.Message);
    }

    [Fact]
    public void Fractional_limits_of_a_sum_are_refused()
    {
        var ex = Assert.Throws<ParseException>(() => InfixParser.Parse("sum(k,k,1/2,3)"));
        Assert.Contains("an integer lower limit of the sum", ex.Message);
        Assert.Contains("'1/2'", ex.Message);
        Assert.Contains("an integer upper limit", Assert.Throws<ParseException>(() => InfixParser.Parse("sum(k,k,1,7/2)")).Message);
    }

    [Fact]
    public void Huge_exponents_give_a_precise_error_instead_of_an_overflow()
    {
        var ex = Assert.Throws<WorkLimitException>(() => Simplify.Of(InfixParser.Parse("exp(10^30)")));
        Assert.Contains("beyond the largest polynomial degree", ex.Message);
        Assert.Contains("beyond the largest polynomial degree", Assert.Throws<WorkLimitException>(() => Simplify.Of(InfixParser.Parse("x^(10^30)*y + 1"))).Message);
        var x = Ex.Sym("x");
        Assert.Contains("Expansion of (x + 1)^", Assert.Throws<WorkLimitException>(() => Expand.Of(Ex.Pow(x + 1, Number.Of(new Rational(System.Numerics.BigInteger.Pow(10, 12), 1))))).Message);
    }
}
