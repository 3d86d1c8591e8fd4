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

    [Theory]
    [InlineData("(z + 1)*exp(log(x^2 + 1)/2)/(z^2 + 1)^(1/2)", "z*(x^2 + 1)^(1/2)/(z^2 + 1)^(1/2) + (x^2 + 1)^(1/2)/(z^2 + 1)^(1/2)")]
    [InlineData("y*(z + exp(-1/2)*log(lambda_k^2 + 1) + exp(-1) + sin(lambda_k/2 + 3/2) + arctan(1/(2*(x^2 + 1/2)^2)))*exp(log(x^2 + 1)/2)",
        "y*z*(x^2 + 1)^(1/2) + y*(x^2 + 1)^(1/2)*exp(-1) + y*(x^2 + 1)^(1/2)*exp(-1/2)*log(lambda_k^2 + 1) + y*(x^2 + 1)^(1/2)*sin(lambda_k/2 + 3/2) + y*(x^2 + 1)^(1/2)*arctan(2/(4*x^2 + 4*x^4 + 1))")]
    public void Simplify_repeats_its_step_until_the_expansion_of_the_normal_form_is_no_smaller(string input, string expected)
    {
        // the normal form (one fraction) is smaller than the first expansion, but its own expansion merges powers and is smaller still
        var r = Simplify.Of(P(input));
        Assert.Equal(P(expected), r);
        Assert.Equal(r, Simplify.Of(r));
    }

    [Fact]
    public void A_difference_that_reads_as_zero_over_a_radical_denominator_is_zero()
    {
        // p/q − (p·r)/(q·r) with r = exp(… + log(u)/2) = √u·exp(…): the numerator is 0 as read, the denominator holds √u
        Expr p = P("lambda_k"), q = P("y + z + 1/(lambda_k^2 + 1/2) + 1"), r = P("exp(lambda_k*z/2 + lambda_k^3*z*log(5)/2 + log(log(y^2 + 1)^2 + 1)/2)");
        Assert.Equal((Expr)Number.Zero, RationalNormalForm.Of(p / q - Expand.Of(p * r) / Expand.Of(q * r)));
        Assert.Equal(RationalNormalForm.Of(p / q), RationalNormalForm.Of(Expand.Of(p * r) / Expand.Of(q * r)));
    }

    [Fact]
    public void Exponent_multiples_stay_powers_of_one_atom_and_a_huge_one_is_refused()
    {
        // (λ + z + exp(−729/16) + 5)³ has exp(−2187/16): a threshold that made large multiples atoms of their own gave a
        // different form on the second pass
        var r = RationalNormalForm.Of(P("(lambda_k + z + exp(-729/16) + 5)^3"));
        Assert.Equal(r, RationalNormalForm.Of(r));
        Assert.Equal((Expr)Number.Zero, RationalNormalForm.Of(P("exp(3*z^6)^2 - exp(z^6)^6")));
        var ex = Assert.Throws<WorkLimitException>(() => RationalNormalForm.Of(P("exp(8388608*z^6) + 1")));
        Assert.Contains("the exponent 8388608 is beyond the largest polynomial degree", ex.Message);
    }

    // The gcd of the 693-term numerator and denominator (after √(y² + 1)² = y² + 1) used to exhaust the work limit in the
    // pseudo-remainder gcd; cancelling by the radicands and the reduced denominator factors first, and proving the rest
    // coprime from univariate images, finishes it in a fraction of a second.
    [Theory]
    [InlineData("log(1/((z + 1/(y^2+1)^(1/2) - sin(2) + 1)^2 + 1/2)^4 + 1)")]
    [InlineData("lambda_k + x + 1/(z^2 + 1)^(1/2) + 1/((x + y + z + 1/(y^2 + 1)^(1/2) + exp(1/4) + 1)^2 + 1/2)^2 + 4743684/1203409")]
    [InlineData("1/(z^2 + 1)^(1/2) + 1/((x + y + z + 1/(y^2 + 1)^(1/2) + exp(1/4) + 1)^2 + 1/2)^2 + 2")]
    // radicands whose own denominators are read while the candidates are collected
    [InlineData("1/((1/(1/(lambda_k^2 + 1/2)^4 + 1)^(1/2) + log(x^2 + 1) + 1)^2 + 1/2)")]
    [InlineData("1/((27*793^(1/2)/793 + 1/(1/(lambda_k^2 + 1) + 1)^(1/2) + arctan(lambda_k/2) + 4/3)^2 + 1/2)^2")]
    public void Normal_forms_whose_radicals_leave_a_common_factor_finish_and_keep_their_value(string text)
    {
        var e = P(text);
        var r = RationalNormalForm.Of(e);
        Assert.Equal(r, RationalNormalForm.Of(r));
        var at = new Dictionary<Symbol, double> { [Ex.Sym("x")] = 0.3, [Ex.Sym("y")] = -0.7, [Ex.Sym("z")] = 1.1, [Ex.Sym("lambda", Ex.Sym("k"))] = 0.45 };
        double expected = NngpRg.Symbolic.Compilation.Evaluate.At(e, at), actual = NngpRg.Symbolic.Compilation.Evaluate.At(r, at);
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected), $"{expected} vs {actual}");
    }

    // Degree 48 in four variables, 2.7·10⁵ terms: beyond the work limit by design.
    [Fact]
    public void A_normal_form_beyond_the_work_limit_stops_with_a_precise_message()
    {
        var ex = Assert.Throws<WorkLimitException>(() => RationalNormalForm.Of(P("1/(1/(((lambda_k + x + y + z)^2 + 1)^3 + 1/2)^4 + 1/2)^2")));
        Assert.Contains("Rational normal form of '1/(", ex.Message);
        Assert.Contains("20,000,000 polynomial term operations", ex.Message);
    }

    [Fact]
    public void The_work_limit_does_not_stop_smaller_normal_forms()
    {
        var r = RationalNormalForm.Of(P("log(1/((z + 1/(y^2+1)^(1/2) - sin(2) + 1)^2 + 1/2)^2 + 1)"));
        Assert.Equal(r, RationalNormalForm.Of(r));
    }
}
