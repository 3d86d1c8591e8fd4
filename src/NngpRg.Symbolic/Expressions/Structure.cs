namespace NngpRg.Symbolic.Expressions;

/// <summary>Structural queries and the generic bottom-up rebuild used by every transformation.</summary>
public static class Structure
{
    /// <summary>True when <paramref name="e"/> contains <paramref name="part"/> as a subexpression (free or bound).</summary>
    public static bool Contains(Expr e, Expr part)
    {
        if (e.Equals(part)) return true;
        return e switch
        {
            Sum s => s.Terms.Keys.Any(t => Contains(t, part)) || part is Number n && s.Constant == n.Value,
            Product p => p.Factors.Any(f => Contains(f.Key, part) || Contains(f.Value, part)),
            _ => e.Children.Any(c => Contains(c, part)),
        };
    }

    /// <summary>True when <paramref name="e"/> depends on symbol <paramref name="x"/> (bound indices excluded).</summary>
    public static bool DependsOn(Expr e, Symbol x) => e switch
    {
        Number or Constant => false,
        Symbol s => s.Equals(x) || s.Subscripts.Any(t => DependsOn(t, x)) || (s.Superscript is { } sup && DependsOn(sup, x)),
        Sum s => s.Terms.Keys.Any(t => DependsOn(t, x)),
        Product p => p.Factors.Any(f => DependsOn(f.Key, x) || DependsOn(f.Value, x)),
        IndexedSum i => !i.Index.Equals(x) && DependsOn(i.Body, x) || DependsOn(i.Lower, x) || DependsOn(i.Upper, x),
        Derivative d => DependsOn(d.Operand, x),
        _ => e.Children.Any(c => DependsOn(c, x)),
    };

    /// <summary>The free symbols of <paramref name="e"/> in canonical order (indices bound by Σ excluded; a subscripted symbol counts as one symbol).</summary>
    public static IReadOnlyList<Symbol> FreeSymbols(Expr e)
    {
        var set = new HashSet<Symbol>();
        Collect(e, set, []);
        var list = set.ToList();
        list.Sort(ExprOrder.Compare);
        return list;
    }

    private static void Collect(Expr e, HashSet<Symbol> acc, HashSet<Symbol> bound)
    {
        switch (e)
        {
            case Symbol s:
                if (!bound.Contains(s)) acc.Add(s);
                break;
            case Sum s:
                foreach (var t in s.Terms.Keys) Collect(t, acc, bound);
                break;
            case Product p:
                foreach (var (b, x) in p.Factors) { Collect(b, acc, bound); Collect(x, acc, bound); }
                break;
            case IndexedSum i:
                Collect(i.Lower, acc, bound);
                Collect(i.Upper, acc, bound);
                var inner = new HashSet<Symbol>(bound) { i.Index };
                Collect(i.Body, acc, inner);
                break;
            case Call c:
                foreach (var a in c.Args) Collect(a, acc, bound);
                break;
            case Derivative d:
                Collect(d.Operand, acc, bound);
                break;
            default:
                foreach (var c in e.Children) Collect(c, acc, bound);
                break;
        }
    }

    /// <summary>
    /// Rebuilds <paramref name="e"/> with <paramref name="f"/> applied to each immediate child, through the canonical
    /// builders. Symbols' subscripts and superscripts are children too; a call's head is not.
    /// </summary>
    public static Expr MapChildren(Expr e, Func<Expr, Expr> f) => e switch
    {
        Number or Constant => e,
        Symbol s => s.Subscripts.IsEmpty && s.Superscript is null
            ? s
            : Symbol.Of(s.Name, s.Subscripts.Select(f), s.Superscript is null ? null : f(s.Superscript)),
        Sum s => MapSum(s, f),
        Product p => MapProduct(p, f),
        Apply a => Apply.Of(a.Function, a.Args.Select(f).ToArray()),
        Call c => Call.Of(c.Head, c.Args.Select(f).ToArray()),
        Derivative d => f(d.Operand) is var of && of is Call or Derivative && f(d.Wrt) is Symbol w
            ? Expressions.Derivative.Of(of, w, d.Order)
            : throw new InvalidOperationException($"Cannot rebuild the derivative of '{d.Operand}' after mapping."),
        IndexedSum i => IndexedSum.Of(f(i.Body), i.Index, f(i.Lower), f(i.Upper)),
        _ => throw new InvalidOperationException($"MapChildren: unhandled kind {e.Kind}."),
    };

    private static Expr MapSum(Sum s, Func<Expr, Expr> f)
    {
        var b = new SumBuilder();
        b.Add(Number.Of(s.Constant));
        foreach (var (t, c) in s.OrderedTerms) b.Add(f(t), c);
        return b.ToExpr();
    }

    private static Expr MapProduct(Product p, Func<Expr, Expr> f)
    {
        var b = new ProductBuilder();
        b.Multiply(Number.Of(p.Coefficient));
        foreach (var (x, e) in p.OrderedFactors) b.Multiply(f(x), f(e));
        return b.ToExpr();
    }

    /// <summary>Bottom-up rewrite: children first, then <paramref name="f"/> on the rebuilt node.</summary>
    public static Expr BottomUp(Expr e, Func<Expr, Expr> f) => f(MapChildren(e, c => BottomUp(c, f)));

    /// <summary>The number of nodes in the tree (shared subtrees counted each time).</summary>
    public static int Size(Expr e) => e switch
    {
        Sum s => 1 + s.Terms.Keys.Sum(Size),
        Product p => 1 + p.Factors.Sum(kv => Size(kv.Key) + Size(kv.Value)),
        _ => 1 + e.Children.Sum(Size),
    };
}
