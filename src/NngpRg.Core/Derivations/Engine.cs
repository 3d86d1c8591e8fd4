using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The few algebraic operations the derivations need on top of the canonical core: expansion, a common
/// denominator, substitution, polynomial coefficients by differentiation, and an exact zero test.
/// </summary>
internal static class Engine
{
    /// <summary>Products distributed over sums.</summary>
    public static Expr Expand(Expr e) => Symbolic.Algebra.Expand.Of(e);

    /// <summary>The rational normal form: one fraction of expanded polynomials with their gcd cancelled.</summary>
    public static Expr Normalize(Expr e) => RationalNormalForm.Of(e);

    /// <summary>True when the rational normal form of a − b is 0 (the engine decides, no numbers).</summary>
    public static bool Same(Expr a, Expr b) => RationalNormalForm.Of(a - b) is Number { Value.IsZero: true };

    /// <summary>Replaces the symbol <paramref name="x"/> by <paramref name="value"/> everywhere.</summary>
    public static Expr Substitute(Expr e, Symbol x, Expr value) => IndexSums.Substitute(e, x, value);

    /// <summary>Replaces every node equal to <paramref name="part"/> by <paramref name="value"/>.</summary>
    public static Expr Replace(Expr e, Expr part, Expr value) => Structure.BottomUp(e, n => n.Equals(part) ? value : n);

    /// <summary>The coefficient of xⁿ in a polynomial in x: (1/n!) ∂ⁿe/∂xⁿ at x = 0.</summary>
    public static Expr Coefficient(Expr e, Symbol x, int n)
    {
        var d = n == 0 ? e : Differentiate.Of(e, x, n);
        var factorial = Enumerable.Range(1, Math.Max(n, 1)).Aggregate(1L, (p, i) => p * i);
        return Expand(Product.Of(Number.Of(new Rational(1, factorial)), Substitute(d, x, Number.Zero)));
    }

    /// <summary>Stops a derivation whose internal consistency check (an equality the engine must settle) fails.</summary>
    public static void Require(bool holds, string what)
    {
        if (!holds) throw new InvalidOperationException($"Derivation check failed: {what}.");
    }
}
