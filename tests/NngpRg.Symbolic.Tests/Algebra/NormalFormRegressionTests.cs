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

    [Fact]
    public void Normal_form_of_an_exponential_with_a_logarithm_in_its_exponent_is_idempotent_and_expands_the_power()
    {
        // exp(c·log u) is read as u^c, so u = z² + 1 is multiplied out like any polynomial instead of staying an
        // unexpanded factor after the first pass (and being expanded by the second)
        var r = RationalNormalForm.Of(P("exp(y + log(z^2 + 1) + erf(lambda_k/2) - 1)"));
        Assert.Equal(r, RationalNormalForm.Of(r));
        Assert.Equal(RationalNormalForm.Of(P("exp(y + erf(lambda_k/2))*z^2/exp(1) + exp(y + erf(lambda_k/2))/exp(1)")), r);
        Assert.Equal(RationalNormalForm.Of(P("(x^2 + 1)^2")), RationalNormalForm.Of(P("exp(2*log(x^2 + 1))")));
        Assert.Equal(RationalNormalForm.Of(P("(x^2 + 1)^(1/2)")), RationalNormalForm.Of(P("exp(log(x^2 + 1)/2)")));
        // the power of a rational is built canonically ((41/16)^(1/2) = √41/4) before it is read
        var q = RationalNormalForm.Of(P("(y + z)*exp(log(41/16)/2 - 1/2)"));
        Assert.Equal(q, RationalNormalForm.Of(q));
        Assert.Equal(RationalNormalForm.Of(P("41^(1/2)*(y + z)*exp(-1/2)/4")), q);
    }

    [Fact]
    public void A_large_multiple_in_an_exponent_is_its_own_atom_not_a_huge_power()
    {
        // exp(8388608·z⁶) as exp(z⁶)^8388608 would be a polynomial of degree 8388608 (refused by the work limit)
        var r = RationalNormalForm.Of(P("exp(8388608*z^6)"));
        Assert.Equal(P("exp(8388608*z^6)"), r);
        Assert.Equal(r, RationalNormalForm.Of(r));
        Assert.Equal((Expr)Number.Zero, RationalNormalForm.Of(P("exp(8388608*z^6)*exp(z^6) - exp(8388609*z^6)")));
        Assert.Equal((Expr)Number.Zero, RationalNormalForm.Of(P("exp(3*z^6)^2 - exp(z^6)^6")));
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
