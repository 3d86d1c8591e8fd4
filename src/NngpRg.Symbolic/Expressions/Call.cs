using System.Collections.Immutable;

namespace NngpRg.Symbolic.Expressions;

/// <summary>An undefined function applied to arguments, such as the input-dependent ridge σ²(x).</summary>
public sealed record Call : Expr
{
    private readonly int _hash;

    private Call(Symbol head, ImmutableArray<Expr> args)
    {
        Head = head;
        Args = args;
        _hash = SequenceHash(args, head.GetHashCode() * 31 + 5);
    }

    /// <summary>The function's name, a symbol (may carry subscripts and a superscript).</summary>
    public Symbol Head { get; }
    /// <summary>The arguments (at least one).</summary>
    public ImmutableArray<Expr> Args { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.Call;
    /// <inheritdoc />
    public override IEnumerable<Expr> Children => Args;

    /// <summary>The call <paramref name="head"/>(<paramref name="args"/>).</summary>
    /// <exception cref="ArgumentException">When no argument is given.</exception>
    public static Call Of(Symbol head, params Expr[] args)
    {
        if (args.Length == 0) throw new ArgumentException($"Call {head.Name}: at least one argument is required.", nameof(args));
        return new Call(head, [.. args]);
    }

    /// <inheritdoc />
    public bool Equals(Call? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            _hash == other._hash && Head.Equals(other.Head) && SequenceEqual(Args, other.Args));

    /// <inheritdoc />
    public override int GetHashCode() => _hash;
}
