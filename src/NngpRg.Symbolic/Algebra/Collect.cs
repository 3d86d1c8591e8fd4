using System.Collections.Immutable;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Algebra;

/// <summary>Collection of an expanded expression by the powers of a chosen expression.</summary>
public static class Collect
{
    /// <summary>
    /// <paramref name="e"/> expanded and regrouped as Σₙ cₙ·xⁿ: every summand is split into the power of a factor
    /// with base <paramref name="x"/> (exponent 0 when there is none, any exponent otherwise) and the rest, and the
    /// rests of equal exponents are added. The coefficients cₙ contain no factor with base x but may depend on x in
    /// other ways (inside functions, for instance). The result is a canonical expression.
    /// </summary>
    public static Expr Terms(Expr e, Expr x)
    {
        var groups = new Dictionary<Expr, SumBuilder>();
        foreach (var (term, c) in Summands(Expand.Of(e)))
        {
            var (power, rest) = SplitOff(term, x);
            if (!groups.TryGetValue(power, out var b)) groups[power] = b = new SumBuilder();
            b.Add(rest, c);
        }
        var result = new SumBuilder();
        foreach (var (power, b) in groups.OrderBy(g => g.Key, ExprOrder.Comparer))
            result.Add(Product.Of(b.ToExpr(), Power.Of(x, power)));
        return result.ToExpr();
    }

    /// <summary>
    /// The coefficients of <paramref name="e"/> as a polynomial in <paramref name="x"/>: degree → coefficient (free of x),
    /// for the degrees with a non-zero coefficient, after expansion.
    /// </summary>
    /// <exception cref="ArgumentException">When a summand is not a coefficient free of x times a non-negative integer power of x.</exception>
    public static ImmutableSortedDictionary<int, Expr> Coefficients(Expr e, Symbol x)
    {
        var groups = new SortedDictionary<int, SumBuilder>();
        var expanded = Expand.Of(e);
        foreach (var (term, c) in Summands(expanded))
        {
            var (power, rest) = SplitOff(term, x);
            if (power is not Number { IsInteger: true } k || k.Value.Sign < 0 || k.Value.Numerator > int.MaxValue)
                throw new ArgumentException($"Collect.Coefficients: '{e}' is not a polynomial in {x}: the term '{Product.Scale(term, c)}' has the power {x}^({power}), not a non-negative integer power.", nameof(e));
            if (Structure.DependsOn(rest, x))
                throw new ArgumentException($"Collect.Coefficients: '{e}' is not a polynomial in {x}: the term '{Product.Scale(term, c)}' depends on {x} through '{rest}'.", nameof(e));
            int d = (int)k.Value.Numerator;
            if (!groups.TryGetValue(d, out var b)) groups[d] = b = new SumBuilder();
            b.Add(rest, c);
        }
        var result = ImmutableSortedDictionary.CreateBuilder<int, Expr>();
        foreach (var (d, b) in groups)
        {
            var coefficient = b.ToExpr();
            if (coefficient is not Number { Value.IsZero: true }) result[d] = coefficient;
        }
        return result.ToImmutable();
    }

    private static IEnumerable<(Expr Term, Rational Coefficient)> Summands(Expr e)
    {
        if (e is not Sum s) return e is Number { Value.IsZero: true } ? [] : [(e, Rational.One)];
        var list = new List<(Expr, Rational)>();
        foreach (var (t, c) in s.OrderedTerms) list.Add((t, c));
        if (!s.Constant.IsZero) list.Add((Number.One, s.Constant));
        return list;
    }

    // term = x^power · rest
    private static (Expr Power, Expr Remainder) SplitOff(Expr term, Expr x)
    {
        if (term.Equals(x)) return (Number.One, Number.One);
        if (term is Product p && p.Factors.TryGetValue(x, out var k))
        {
            var rest = new ProductBuilder();
            rest.Multiply(Number.Of(p.Coefficient));
            foreach (var (b, y) in p.OrderedFactors) if (!b.Equals(x)) rest.Multiply(b, y);
            return (k, rest.ToExpr());
        }
        return (Number.Zero, term);
    }
}
