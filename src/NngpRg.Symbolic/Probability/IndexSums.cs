using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Probability;

/// <summary>
/// Sums over mode indices with Kronecker-delta contraction: Σ_{k₁,…,k_r ∈ [lower, upper]} body. The body is expanded
/// into terms; in each term a delta δ_{k,j} tying a summed index k to another index j is contracted (k ↦ j, the
/// delta dropped, Σ_k δ_{kj} f(k) = f(j), j assumed to lie in the range); factors free of the summed indices move out;
/// indices the term no longer depends on contribute the range length. With numeric bounds the sums are written out
/// term by term (numbered symbols); with symbolic bounds they stay <see cref="IndexedSum"/> nodes.
/// </summary>
public static class IndexSums
{
    /// <summary>
    /// Σ over <paramref name="indices"/> (outermost first) ranging over [<paramref name="lower"/>, <paramref name="upper"/>]
    /// of <paramref name="body"/>. <paramref name="canonicalize"/> is applied after every index substitution (re-sorting
    /// symmetric tensors, evaluating deltas); by default it evaluates deltas only.
    /// </summary>
    /// <exception cref="ArgumentException">When the indices repeat, or numeric bounds are not integers.</exception>
    public static Expr Sum(Expr body, IReadOnlyList<Symbol> indices, Expr lower, Expr upper, Func<Expr, Expr>? canonicalize = null)
    {
        if (indices.Distinct().Count() != indices.Count) throw new ArgumentException($"IndexSums.Sum: the summation indices ({string.Join(", ", indices)}) repeat.", nameof(indices));
        canonicalize ??= e => SymmetricTensor.Canonicalize(e, new HashSet<string>());
        bool numeric = lower is Number && upper is Number;
        if (numeric && (!((Number)lower).IsInteger || !((Number)upper).IsInteger))
            throw new ArgumentException($"IndexSums.Sum: numeric bounds must be integers, got [{lower}, {upper}].");
        var expanded = SeriesCoefficients.Expand(canonicalize(body));
        var terms = expanded is Expressions.Sum s ? s.Summands : [expanded];
        var result = new SumBuilder();
        foreach (var t in terms)
        {
            var (term, remaining) = Contract(t, indices, canonicalize);
            result.Add(numeric
                ? Unroll(term, remaining, (Number)lower, (Number)upper, canonicalize)
                : Wrap(CanonicalDummies(term, remaining, indices, canonicalize, out var renamed), renamed, lower, upper));
        }
        return SeriesCoefficients.Expand(result.ToExpr());
    }

    // Removes deltas that tie a summed index to another index, substituting the summed index away.
    private static (Expr Term, List<Symbol> Remaining) Contract(Expr term, IReadOnlyList<Symbol> indices, Func<Expr, Expr> canonicalize)
    {
        var remaining = indices.ToList();
        while (true)
        {
            var factors = term is Product p ? p.Factors.Select(f => f.Key).ToList() : [term];
            (Symbol Away, Expr Keep, Expr Delta)? hit = null;
            foreach (var f in factors)
            {
                if (!KroneckerDelta.IsDelta(f, out var i, out var j)) continue;
                // eliminate the later summed index so that the earlier one survives: Σ_k Σ_l δ_{kl} f(k,l) = Σ_k f(k,k)
                var candidates = new[] { (i, j), (j, i) }.Where(c => c.Item1 is Symbol s && remaining.Contains(s))
                    .OrderByDescending(c => remaining.IndexOf((Symbol)c.Item1)).ToList();
                if (candidates.Count == 0) continue;
                hit = ((Symbol)candidates[0].Item1, candidates[0].Item2, f);
                break;
            }
            if (hit is not { } h) return (term, remaining);
            var without = term is Product q
                ? Product.Of(q.FactorExprs.Where(x => !Power.Split(x).Base.Equals(h.Delta))) // δ^p = δ
                : Number.One;
            term = SeriesCoefficients.Expand(canonicalize(Substitute(without, h.Away, h.Keep)));
            remaining.Remove(h.Away);
        }
    }

    // Bound indices are renamed to the first r of the given indices, choosing among the r! bijections the one whose
    // term is least in the canonical order, so that terms equal up to a renaming of dummies merge.
    private static Expr CanonicalDummies(Expr term, List<Symbol> remaining, IReadOnlyList<Symbol> indices, Func<Expr, Expr> canonicalize, out List<Symbol> renamed)
    {
        var used = remaining.Where(k => Structure.DependsOn(term, k)).ToList();
        var unused = remaining.Where(k => !Structure.DependsOn(term, k)).ToList();
        var targets = indices.Take(used.Count).ToList();
        Expr? best = null;
        foreach (var perm in Permutations(targets))
        {
            var map = used.Select((k, i) => (k, perm[i])).ToDictionary(p => (Expr)p.k, p => (Expr)p.Item2);
            var candidate = SeriesCoefficients.Expand(canonicalize(Structure.BottomUp(term, n => map.TryGetValue(n, out var to) ? to : n)));
            if (best is null || ExprOrder.Compare(candidate, best) < 0) best = candidate;
        }
        // the range-length factors of unused indices do not depend on their names
        renamed = [.. targets, .. indices.Skip(used.Count).Take(unused.Count)];
        return best ?? term;
    }

    private static IEnumerable<List<Symbol>> Permutations(List<Symbol> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }
        for (int i = 0; i < items.Count; i++)
            foreach (var rest in Permutations([.. items.Where((_, j) => j != i)]))
                yield return [items[i], .. rest];
    }

    /// <summary>Replaces the index symbol <paramref name="index"/> by <paramref name="value"/> everywhere, subscripts included.</summary>
    public static Expr Substitute(Expr e, Symbol index, Expr value) =>
        Structure.BottomUp(e, n => n.Equals(index) ? value : n);

    private static Expr Wrap(Expr term, List<Symbol> remaining, Expr lower, Expr upper)
    {
        var factors = term is Product p ? p.FactorExprs.ToList() : [term];
        var inner = factors.Where(f => remaining.Any(k => Structure.DependsOn(f, k))).ToList();
        var outer = factors.Where(f => !remaining.Any(k => Structure.DependsOn(f, k))).ToList();
        var body = Product.Of(inner);
        var length = Expressions.Sum.Of(upper, Product.Of(Number.MinusOne, lower), Number.One);
        for (int a = remaining.Count - 1; a >= 0; a--)
        {
            var k = remaining[a];
            // an index the term does not depend on contributes the range length, kept outside the sums
            if (Structure.DependsOn(body, k)) body = IndexedSum.Of(body, k, lower, upper);
            else outer.Add(length);
        }
        return SeriesCoefficients.Expand(Product.Of(Product.Of(outer), body));
    }

    private static Expr Unroll(Expr term, List<Symbol> remaining, Number lower, Number upper, Func<Expr, Expr> canonicalize)
    {
        IEnumerable<Expr> Expand(Expr t, int depth)
        {
            if (depth == remaining.Count)
            {
                yield return t;
                yield break;
            }
            for (var v = lower.Value; v <= upper.Value; v += 1)
                foreach (var r in Expand(canonicalize(Substitute(t, remaining[depth], Number.Of(v))), depth + 1))
                    yield return r;
        }
        return Expressions.Sum.Of(Expand(term, 0));
    }
}
