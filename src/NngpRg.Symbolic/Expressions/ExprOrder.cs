namespace NngpRg.Symbolic.Expressions;

/// <summary>
/// The documented canonical total order of expressions, used to order the children of sums and products.
/// First by kind (<see cref="ExprKind"/>: numbers &lt; constants &lt; symbols &lt; products &lt; sums &lt; functions &lt;
/// calls &lt; derivatives &lt; indexed sums), then within a kind: numbers by value; symbols by name (ordinal), then
/// subscripts (count, then lexicographically), then superscript; products by their ordered factors (base, then
/// exponent), then by coefficient; sums by their ordered terms (term, then coefficient), then by constant;
/// functions by function, then arguments; calls by head, then arguments; indexed sums by body, index, limits.
/// Compare(a, b) == 0 exactly when a.Equals(b).
/// </summary>
public static class ExprOrder
{
    /// <summary>A comparer view of <see cref="Compare"/>.</summary>
    public static IComparer<Expr> Comparer { get; } = Comparer<Expr>.Create(Compare);

    /// <summary>Negative when a precedes b, zero when they are equal, positive otherwise.</summary>
    public static int Compare(Expr a, Expr b)
    {
        if (ReferenceEquals(a, b)) return 0;
        int k = a.Kind.CompareTo(b.Kind);
        if (k != 0) return k;
        switch (a, b)
        {
            case (Number x, Number y): return x.Value.CompareTo(y.Value);
            case (Constant x, Constant y): return x.Which.CompareTo(y.Which);
            case (Symbol x, Symbol y):
                {
                    int c = string.CompareOrdinal(x.Name, y.Name);
                    if (c != 0) return c;
                    c = CompareSequences(x.Subscripts.AsSpan(), y.Subscripts.AsSpan());
                    if (c != 0) return c;
                    return CompareNullable(x.Superscript, y.Superscript);
                }
            case (Product x, Product y):
                {
                    var fx = x.OrderedFactors;
                    var fy = y.OrderedFactors;
                    int n = Math.Min(fx.Length, fy.Length);
                    for (int i = 0; i < n; i++)
                    {
                        int c = Compare(fx[i].Key, fy[i].Key);
                        if (c != 0) return c;
                        c = Compare(fx[i].Value, fy[i].Value);
                        if (c != 0) return c;
                    }
                    if (fx.Length != fy.Length) return fx.Length.CompareTo(fy.Length);
                    return x.Coefficient.CompareTo(y.Coefficient);
                }
            case (Sum x, Sum y):
                {
                    var tx = x.OrderedTerms;
                    var ty = y.OrderedTerms;
                    int n = Math.Min(tx.Length, ty.Length);
                    for (int i = 0; i < n; i++)
                    {
                        int c = Compare(tx[i].Key, ty[i].Key);
                        if (c != 0) return c;
                        c = tx[i].Value.CompareTo(ty[i].Value);
                        if (c != 0) return c;
                    }
                    if (tx.Length != ty.Length) return tx.Length.CompareTo(ty.Length);
                    return x.Constant.CompareTo(y.Constant);
                }
            case (Apply x, Apply y):
                {
                    int c = x.Function.CompareTo(y.Function);
                    return c != 0 ? c : CompareSequences(x.Args.AsSpan(), y.Args.AsSpan());
                }
            case (Call x, Call y):
                {
                    int c = Compare(x.Head, y.Head);
                    return c != 0 ? c : CompareSequences(x.Args.AsSpan(), y.Args.AsSpan());
                }
            case (Derivative x, Derivative y):
                {
                    int c = Compare(x.Operand, y.Operand);
                    if (c != 0) return c;
                    c = Compare(x.Wrt, y.Wrt);
                    return c != 0 ? c : x.Order.CompareTo(y.Order);
                }
            case (IndexedSum x, IndexedSum y):
                {
                    int c = Compare(x.Body, y.Body);
                    if (c != 0) return c;
                    c = Compare(x.Index, y.Index);
                    if (c != 0) return c;
                    c = Compare(x.Lower, y.Lower);
                    return c != 0 ? c : Compare(x.Upper, y.Upper);
                }
            default:
                throw new InvalidOperationException($"ExprOrder: unhandled kind {a.Kind}.");
        }
    }

    private static int CompareNullable(Expr? a, Expr? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : Compare(a, b);

    private static int CompareSequences(ReadOnlySpan<Expr> a, ReadOnlySpan<Expr> b)
    {
        if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            int c = Compare(a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
