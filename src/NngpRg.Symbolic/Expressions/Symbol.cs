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

    /// <summary>
    /// The symbol <paramref name="name"/> with optional subscripts and superscript. Greek letters written as Unicode
    /// characters are stored by their Latin names (<c>λ</c> is <c>lambda</c>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// When the name is not an identifier (letters, digits, no leading digit) or is a reserved word (<see cref="IsReserved"/>).
    /// </exception>
    public static Symbol Of(string name, IEnumerable<Expr>? subscripts = null, Expr? superscript = null)
    {
        if (!IsIdentifier(name))
            throw new ArgumentException($"Symbol name '{name}' is not an identifier: it must start with a letter and contain only letters and digits.", nameof(name));
        name = GreekLetters.Latinize(name);
        if (ReservedMeaning(name) is { } meaning)
            throw new ArgumentException($"Symbol name '{name}' is reserved: it denotes {meaning} in the infix syntax, so a symbol of that name would not read back.", nameof(name));
        return new Symbol(name, subscripts?.ToImmutableArray() ?? ImmutableArray<Expr>.Empty, superscript);
    }

    /// <summary>
    /// True for the words the infix syntax gives a meaning: <c>pi</c>, <c>inf</c>, <c>sum</c>, <c>diff</c>, <c>sqrt</c>
    /// and the names of the built-in functions with their aliases (<see cref="Functions.TryParse"/>). Case-sensitive:
    /// <c>Gamma</c> and <c>Pi</c> are ordinary names.
    /// </summary>
    public static bool IsReserved(string name) => ReservedMeaning(name) is not null;

    /// <summary>What a reserved word denotes, or null for an ordinary name.</summary>
    internal static string? ReservedMeaning(string name) => name switch
    {
        "pi" => "the constant π",
        "inf" => "+∞",
        "sum" => "the indexed sum sum(body, k, lower, upper)",
        "diff" => "the derivative diff(f(x), x, n)",
        "sqrt" => "the square root sqrt(x)",
        _ => Functions.TryParse(name, out var f) ? $"the built-in function {Functions.Name(f)}" : null,
    };

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
