namespace NngpRg.Symbolic.Expressions;

/// <summary>Canonical construction of powers b^e (stored as single-factor <see cref="Product"/> nodes).</summary>
public static class Power
{
    /// <summary>
    /// The canonical form of <paramref name="b"/>^<paramref name="e"/>. Rules: b^0 = 1, b^1 = b, 1^e = 1,
    /// numbers to integer powers are folded, (c·Π bᵢ^eᵢ)^n distributes for integer n, (c·P)^r = c^r·P^r for c &gt; 0,
    /// exp(a)^e = exp(a·e). Powers of powers with non-integer outer exponents are kept, since (x²)^½ = |x|.
    /// </summary>
    /// <exception cref="DivideByZeroException">When 0 is raised to a negative power.</exception>
    public static Expr Of(Expr b, Expr e)
    {
        if (e is Number { Value.IsZero: true }) return Number.One;
        if (e is Number { Value.IsOne: true }) return b;
        if (b is Apply { Function: Function.Exp } ex) return Apply.Of(Function.Exp, Product.Of(ex.Args[0], e));
        return new ProductBuilder().Multiply(b, e).ToExpr();
    }

    /// <summary>Splits an expression into base and exponent (x ↦ (x, 1); a single power b^e ↦ (b, e)).</summary>
    public static (Expr Base, Expr Exponent) Split(Expr x) =>
        x is Product { IsPower: true } p ? (p.Factors.First().Key, p.Factors.First().Value) : (x, Number.One);
}
