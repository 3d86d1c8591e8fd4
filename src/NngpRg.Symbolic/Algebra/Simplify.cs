using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Algebra;

/// <summary>A bounded simplification pipeline made of the named steps of this folder; no search.</summary>
public static class Simplify
{
    /// <summary>
    /// The rational normal form of <paramref name="e"/> (<see cref="RationalNormalForm.Of"/>: one fraction of expanded
    /// polynomials, gcd cancelled, sign normalized; a polynomial comes back expanded), unless the plain expansion
    /// (<see cref="Expand.Of"/>, no common denominator) is strictly smaller by <see cref="Structure.Size"/>, in which
    /// case that is returned; the step is repeated on its result until it returns its input, so that
    /// Simplify(Simplify(e)) = Simplify(e) (expanding a normal form can merge powers, (z² + 1)^(1/2)·(z² + 1)^(−1) =
    /// (z² + 1)^(−1/2), and come out smaller). It settles within three steps: the normal forms of an expression and of
    /// its expansion agree.
    /// </summary>
    /// <exception cref="DivideByZeroException">When the expression has an identically zero denominator.</exception>
    public static Expr Of(Expr e)
    {
        var rational = RationalNormalForm.Of(e);
        var expanded = Expand.Of(e);
        bool isNormalForm = Structure.Size(expanded) >= Structure.Size(rational);
        var current = isNormalForm ? rational : expanded;
        // each further step needs only the other operation: both are idempotent (property-tested), so the normal form
        // of a normal form, and the expansion of an expansion, are the input itself
        for (int i = 0; i < MaxSteps; i++)
        {
            var other = isNormalForm ? Expand.Of(current) : RationalNormalForm.Of(current);
            // the step keeps the normal form on a tie, as the first step does
            bool switches = isNormalForm ? Structure.Size(other) < Structure.Size(current) : Structure.Size(other) <= Structure.Size(current);
            if (!switches || other.Equals(current)) return current;
            current = other;
            isNormalForm = !isNormalForm;
        }
        return current;
    }

    // A safeguard only: the argument in the summary bounds the steps by three.
    private const int MaxSteps = 8;
}
