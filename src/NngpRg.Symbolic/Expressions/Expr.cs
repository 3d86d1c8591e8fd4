using System.Collections.Immutable;

namespace NngpRg.Symbolic.Expressions;

/// <summary>The kinds of expression node, in the order used by the canonical total order (<see cref="ExprOrder"/>).</summary>
public enum ExprKind
{
    /// <summary>An exact rational number.</summary>
    Number,
    /// <summary>A named constant (π, ∞).</summary>
    Constant,
    /// <summary>A symbol with optional subscripts and superscript.</summary>
    Symbol,
    /// <summary>A product c·Π bᵢ^eᵢ, which also represents single powers.</summary>
    Product,
    /// <summary>A sum c + Σ cᵢ tᵢ.</summary>
    Sum,
    /// <summary>A built-in function applied to arguments.</summary>
    Apply,
    /// <summary>An undefined (user) function applied to arguments, such as σ²(x).</summary>
    Call,
    /// <summary>An unevaluated derivative of an undefined function.</summary>
    Derivative,
    /// <summary>An indexed sum Σ_{k=a}^{b} f(k).</summary>
    IndexedSum,
}

/// <summary>
/// An immutable symbolic expression in canonical form. Every expression is built through the canonical
/// builders (<see cref="Ex"/>, <see cref="Sum.Of(Expr[])"/>, <see cref="Product.Of(Expr[])"/>, <see cref="Power.Of"/>,
/// <see cref="Apply.Of(Function, Expr[])"/>), so two expressions are <see cref="object.Equals(object)"/> exactly when
/// their canonical forms coincide. Hashes are cached; nodes are shared freely between threads.
/// </summary>
/// <remarks>
/// Canonical form: numbers are exact rationals and are folded; sums are a rational constant plus a map from
/// coefficient-free terms to non-zero rational coefficients; products are a rational coefficient times a map from
/// bases to non-zero exponents (a single power x^n is a product with one factor); a numeric multiple of a sum is
/// distributed; integer powers of products are distributed; children are ordered by <see cref="ExprOrder"/>.
/// </remarks>
public abstract record Expr : IComparable<Expr>
{
    private protected Expr() { }

    /// <summary>The node kind.</summary>
    public abstract ExprKind Kind { get; }

    /// <summary>Canonical total order; see <see cref="ExprOrder"/>.</summary>
    public int CompareTo(Expr? other) => other is null ? 1 : ExprOrder.Compare(this, other);

    /// <summary>The children of this node, in canonical order (numbers of sums and products included as Number nodes).</summary>
    public abstract IEnumerable<Expr> Children { get; }

    /// <summary>The infix form, which <c>InfixParser</c> reads back to an equal expression.</summary>
    public sealed override string ToString() => Printing.Infix.Print(this);

    /// <summary>An integer as an expression.</summary>
    public static implicit operator Expr(int n) => Number.Of(n);
    /// <summary>A rational as an expression.</summary>
    public static implicit operator Expr(Rational r) => Number.Of(r);
    /// <summary>Canonical sum.</summary>
    public static Expr operator +(Expr a, Expr b) => Sum.Of(a, b);
    /// <summary>Canonical difference.</summary>
    public static Expr operator -(Expr a, Expr b) => Sum.Of(a, Product.Of(Number.MinusOne, b));
    /// <summary>Canonical negation.</summary>
    public static Expr operator -(Expr a) => Product.Of(Number.MinusOne, a);
    /// <summary>Canonical product.</summary>
    public static Expr operator *(Expr a, Expr b) => Product.Of(a, b);
    /// <summary>Canonical quotient a·b⁻¹.</summary>
    public static Expr operator /(Expr a, Expr b) => Product.Of(a, Power.Of(b, Number.MinusOne));
    /// <summary>Canonical power.</summary>
    public static Expr operator ^(Expr a, Expr b) => Power.Of(a, b);

    /// <summary>Helper for order-independent hashing of maps.</summary>
    private protected static int MixPair(int keyHash, int valueHash) =>
        unchecked((int)((uint)keyHash * 2654435761u) ^ (valueHash * 16777619) ^ (keyHash >> 7));

    private protected static bool SequenceEqual(ImmutableArray<Expr> a, ImmutableArray<Expr> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++) if (!a[i].Equals(b[i])) return false;
        return true;
    }

    private protected static int SequenceHash(ImmutableArray<Expr> a, int seed)
    {
        var h = new HashCode();
        h.Add(seed);
        foreach (var x in a) h.Add(x.GetHashCode());
        return h.ToHashCode();
    }
}
