using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using Xunit;

namespace NngpRg.Symbolic.Tests.Algebra;

// Counterexamples that the properties of AlgebraPropertyTests found, kept as fixed cases.
public class NormalFormRegressionTests
{
    private static Expr P(string s) => InfixParser.Parse(s);

    private static void AssertOneNormalForm(string p, string q, string r)
    {
        Expr pe = P(p), qe = P(q), re = P(r);
        var direct = RationalNormalForm.Of(pe / qe);
        var viaProducts = RationalNormalForm.Of(Expand.Of(pe * re) / Expand.Of(qe * re));
        Assert.Equal(direct, viaProducts);
        Assert.Equal((Expr)Number.Zero, RationalNormalForm.Of(pe / qe - Expand.Of(pe * re) / Expand.Of(qe * re)));
    }

    [Fact]
    public void Exponential_of_a_fraction_has_one_normal_form_however_its_numerator_is_multiplied_out() =>
        AssertOneNormalForm("lambda_k*arctan(1/2)/(x^2 + 1/2)^9", "(y + exp(1/2) + exp(1/2/(x^2 + 1/2)))^2",
            "erf(sin(cos(lambda_k/2 + z + 5/2)/2)/2)");

    [Fact]
    public void Exponentials_of_polynomial_and_fraction_arguments_have_one_normal_form() =>
        AssertOneNormalForm("exp(12*y^3*z^3)", "exp(1/2/(erf(y/2)^2 + 1/2))", "y + (x^2 + 1)^3 + 1");

    [Fact]
    public void Normal_form_of_a_product_with_an_exponential_is_idempotent()
    {
        var r = RationalNormalForm.Of(P("x*(lambda_k + lambda_k^3 + exp(sin(z/2)/2) + 1)*exp(1/2/(y^2 + 1/2))"));
        Assert.Equal(r, RationalNormalForm.Of(r));
    }

    // The gcd of the 693-term numerator and denominator (after √(y² + 1)² = y² + 1) blows up coefficient sizes: the
    // normal form stops at its work limit with a message instead of running without bound.
    [Fact]
    public void Normal_form_of_a_nested_logarithm_stops_at_the_work_limit_with_a_precise_message()
    {
        var ex = Assert.Throws<WorkLimitException>(() => RationalNormalForm.Of(P("log(1/((z + 1/(y^2+1)^(1/2) - sin(2) + 1)^2 + 1/2)^4 + 1)")));
        Assert.Contains("Rational normal form of 'log(", ex.Message);
        Assert.Contains("20,000,000 polynomial term operations", ex.Message);
    }

    [Fact]
    public void The_work_limit_does_not_stop_smaller_normal_forms()
    {
        var r = RationalNormalForm.Of(P("log(1/((z + 1/(y^2+1)^(1/2) - sin(2) + 1)^2 + 1/2)^2 + 1)"));
        Assert.Equal(r, RationalNormalForm.Of(r));
    }
}
