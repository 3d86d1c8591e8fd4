using System.Collections.Immutable;

namespace NngpRg.Symbolic.Expressions;

/// <summary>
/// A symbol: a base name (Latin or a Greek letter name such as <c>lambda</c>), optional subscripts that are
/// themselves expressions (<c>lambda_k</c>, <c>lambda_{k+1}</c>, <c>U_{q,q,k,l}</c>) and an optional superscript
/// that is part of the name (<c>sigma^{2}</c>, the ridge, is one symbol, not σ squared).
/// </summary>
public sealed record Symbol : Expr
{
    private readonly int _hash;

    private Symbol(string name, ImmutableArray<Expr> subscripts, Expr? superscript)
    {
        Name = name;
        Subscripts = subscripts;
        Superscript = superscript;
        _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), SequenceHash(subscripts, 17), superscript?.GetHashCode() ?? 0);
    }

    /// <summary>The base name.</summary>
    public string Name { get; }
    /// <summary>The subscripts, possibly empty.</summary>
    public ImmutableArray<Expr> Subscripts { get; }
    /// <summary>The superscript that belongs to the name, or null.</summary>
    public Expr? Superscript { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.Symbol;
    /// <inheritdoc />
    public override IEnumerable<Expr> Children => Superscript is null ? Subscripts : Subscripts.Append(Superscript);

    /// <summary>The symbol <paramref name="name"/> with optional subscripts and superscript.</summary>
    /// <exception cref="ArgumentException">When the name is not an identifier (letters, digits, no leading digit).</exception>
    public static Symbol Of(string name, IEnumerable<Expr>? subscripts = null, Expr? superscript = null)
    {
        if (!IsIdentifier(name))
            throw new ArgumentException($"Symbol name '{name}' is not an identifier: it must start with a letter and contain only letters and digits.", nameof(name));
        return new Symbol(name, subscripts?.ToImmutableArray() ?? ImmutableArray<Expr>.Empty, superscript);
    }

    /// <summary>The same base and superscript with other subscripts.</summary>
    public Symbol WithSubscripts(IEnumerable<Expr> subscripts) => new(Name, subscripts.ToImmutableArray(), Superscript);

    /// <summary>The same base and subscripts with another superscript.</summary>
    public Symbol WithSuperscript(Expr? superscript) => new(Name, Subscripts, superscript);

    /// <summary>True when <paramref name="s"/> is a letter followed by letters and digits.</summary>
    public static bool IsIdentifier(string s) =>
        s.Length > 0 && char.IsLetter(s[0]) && s.All(char.IsLetterOrDigit);

    /// <inheritdoc />
    public bool Equals(Symbol? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            _hash == other._hash && Name == other.Name && SequenceEqual(Subscripts, other.Subscripts) && Equals(Superscript, other.Superscript));

    /// <inheritdoc />
    public override int GetHashCode() => _hash;
}
