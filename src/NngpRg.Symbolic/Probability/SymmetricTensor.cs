using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Probability;

/// <summary>
/// Components of a fully symmetric tensor (a cumulant κ_{ijk}, U_{ijkl}) as subscripted symbols whose indices are
/// kept sorted by <see cref="ExprOrder"/>, so that κ_{q,k,l}, κ_{k,q,l} and κ_{l,k,q} are one symbol.
/// </summary>
public static class SymmetricTensor
{
    /// <summary>The component <paramref name="name"/>_{sorted indices}.</summary>
    public static Symbol Of(string name, IEnumerable<Expr> indices)
    {
        var list = indices.ToList();
        list.Sort(ExprOrder.Compare);
        return Symbol.Of(name, list);
    }

    /// <summary>
    /// Re-canonicalizes, after a substitution of indices, the components of the tensors named in
    /// <paramref name="names"/> (re-sorted) and the Kronecker deltas (evaluated with <paramref name="distinct"/>).
    /// </summary>
    public static Expr Canonicalize(Expr e, IReadOnlySet<string> names, Func<Expr, Expr, bool>? distinct = null) =>
        Structure.BottomUp(e, n => n switch
        {
            _ when KroneckerDelta.IsDelta(n, out var i, out var j) => KroneckerDelta.Of(i, j, distinct),
            Symbol { Superscript: null } s when s.Subscripts.Length > 0 && names.Contains(s.Name) => Of(s.Name, s.Subscripts),
            _ => n,
        });
}
