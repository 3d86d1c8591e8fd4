using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Tests.Generators;

/// <summary>
/// A first-order estimate of the rounding error of evaluating an expression in floating point, the floor below which
/// two evaluations (or an evaluation and a reference) cannot be told apart.
/// </summary>
public static class RoundingError
{
    /// <summary>
    /// A first-order bound on the absolute rounding error of evaluating <paramref name="e"/> at <paramref name="at"/>,
    /// in units of the machine epsilon: every node contributes its magnitude, and an argument's error is carried
    /// through the node's derivative (|f′(a)| ≤ 1.2 for sin, cos, arctan, erf; exp(a)·δa; δa/a for log; |x·k/b|·δb for b^k).
    /// </summary>
    public static double Magnitude(Expr e, IReadOnlyDictionary<Symbol, double> at)
    {
        double v = Math.Abs(ExprGen.Value(e, at));
        switch (e)
        {
            case Number or Symbol or Constant:
                return v;
            case Sum s:
                return v + Math.Abs(s.Constant.ToDouble()) + s.Terms.Sum(t => Math.Abs(t.Value.ToDouble()) * Magnitude(t.Key, at));
            case Product p:
                {
                    double acc = v;
                    foreach (var (b, k) in p.Factors)
                    {
                        double bv = Math.Abs(ExprGen.Value(b, at)), kv = Math.Abs(ExprGen.Value(k, at));
                        acc += v * kv * Magnitude(b, at) / Math.Max(bv, 1e-300);
                    }
                    return acc;
                }
            case Apply { Function: var f } a:
                {
                    double arg = Magnitude(a.Args[0], at), av = Math.Abs(ExprGen.Value(a.Args[0], at));
                    return f switch
                    {
                        Function.Exp => v + v * arg,
                        Function.Log => v + arg / Math.Max(av, 1e-300),
                        _ => v + 1.2 * arg,
                    };
                }
            default:
                return v;
        }
    }

    /// <summary>
    /// The relative condition number of evaluating a constant expression: <see cref="Magnitude"/> over the value's
    /// magnitude (a sum amplifies its terms' errors by Σ|tᵢ|/|Σ tᵢ|, a power b^k by |k|); +∞ where the value is 0 or
    /// the bound is not finite.
    /// </summary>
    public static double Condition(Expr constant)
    {
        var none = new Dictionary<Symbol, double>();
        double c = Magnitude(constant, none) / Math.Abs(ExprGen.Value(constant, none));
        return double.IsFinite(c) ? c : double.PositiveInfinity;
    }
}
