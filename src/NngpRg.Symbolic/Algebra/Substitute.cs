using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Algebra;

/// <summary>
/// Substitution of expressions for symbols or for whole subexpressions, rebuilding canonically through the builders.
/// </summary>
/// <remarks>
/// Matching is structural on canonical nodes: a key matches a node equal to it, a term c·t of a sum (as the scaled
/// term), a product with its coefficient removed, or a single factor bᵉ of a product. Subscripts and superscripts are
/// searched too (λ_k with k ↦ 3 gives λ_3). Inside Σ_k the bound index k is not substituted, nor are keys that
/// contain it; when a replacement contains the bound index, the index is renamed first so that it is not captured.
/// The head of a call and the variable of a derivative are replaced only by symbols.
/// </remarks>
public static class Substitute
{
    /// <summary>e with every occurrence of a key of <paramref name="map"/> replaced by its value (simultaneously).</summary>
    /// <exception cref="ArgumentException">When the variable of an unevaluated derivative would become a non-symbol.</exception>
    public static Expr Apply(Expr e, IReadOnlyDictionary<Expr, Expr> map)
    {
        if (map.Count == 0) return e;
        bool symbolsOnly = map.Keys.All(k => k is Symbol);
        return Rec(e, map, symbolsOnly);
    }

    /// <summary>e with the symbol <paramref name="s"/> replaced by <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">When <paramref name="s"/> is the variable of an unevaluated derivative and <paramref name="value"/> is not a symbol.</exception>
    public static Expr Apply(Expr e, Symbol s, Expr value) => Apply(e, new Dictionary<Expr, Expr> { [s] = value });

    private static Expr Rec(Expr e, IReadOnlyDictionary<Expr, Expr> map, bool symbolsOnly)
    {
        if (map.TryGetValue(e, out var r)) return r;
        switch (e)
        {
            case Number or Constant:
                return e;
            case Symbol s:
                {
                    if (s.Subscripts.IsEmpty && s.Superscript is null) return s;
                    var subs = s.Subscripts.Select(t => Rec(t, map, symbolsOnly)).ToArray();
                    var sup = s.Superscript is null ? null : Rec(s.Superscript, map, symbolsOnly);
                    bool changed = !ReferenceEquals(sup, s.Superscript) || subs.Where((t, i) => !ReferenceEquals(t, s.Subscripts[i])).Any();
                    return changed ? Symbol.Of(s.Name, subs, sup) : s;
                }
            case Sum s:
                {
                    var b = new SumBuilder();
                    b.Add(Number.Of(s.Constant));
                    bool changed = false;
                    foreach (var (t, c) in s.OrderedTerms)
                    {
                        if (!symbolsOnly && !c.IsOne && map.TryGetValue(Product.Scale(t, c), out var whole))
                        {
                            b.Add(whole);
                            changed = true;
                            continue;
                        }
                        var t2 = Rec(t, map, symbolsOnly);
                        changed |= !ReferenceEquals(t2, t);
                        b.Add(t2, c);
                    }
                    return changed ? b.ToExpr() : e;
                }
            case Product p:
                {
                    if (!symbolsOnly && !p.Coefficient.IsOne && map.TryGetValue(p.WithUnitCoefficient(), out var unit))
                        return Product.Of(Number.Of(p.Coefficient), unit);
                    var b = new ProductBuilder();
                    b.Multiply(Number.Of(p.Coefficient));
                    bool changed = false;
                    foreach (var (x, k) in p.OrderedFactors)
                    {
                        if (!symbolsOnly && p.Factors.Count > 1 && map.TryGetValue(Power.Of(x, k), out var factor))
                        {
                            b.Multiply(factor);
                            changed = true;
                            continue;
                        }
                        var x2 = Rec(x, map, symbolsOnly);
                        var k2 = Rec(k, map, symbolsOnly);
                        changed |= !ReferenceEquals(x2, x) || !ReferenceEquals(k2, k);
                        b.Multiply(x2, k2);
                    }
                    return changed ? b.ToExpr() : e;
                }
            case Expressions.Apply a:
                {
                    var args = a.Args.Select(t => Rec(t, map, symbolsOnly)).ToArray();
                    return args.Where((t, i) => !ReferenceEquals(t, a.Args[i])).Any() ? Expressions.Apply.Of(a.Function, args) : e;
                }
            case Call c:
                {
                    var head = map.TryGetValue(c.Head, out var h) && h is Symbol hs ? hs : c.Head;
                    var args = c.Args.Select(t => Rec(t, map, symbolsOnly)).ToArray();
                    return Call.Of(head, args);
                }
            case Derivative d:
                {
                    var operand = Rec(d.Operand, map, symbolsOnly);
                    var wrt = Rec(d.Wrt, map, symbolsOnly);
                    if (wrt is not Symbol w)
                        throw new ArgumentException($"Substitute: cannot replace the differentiation variable '{d.Wrt}' of '{d}' by '{wrt}'; an unevaluated derivative needs a symbol as its variable.", nameof(map));
                    if (operand is not (Call or Derivative))
                        throw new ArgumentException($"Substitute: replacing inside '{d}' turned the differentiated call into '{operand}', which is not an undefined function call.", nameof(map));
                    return Derivative.Of(operand, w, d.Order);
                }
            case IndexedSum i:
                return SubstituteInSum(i, map, symbolsOnly);
            default:
                throw new ArgumentException($"Substitute: unhandled expression kind {e.Kind}.", nameof(e));
        }
    }

    private static Expr SubstituteInSum(IndexedSum i, IReadOnlyDictionary<Expr, Expr> map, bool symbolsOnly)
    {
        var lower = Rec(i.Lower, map, symbolsOnly);
        var upper = Rec(i.Upper, map, symbolsOnly);
        // keys that mention the bound index mean something else inside the body
        var inner = map.Where(kv => !Structure.Contains(kv.Key, i.Index)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var index = i.Index;
        var body = i.Body;
        if (inner.Values.Any(v => Structure.DependsOn(v, index)))
        {
            var fresh = FreshIndex(index, body, inner);
            body = Rec(body, new Dictionary<Expr, Expr> { [index] = fresh }, true);
            index = fresh;
        }
        var newBody = inner.Count == 0 ? body : Rec(body, inner, symbolsOnly && inner.Keys.All(k => k is Symbol));
        return IndexedSum.Of(newBody, index, lower, upper);
    }

    private static Symbol FreshIndex(Symbol index, Expr body, Dictionary<Expr, Expr> map)
    {
        for (int n = 1; ; n++)
        {
            var candidate = Symbol.Of(index.Name + n.ToString(System.Globalization.CultureInfo.InvariantCulture), index.Subscripts, index.Superscript);
            if (!Structure.Contains(body, candidate) && !map.Any(kv => Structure.Contains(kv.Key, candidate) || Structure.Contains(kv.Value, candidate)))
                return candidate;
        }
    }
}
