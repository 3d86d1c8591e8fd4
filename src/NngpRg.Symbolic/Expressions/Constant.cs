namespace NngpRg.Symbolic.Expressions;

/// <summary>The named constants. Euler's number is <c>exp(1)</c>, not a constant.</summary>
public enum ConstantKind
{
    /// <summary>π.</summary>
    Pi,
    /// <summary>+∞, used as the upper limit of indexed sums.</summary>
    Infinity,
}

/// <summary>A named constant.</summary>
public sealed record Constant : Expr
{
    private Constant(ConstantKind which) => Which = which;

    /// <summary>Which constant.</summary>
    public ConstantKind Which { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.Constant;
    /// <inheritdoc />
    public override IEnumerable<Expr> Children => [];

    /// <summary>π.</summary>
    public static readonly Constant Pi = new(ConstantKind.Pi);
    /// <summary>+∞.</summary>
    public static readonly Constant Infinity = new(ConstantKind.Infinity);
}
