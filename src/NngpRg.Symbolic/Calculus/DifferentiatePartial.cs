using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Calculus;

public static partial class Differentiate
{
    /// <summary>The base name of the heads that denote partial derivatives of undefined functions in argument slots.</summary>
    public const string PartialName = "partial";

    /// <summary>
    /// The head of ∂₁^{n₁}⋯∂ₘ^{nₘ} f, the partial derivative of the undefined function <paramref name="f"/> in its argument
    /// slots (nᵢ = <paramref name="orders"/>[i] times in slot i), as used by the chain rule: the call
    /// <c>partial_{f,n₁,…,nₘ}(a₁,…,aₘ)</c> is that partial derivative evaluated at (a₁,…,aₘ). The orders of all slots
    /// are listed, so mixed partial derivatives commute by construction (∂₁∂₂f and ∂₂∂₁f are one head).
    /// </summary>
    /// <exception cref="ArgumentException">When an order is negative or all orders are zero.</exception>
    public static Symbol PartialHead(Symbol f, IReadOnlyList<int> orders)
    {
        if (orders.Any(n => n < 0) || orders.All(n => n == 0))
            throw new ArgumentException($"Partial derivative orders of {f} must be non-negative and not all zero, got ({string.Join(", ", orders)}).", nameof(orders));
        return Symbol.Of(PartialName, orders.Select(n => (Expr)Number.Of(n)).Prepend(f));
    }

    /// <summary>Reads a head built by <see cref="PartialHead"/> back into the function and the slot orders.</summary>
    public static bool TryReadPartial(Symbol head, int arity, out Symbol f, out int[] orders)
    {
        f = head;
        orders = [];
        if (head.Name != PartialName || head.Superscript is not null || head.Subscripts.Length != arity + 1
            || head.Subscripts[0] is not Symbol inner)
            return false;
        var read = new int[arity];
        for (int i = 0; i < arity; i++)
        {
            if (head.Subscripts[i + 1] is not Number { IsInteger: true } n || n.Value.Sign < 0 || n.Value.Numerator > int.MaxValue) return false;
            read[i] = (int)n.Value.Numerator;
        }
        f = inner;
        orders = read;
        return true;
    }

    /// <summary>
    /// Chain rule for an undefined function: d/dx f(a₁,…,aₘ) = Σᵢ ∂ᵢf(a)·aᵢ′. When every argument that depends on x is
    /// x itself (f(x), f(x, y)), the result is the unevaluated <see cref="Derivative"/> node ∂f/∂x instead.
    /// </summary>
    private static Expr ChainRuleForCall(Call c, Symbol x, Func<Expr, Expr> d)
    {
        bool isPartial = TryReadPartial(c.Head, c.Args.Length, out var f, out var orders);
        if (!isPartial && c.Args.All(a => a.Equals(x) || !Structure.DependsOn(a, x)))
            return Derivative.Of(c, x);
        if (!isPartial) orders = new int[c.Args.Length];
        var sum = new SumBuilder();
        for (int i = 0; i < c.Args.Length; i++)
        {
            var da = d(c.Args[i]);
            if (da is Number { Value.IsZero: true }) continue;
            var raised = (int[])orders.Clone();
            raised[i]++;
            sum.Add(Product.Of(Call.Of(PartialHead(f, raised), [.. c.Args]), da));
        }
        return sum.ToExpr();
    }
}
