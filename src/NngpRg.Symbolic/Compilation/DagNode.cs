using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Compilation;

/// <summary>
/// A node of the computation DAG the compiler shares subexpressions over: either an expression, or a power
/// factor b^e of a product (<see cref="Exponent"/> non-null). A single power x^n is the same node whether it
/// stands alone or as a factor of a larger product, so x² in x²·y and in x² + 1 is computed once.
/// </summary>
internal readonly record struct DagNode(Expr Base, Expr? Exponent)
{
    /// <summary>The node of an expression (a single power becomes its power node).</summary>
    public static DagNode Of(Expr e) =>
        e is Product { IsPower: true } p ? PowerOf(p.Factors.First().Key, p.Factors.First().Value) : new DagNode(e, null);

    /// <summary>The node of a factor b^e (b itself when e = 1).</summary>
    public static DagNode PowerOf(Expr b, Expr e) => e is Number { Value.IsOne: true } ? Of(b) : new DagNode(b, e);

    /// <summary>Numbers, constants and symbols: never worth a local.</summary>
    public bool IsLeaf => Exponent is null && Base is Number or Constant or Symbol;

    /// <summary>The operands this node is computed from.</summary>
    public DagNode[] Operands
    {
        get
        {
            if (Exponent is not null)
                return Exponent is Number ? [Of(Base)] : [Of(Base), Of(Exponent)];
            switch (Base)
            {
                case Sum s:
                    {
                        var terms = s.OrderedTerms;
                        var r = new DagNode[terms.Length];
                        for (int i = 0; i < r.Length; i++) r[i] = Of(terms[i].Key);
                        return r;
                    }
                case Product p:
                    {
                        var factors = p.OrderedFactors;
                        var r = new DagNode[factors.Length];
                        for (int i = 0; i < r.Length; i++) r[i] = PowerOf(factors[i].Key, factors[i].Value);
                        return r;
                    }
                case Apply a: return [.. a.Args.Select(Of)];
                case Call c: return [.. c.Args.Select(Of)];
                case IndexedSum i: return [Of(i.Lower), Of(i.Upper), Of(i.Body)];
                default: return [];
            }
        }
    }

    /// <summary>True when the node depends on symbol <paramref name="x"/>.</summary>
    public bool DependsOn(Symbol x) =>
        Structure.DependsOn(Base, x) || Exponent is not null && Structure.DependsOn(Exponent, x);
}

/// <summary>Occurrence counts of the DAG nodes of one or more expressions (each distinct node's operands counted once).</summary>
internal sealed class DagCounts
{
    private readonly Dictionary<DagNode, int> _counts = [];

    public DagCounts(IEnumerable<Expr> roots)
    {
        foreach (var r in roots) Visit(DagNode.Of(r));
    }

    private void Visit(DagNode n)
    {
        if (_counts.TryGetValue(n, out var c)) { _counts[n] = c + 1; return; }
        _counts[n] = 1;
        foreach (var o in n.Operands) Visit(o);
    }

    /// <summary>How many times the node is used (by distinct parents, or as a root).</summary>
    public int this[DagNode n] => _counts.TryGetValue(n, out var c) ? c : 0;

    /// <summary>The number of distinct nodes.</summary>
    public int Distinct => _counts.Count;

    /// <summary>The number of non-leaf nodes used more than once.</summary>
    public int Shared => _counts.Count(kv => kv.Value > 1 && !kv.Key.IsLeaf);

    /// <summary>The number of nodes of the fully expanded tree (each use of a shared node counted with its subtree).</summary>
    public long TreeSize(IEnumerable<Expr> roots)
    {
        var memo = new Dictionary<DagNode, long>();
        long Size(DagNode n)
        {
            if (memo.TryGetValue(n, out var s)) return s;
            s = 1;
            foreach (var o in n.Operands) s += Size(o);
            memo[n] = s;
            return s;
        }
        return roots.Sum(r => Size(DagNode.Of(r)));
    }
}
