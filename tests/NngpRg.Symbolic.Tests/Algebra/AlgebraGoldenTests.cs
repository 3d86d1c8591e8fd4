using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Algebra;

public class AlgebraGoldenTests
{
    private static readonly Symbol x = Sym("x"), y = Sym("y"), z = Sym("z"), k = Sym("k");

    [Fact]
    public void Expand_square_of_binomial()
    {
        Assert.Equal(Pow(x, 2) + 2 * x * y + Pow(y, 2), Expand.Of(Pow(x + y, 2)));
        Assert.Equal(Pow(x, 2) - Pow(y, 2), Expand.Of((x + y) * (x - y)));
    }

    [Fact]
    public void Expand_twentieth_power_of_four_terms()
    {
        var e = Expand.Of(Pow(1 + x + y + z, 20));
        var s = Assert.IsType<Sum>(e);
        Assert.Equal(1770, s.Terms.Count); // plus the constant 1: 1771 monomials
        Assert.Equal(Rational.One, s.Constant);
        Assert.Equal(Rational.One * 20, s.Terms[x]);
        Assert.Equal(new Rational(System.Numerics.BigInteger.Parse("11732745024"), 1), s.Terms[Pow(x, 5) * Pow(y, 5) * Pow(z, 5)]);
        var at = new Dictionary<Symbol, double> { [x] = 0.1, [y] = -0.2, [z] = 0.05 };
        Assert.Equal(Math.Pow(0.95, 20), Evaluate.At(e, at), 12);
    }

    [Fact]
    public void Expand_keeps_denominators_and_radicals_and_goes_inside_functions()
    {
        Assert.Equal(Pow(Pow(x, 2) + 2 * x + 1, -1) + Pow(x, -1) * Pow(Pow(x, 2) + 2 * x + 1, -1),
            Expand.Of((x + 1) * Pow(x + 1, -3) * (1 + 1 / x) * Pow(x + 1, 0)));
        Assert.Equal(Sin(Pow(x, 2) + 2 * x + 1), Expand.Of(Sin(Pow(x + 1, 2))));
        // √(x+1)·√(x+1)·(x+1) merges to (x+1)² before expansion
        Assert.Equal(Pow(x, 2) + 2 * x + 1, Expand.Of(Sqrt(x + 1) * (Sqrt(x + 1) * (x + 1))));
        // radicals that meet after distribution merge and are expanded again
        Assert.Equal(x + 1 + Sqrt(x + 1), Expand.Of(Sqrt(x + 1) * (Sqrt(x + 1) + 1)));
    }

    [Fact]
    public void Rational_normal_form_cancels_and_normalizes_sign()
    {
        Assert.Equal(x + 1, RationalNormalForm.Of((Pow(x, 2) - 1) / (x - 1)));
        Assert.Equal(-1 / (x - 1), RationalNormalForm.Of(1 / (1 - x)));
        Assert.Equal((Expr)(-1), RationalNormalForm.Of((y - x) / (x - y)));
        Assert.Equal((x + 2) / (2 * y), RationalNormalForm.Of((x / 2 + 1) / y));
        Assert.Equal((Expr)0, RationalNormalForm.Of(1 / (x - 1) - 1 / (x + 1) - 2 / (Pow(x, 2) - 1)));
        var (n, d) = RationalNormalForm.NumeratorDenominator(1 / x + 1 / y);
        Assert.Equal(x + y, n);
        Assert.Equal(x * y, d);
    }

    [Fact]
    public void Exponential_atoms_do_not_depend_on_how_their_argument_was_multiplied_out()
    {
        // exp(t)² from squaring and exp(2t) with 2t multiplied out are one atom (a case found by the property below)
        var p = NngpRg.Symbolic.Printing.InfixParser.Parse("1/(exp(lambda_k + 1/(y^2 + 1/2) + 2) + 1/2)^2");
        var q = NngpRg.Symbolic.Printing.InfixParser.Parse("arctan(z/2)^4 + erf(1/2) + 1");
        var r = NngpRg.Symbolic.Printing.InfixParser.Parse("sin(z/2)");
        Assert.Equal(RationalNormalForm.Of(p / q), RationalNormalForm.Of(Expand.Of(p * r) / Expand.Of(q * r)));
        var t = NngpRg.Symbolic.Printing.InfixParser.Parse("(a + 2*b)/(2*c + 1)");
        Assert.Equal(RationalNormalForm.Of(Pow(Exp(t), 2)), RationalNormalForm.Of(Exp(Expand.Of(2 * t))));
    }

    [Fact]
    public void Rational_normal_form_uses_radical_and_exponential_relations()
    {
        Assert.Equal(x, RationalNormalForm.Of(Pow(Sqrt(x), 2)));
        var a = Sqrt(x + 1);
        Assert.Equal(a / 2 + Num(1, 2), RationalNormalForm.Of(Pow(a + 1, 2) / (2 * a + 2)));
        Assert.Equal(x / (a + 1), RationalNormalForm.Of(x / (a + 1)));
        Assert.Equal(Exp(x) + 1, RationalNormalForm.Of((Exp(2 * x) - 1) / (Exp(x) - 1)));
        Assert.Equal(Exp(x / 2) + 1, RationalNormalForm.Of((Exp(x) - 1) / (Exp(x / 2) - 1)));
        Assert.Equal(Sin(x + 1), RationalNormalForm.Of(Sin((Pow(x, 2) - 1) / (x - 1))));
    }

    [Fact]
    public void Rational_normal_form_of_zero_denominator_is_an_error()
    {
        var a = Sqrt(x + 1);
        var ex = Assert.Throws<DivideByZeroException>(() => RationalNormalForm.Of(1 / (Pow(a + 1, 2) - 2 * a - x - 2)));
        Assert.Contains("identically zero", ex.Message);
    }

    [Fact]
    public void Gcd_of_known_factorizations()
    {
        var a = Polynomial.FromExpr(Expand.Of(Pow(x + y, 3) * (x - 2 * y)));
        var b = Polynomial.FromExpr(Expand.Of(Pow(x + y, 2) * (x + 3)));
        Assert.Equal(Expand.Of(Pow(x + y, 2)), PolynomialGcd.Of(a, b).ToExpr());
        var c = Polynomial.FromExpr(Expand.Of((2 * x + 4) * (y - 1)));
        var d = Polynomial.FromExpr(Expand.Of((3 * x + 6) * (y + 1)));
        Assert.Equal(x + 2, PolynomialGcd.Of(c, d).ToExpr());
        var one = Polynomial.FromExpr(x + 1);
        Assert.Equal((Expr)1, PolynomialGcd.Of(one, Polynomial.FromExpr(x - 1)).ToExpr());
        Assert.Equal(x + 1, PolynomialGcd.Of(one.Scale(-3), Polynomial.Zero(one.Variables)).ToExpr());
    }

    [Fact]
    public void Polynomial_division_degree_content_and_leading_term()
    {
        var p = Polynomial.FromExpr(Expand.Of(Pow(x + y, 2) * (x - 1) / 3));
        Assert.Equal(3, p.Degree(x));
        Assert.Equal(2, p.Degree(y));
        Assert.Equal(3, p.TotalDegree);
        Assert.Equal(new Rational(1, 3), p.LeadingCoefficient);
        Assert.Equal(new Rational(1, 3), p.Content());
        Assert.Equal(Expand.Of(Pow(x + y, 2) * (x - 1)), p.PrimitivePart().ToExpr());
        var q = p.ExactDivide(Polynomial.FromExpr(x + y));
        Assert.Equal(Expand.Of((x + y) * (x - 1) / 3), q.ToExpr());
        Assert.Throws<ArgumentException>(() => p.ExactDivide(Polynomial.FromExpr(x + 2)));
        var (quotient, remainder) = Polynomial.FromExpr(Pow(x, 2) + 1).DivideWithRemainder(Polynomial.FromExpr(x - 1));
        Assert.Equal(x + 1, quotient.ToExpr());
        Assert.Equal((Expr)2, remainder.ToExpr());
        Assert.Throws<ArgumentException>(() => Polynomial.FromExpr(1 / x));
    }

    [Fact]
    public void Collect_groups_powers()
    {
        var e = Pow(x + y + 1, 2);
        var c = Collect.Coefficients(e, x);
        Assert.Equal([0, 1, 2], c.Keys);
        Assert.Equal(Pow(y, 2) + 2 * y + 1, c[0]);
        Assert.Equal(2 * y + 2, c[1]);
        Assert.Equal((Expr)1, c[2]);
        Assert.Equal(Expand.Of(e), Expand.Of(Collect.Terms(e, x)));
        Assert.Equal(Pow(x, 2) + (2 * y + 2) * x + Pow(y, 2) + 2 * y + 1, Collect.Terms(e, x));
        var ex = Assert.Throws<ArgumentException>(() => Collect.Coefficients(x + 1 / x, x));
        Assert.Contains("not a polynomial in x", ex.Message);
        Assert.Throws<ArgumentException>(() => Collect.Coefficients(Sin(x) + x, x));
    }

    [Fact]
    public void Substitute_symbols_subexpressions_subscripts_and_bound_indices()
    {
        Assert.Equal(Pow(y + 1, 2) + y, Substitute.Apply(Pow(x, 2) + y, x, y + 1));
        Assert.Equal(Sym("lambda", 3), Substitute.Apply(Sym("lambda", k), k, 3));
        Assert.Equal(Sym("lambda", 4), Substitute.Apply(Sym("lambda", k + 1), k, 3));
        var tail = SumOver(Sym("lambda", k), k, z + 1, Infinity);
        Assert.Equal(SumOver(Sym("lambda", k), k, 3, Infinity), Substitute.Apply(tail, z, 2));
        Assert.Equal(tail, Substitute.Apply(tail, k, 5)); // k is bound
        // a replacement that mentions the bound index is not captured
        var captured = Substitute.Apply(SumOver(Sym("lambda", k) * z, k, 1, Infinity), z, k);
        var s = Assert.IsType<IndexedSum>(captured);
        Assert.NotEqual(k, s.Index);
        Assert.Equal(Sym("lambda", s.Index) * k, s.Body);
        // whole subexpressions
        var map = new Dictionary<Expr, Expr> { [Exp(x)] = y, [x * y] = z };
        Assert.Equal(y + 3 * z + 1, Substitute.Apply(Exp(x) + 3 * x * y + 1, map));
        Assert.Equal(z * Pow(y, 2), Substitute.Apply(Pow(x, 3) * z, new Dictionary<Expr, Expr> { [Pow(x, 3)] = Pow(y, 2) }));
        var f = Call(Sym("f"), x);
        Assert.Throws<ArgumentException>(() => Substitute.Apply(Derivative.Of(f, x), x, 3));
        Assert.Equal(Derivative.Of(Call(Sym("f"), y), y), Substitute.Apply(Derivative.Of(f, x), x, y));
    }

    [Fact]
    public void Simplify_returns_the_expanded_polynomial_or_the_fraction()
    {
        Assert.Equal(Pow(x, 2) + x + 1, Simplify.Of((Pow(x, 3) - 1) / (x - 1)));
        Assert.Equal(2 / (Pow(x, 2) - 1), Simplify.Of(1 / (x - 1) - 1 / (x + 1)));
        Assert.Equal(1 / x + 1 / y, Simplify.Of(1 / x + 1 / y)); // the expansion is smaller than (x + y)/(x·y)
    }
}
