namespace NngpRg.Symbolic.Expressions;

/// <summary>An unevaluated derivative ∂ⁿf/∂xⁿ of an undefined function call (nested for mixed derivatives).</summary>
public sealed record Derivative : Expr
{
    private Derivative(Expr of, Symbol wrt, int order)
    {
        Operand = of;
        Wrt = wrt;
        Order = order;
    }

    /// <summary>What is differentiated: a <see cref="Call"/> or another <see cref="Derivative"/>.</summary>
    public Expr Operand { get; }
    /// <summary>The variable.</summary>
    public Symbol Wrt { get; }
    /// <summary>The order n ≥ 1.</summary>
    public int Order { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.Derivative;
    /// <inheritdoc />
    public override IEnumerable<Expr> Children => [Operand, Wrt];

    /// <summary>∂ⁿ(of)/∂(wrt)ⁿ, merging repeated derivatives with respect to the same variable.</summary>
    /// <exception cref="ArgumentException">When <paramref name="order"/> &lt; 1 or <paramref name="of"/> is not a call or derivative.</exception>
    public static Derivative Of(Expr of, Symbol wrt, int order = 1)
    {
        if (order < 1) throw new ArgumentException($"Derivative order must be at least 1, got {order}.", nameof(order));
        if (of is not (Call or Derivative))
            throw new ArgumentException($"An unevaluated derivative applies to an undefined function call, not to '{of}'.", nameof(of));
        if (of is Derivative d && d.Wrt.Equals(wrt)) return new Derivative(d.Operand, wrt, d.Order + order);
        return new Derivative(of, wrt, order);
    }
}
