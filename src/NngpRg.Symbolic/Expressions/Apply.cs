using System.Collections.Immutable;
using System.Numerics;

namespace NngpRg.Symbolic.Expressions;

/// <summary>A built-in function applied to its arguments.</summary>
public sealed record Apply : Expr
{
    private readonly int _hash;

    private Apply(Function function, ImmutableArray<Expr> args)
    {
        Function = function;
        Args = args;
        _hash = SequenceHash(args, (int)function * 7919 + 3);
    }

    /// <summary>The function.</summary>
    public Function Function { get; }
    /// <summary>The arguments.</summary>
    public ImmutableArray<Expr> Args { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.Apply;
    /// <inheritdoc />
    public override IEnumerable<Expr> Children => Args;

    /// <summary>
    /// The canonical application. Rules (all exact over the reals): exp(0) = 1, log(1) = 0, log(exp a) = a,
    /// exp(log a) = a, sin/tan/arcsin/arctan/erf(0) = 0, cos(0) = 1, arccos(1) = 0, |r| for rationals, ||a|| = |a|,
    /// Γ(n) = (n−1)! for positive integers, f(−a) = −f(a) for odd f, f(−a) = f(a) for even f (a sign is read off a
    /// negative number or a negative product coefficient), clamp of numbers folded, clamp(clamp(x, a, b), a, b) = clamp(x, a, b).
    /// </summary>
    /// <exception cref="ArgumentException">When the number of arguments does not match the function, or clamp's numeric
    /// bounds are in the wrong order.</exception>
    public static Expr Of(Function f, params Expr[] args)
    {
        if (args.Length != Functions.Arity(f))
            throw new ArgumentException($"{Functions.Name(f)} takes {Functions.Arity(f)} argument(s), got {args.Length}.", nameof(args));
        var a = args[0];
        if (f == Function.Clamp) return Clamp(a, args[1], args[2]);
        switch (f)
        {
            case Function.Exp when a is Number { Value.IsZero: true }: return Number.One;
            case Function.Exp when a is Apply { Function: Function.Log } l: return l.Args[0];
            case Function.Log when a is Number { Value.IsOne: true }: return Number.Zero;
            case Function.Log when a is Apply { Function: Function.Exp } e: return e.Args[0];
            case Function.Sin or Function.Tan or Function.Arcsin or Function.Arctan or Function.Erf when a is Number { Value.IsZero: true }:
                return Number.Zero;
            case Function.Cos when a is Number { Value.IsZero: true }: return Number.One;
            case Function.Arccos when a is Number { Value.IsOne: true }: return Number.Zero;
            case Function.Abs when a is Number n: return Number.Of(n.Value.Abs());
            case Function.Abs when a is Apply { Function: Function.Abs }: return a;
            case Function.Gamma when a is Number { IsInteger: true } n && n.Value.Sign > 0 && n.Value.Numerator < 1000:
                {
                    BigInteger fact = BigInteger.One;
                    for (int i = 2; i < (int)n.Value.Numerator; i++) fact *= i;
                    return Number.Of(fact);
                }
        }
        if (args.Length == 1 && (Functions.IsOdd(f) || Functions.IsEven(f)) && HasNegativeSign(a))
        {
            var inner = new Apply(f, [Product.Of(Number.MinusOne, a)]);
            return Functions.IsOdd(f) ? Product.Of(Number.MinusOne, inner) : inner;
        }
        return new Apply(f, [.. args]);
    }

    private static Expr Clamp(Expr x, Expr lower, Expr upper)
    {
        if (lower is Number lo && upper is Number hi)
        {
            if (lo.Value > hi.Value)
                throw new ArgumentException($"clamp(x, {lo}, {hi}): the lower bound exceeds the upper bound.", nameof(lower));
            if (x is Number n) return n.Value < lo.Value ? lo : n.Value > hi.Value ? hi : n;
        }
        if (x is Apply { Function: Function.Clamp } inner && inner.Args[1].Equals(lower) && inner.Args[2].Equals(upper)) return inner;
        return new Apply(Function.Clamp, [x, lower, upper]);
    }

    /// <summary>True when the expression carries an explicit minus sign (negative number or product coefficient).</summary>
    internal static bool HasNegativeSign(Expr a) => a switch
    {
        Number n => n.Value.Sign < 0,
        Product p => p.Coefficient.Sign < 0,
        _ => false,
    };

    /// <inheritdoc />
    public bool Equals(Apply? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            _hash == other._hash && Function == other.Function && SequenceEqual(Args, other.Args));

    /// <inheritdoc />
    public override int GetHashCode() => _hash;
}
