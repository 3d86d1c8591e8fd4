using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Algebra;

/// <summary>A bounded simplification pipeline made of the named steps of this folder; no search.</summary>
public static class Simplify
{
    /// <summary>
    /// The rational normal form of <paramref name="e"/> (<see cref="RationalNormalForm.Of"/>: one fraction of expanded
    /// polynomials, gcd cancelled, sign normalized; a polynomial comes back expanded), unless the plain expansion
    /// (<see cref="Expand.Of"/>, no common denominator) is strictly smaller by <see cref="Structure.Size"/>, in which
    /// case that is returned. Exactly two named steps and one size comparison.
    /// </summary>
    /// <exception cref="DivideByZeroException">When the expression has an identically zero denominator.</exception>
    public static Expr Of(Expr e)
    {
        var rational = RationalNormalForm.Of(e);
        var expanded = Expand.Of(e);
        return Structure.Size(expanded) < Structure.Size(rational) ? expanded : rational;
    }
}
