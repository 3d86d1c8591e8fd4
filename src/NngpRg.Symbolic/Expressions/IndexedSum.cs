namespace NngpRg.Symbolic.Expressions;

/// <summary>
/// An indexed sum Σ_{index=lower}^{upper} body with symbolic bounds, e.g. the tail c(κ) = Σ_{k=κ+1}^{∞} λ_k.
/// The index is bound: substitution and differentiation leave it alone.
/// </summary>
public sealed record IndexedSum : Expr
{
    private IndexedSum(Expr body, Symbol index, Expr lower, Expr upper)
    {
        Body = body;
        Index = index;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The summand, a function of <see cref="Index"/>.</summary>
    public Expr Body { get; }
    /// <summary>The bound summation index.</summary>
    public Symbol Index { get; }
    /// <summary>The lower limit (inclusive).</summary>
    public Expr Lower { get; }
    /// <summary>The upper limit (inclusive), possibly ∞.</summary>
    public Expr Upper { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.IndexedSum;
    /// <inheritdoc />
    public override IEnumerable<Expr> Children => [Body, Lower, Upper];

    /// <summary>
    /// Σ_{index=lower}^{upper} body. A body free of the index with both limits numeric and finite folds to
    /// (upper − lower + 1)·body; a sum over an empty numeric range folds to 0; a zero body folds to 0.
    /// </summary>
    public static Expr Of(Expr body, Symbol index, Expr lower, Expr upper)
    {
        if (body is Number { Value.IsZero: true }) return Number.Zero;
        if (lower is Number lo && upper is Number hi)
        {
            if (hi.Value < lo.Value) return Number.Zero;
            if (!Structure.Contains(body, index)) return Product.Of(Number.Of(hi.Value.Floor() - lo.Value.Floor() + 1), body);
        }
        return new IndexedSum(body, index, lower, upper);
    }
}
