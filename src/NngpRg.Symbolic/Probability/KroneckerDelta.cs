using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Probability;

/// <summary>
/// The Kronecker delta δ_{ij} of two mode indices, represented as the symbol <c>delta_{i,j}</c> with its two
/// subscripts in canonical order (the name <c>delta</c> with exactly two subscripts is reserved for it in the
/// index calculus). Equal indices give 1, distinct numbers give 0, and indices declared distinct give 0 (e.g. a
/// removed mode q against a kept mode k). Sums over an index contract it: see <see cref="IndexSums"/>.
/// </summary>
public static class KroneckerDelta
{
    /// <summary>The base name of the delta symbol.</summary>
    public const string Name = "delta";

    /// <summary>
    /// δ_{ij}: 1 when i = j, 0 when both are different numbers or <paramref name="distinct"/>(i, j) holds, otherwise
    /// the symbol delta_{i,j} with the two indices sorted.
    /// </summary>
    public static Expr Of(Expr i, Expr j, Func<Expr, Expr, bool>? distinct = null)
    {
        if (i.Equals(j)) return Number.One;
        if (i is Number && j is Number) return Number.Zero;
        if (distinct is not null && distinct(i, j)) return Number.Zero;
        return ExprOrder.Compare(i, j) <= 0 ? Symbol.Of(Name, [i, j]) : Symbol.Of(Name, [j, i]);
    }

    /// <summary>True when <paramref name="e"/> is a delta symbol; gives its two indices.</summary>
    public static bool IsDelta(Expr e, out Expr i, out Expr j)
    {
        if (e is Symbol { Name: Name, Superscript: null } s && s.Subscripts.Length == 2)
        {
            i = s.Subscripts[0];
            j = s.Subscripts[1];
            return true;
        }
        i = j = Number.Zero;
        return false;
    }
}
