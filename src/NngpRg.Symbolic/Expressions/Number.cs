namespace NngpRg.Symbolic.Expressions;

/// <summary>An exact rational number.</summary>
public sealed record Number : Expr
{
    private Number(Rational value) => Value = value;

    /// <summary>The value.</summary>
    public Rational Value { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.Number;
    /// <inheritdoc />
    public override IEnumerable<Expr> Children => [];

    /// <summary>0.</summary>
    public static readonly Number Zero = new(Rational.Zero);
    /// <summary>1.</summary>
    public static readonly Number One = new(Rational.One);
    /// <summary>−1.</summary>
    public static readonly Number MinusOne = new(Rational.MinusOne);
    /// <summary>2.</summary>
    public static readonly Number Two = new(2);
    /// <summary>1/2.</summary>
    public static readonly Number Half = new(new Rational(1, 2));

    /// <summary>The number with value <paramref name="value"/> (shared instances for 0, ±1).</summary>
    public static Number Of(Rational value) =>
        value.IsZero ? Zero : value.IsOne ? One : value == Rational.MinusOne ? MinusOne : new Number(value);

    /// <summary>True for an integer value.</summary>
    public bool IsInteger => Value.IsInteger;
}
