using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Printing;

/// <summary>The order of the terms of a sum in print (<see cref="TermOrder"/>).</summary>
internal static class TermOrdering
{
    /// <summary>The terms of <paramref name="s"/> as (coefficient-free term, coefficient), in print order; the constant is not included.</summary>
    public static IReadOnlyList<KeyValuePair<Expr, Rational>> Order(Sum s, TermOrder order)
    {
        var terms = s.OrderedTerms.ToArray();
        if (order == TermOrder.DegreeDescending)
            // OrderBy is stable: terms of equal degree keep the canonical order
            return terms.OrderByDescending(t => Degree(t.Key)).ToArray();
        return terms;
    }

    /// <summary>
    /// The total degree: 1 for a symbol, the sum over factors of degree(base)·exponent for numeric exponents, the
    /// largest degree of the terms of a sum, 0 for numbers, constants and function values.
    /// </summary>
    public static Rational Degree(Expr e) => e switch
    {
        Symbol => Rational.One,
        Product p => p.Factors.Aggregate(Rational.Zero, (acc, f) => f.Value is Number n ? acc + Degree(f.Key) * n.Value : acc),
        Sum s => s.Terms.Keys.Select(Degree).DefaultIfEmpty(Rational.Zero).Max(),
        _ => Rational.Zero,
    };
}
