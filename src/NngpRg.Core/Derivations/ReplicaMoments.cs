using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// Prior moments of the replica sums of one removed mode (docs/theory.md §8): the replica amplitudes f_a are i.i.d.
/// N(0, λ_q) for a = 1…M and the target component y_q is fixed, so ξ_a = f_a − y_q has mean −y_q and variance λ_q.
/// E[S_1^n S_2^m] with S_1 = Σ_a ξ_a, S_2 = Σ_a ξ_a² is written as a sum over n + m replica indices of a product of
/// ξ's, expanded, averaged term by term by Wick contraction with E[f_a f_b] = λ_q δ_ab, and summed over the indices
/// with Kronecker-delta contraction: a polynomial in the symbolic replica count M.
/// </summary>
internal static class ReplicaMoments
{
    /// <summary>E[S_1^<paramref name="n"/> S_2^<paramref name="m"/>] as a polynomial in M, λ_q and y_q.</summary>
    public static Expr Of(int n, int m)
    {
        if (n < 0 || m < 0) throw new ArgumentOutOfRangeException(nameof(n), $"ReplicaMoments: powers must be ≥ 0 (got {n}, {m}).");
        var indices = Enumerable.Range(1, n + m).Select(i => Ex.Sym("a", i)).ToArray();
        Expr Xi(Symbol a) => F(a) - Y(Q);
        var body = Product.Of([.. indices.Take(n).Select(a => Xi(a)), .. indices.Skip(n).Select(a => Ex.Pow(Xi(a), 2))]);
        var averaged = new SumBuilder();
        foreach (var term in Summands(Engine.Expand(body)))
            averaged.Add(AverageTerm(term));
        return indices.Length == 0
            ? Engine.Expand(averaged.ToExpr())
            : Engine.Expand(IndexSums.Sum(averaged.ToExpr(), indices, Number.One, M));
    }

    private static IEnumerable<Expr> Summands(Expr e) => e is Sum s ? s.Summands : [e];

    // One expanded term: the f-factors (with multiplicity) go into a Wick moment, the rest is a coefficient.
    private static Expr AverageTerm(Expr term)
    {
        var fields = new List<Expr>();
        var rest = new List<Expr>();
        foreach (var factor in term is Product p ? p.FactorExprs : [term])
        {
            var (b, e) = Power.Split(factor);
            if (b is Symbol { Name: "f" } f && f.Subscripts.Length == 1 && e is Number { IsInteger: true } k && k.Value.Sign > 0)
                fields.AddRange(Enumerable.Repeat<Expr>(f, (int)k.Value.Numerator));
            else rest.Add(factor);
        }
        var lambda = Lambda(Q);
        var moment = Wick.Moment(fields, (x, y) => lambda * KroneckerDelta.Of(((Symbol)x).Subscripts[0], ((Symbol)y).Subscripts[0]));
        return Engine.Expand(Product.Of(rest) * moment);
    }
}
