using System.Collections.Immutable;

namespace NngpRg.Symbolic.Expressions;

/// <summary>
/// A canonical n-ary sum c + Σᵢ cᵢ·tᵢ: a rational <see cref="Constant"/> and a map from coefficient-free terms
/// (never numbers, never sums, never products with a coefficient other than 1) to non-zero rational coefficients.
/// Adding a term to a large sum costs O(log n): the map is a persistent dictionary.
/// </summary>
public sealed record Sum : Expr
{
    private readonly int _hash;
    private KeyValuePair<Expr, Rational>[]? _ordered;

    internal Sum(Rational constant, ImmutableDictionary<Expr, Rational> terms, int termsHash)
    {
        Constant = constant;
        Terms = terms;
        TermsHash = termsHash;
        _hash = unchecked(constant.GetHashCode() * 31 + 7 + termsHash);
    }

    /// <summary>Order-independent hash of the term map, maintained incrementally by <see cref="SumBuilder"/>.</summary>
    internal int TermsHash { get; }

    internal static int TermHash(Expr term, Rational c) => MixPair(term.GetHashCode(), c.GetHashCode());

    /// <summary>The numeric part.</summary>
    public Rational Constant { get; }
    /// <summary>Coefficient-free term → non-zero coefficient.</summary>
    public ImmutableDictionary<Expr, Rational> Terms { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.Sum;

    /// <summary>The terms in canonical order (<see cref="ExprOrder"/> on the coefficient-free term).</summary>
    public ReadOnlySpan<KeyValuePair<Expr, Rational>> OrderedTerms
    {
        get
        {
            var o = Volatile.Read(ref _ordered);
            if (o is null)
            {
                o = Terms.ToArray();
                Array.Sort(o, (a, b) => ExprOrder.Compare(a.Key, b.Key));
                Volatile.Write(ref _ordered, o);
            }
            return o;
        }
    }

    /// <summary>The summands as expressions (c·t for each term, then the constant if non-zero), in canonical order.</summary>
    public IEnumerable<Expr> Summands
    {
        get
        {
            var list = new List<Expr>(Terms.Count + 1);
            foreach (var (t, c) in OrderedTerms) list.Add(Product.Scale(t, c));
            if (!Constant.IsZero) list.Add(Number.Of(Constant));
            return list;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<Expr> Children => Summands;

    /// <summary>The canonical sum of <paramref name="terms"/>.</summary>
    public static Expr Of(params Expr[] terms) => Of((IEnumerable<Expr>)terms);

    /// <summary>The canonical sum of <paramref name="terms"/>.</summary>
    public static Expr Of(IEnumerable<Expr> terms)
    {
        var b = new SumBuilder();
        foreach (var t in terms) b.Add(t);
        return b.ToExpr();
    }

    /// <inheritdoc />
    public bool Equals(Sum? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (_hash != other._hash || Terms.Count != other.Terms.Count || Constant != other.Constant) return false;
        foreach (var (k, v) in Terms)
            if (!other.Terms.TryGetValue(k, out var w) || v != w) return false;
        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode() => _hash;
}

/// <summary>
/// Accumulates terms into a canonical sum. Starting from the largest sum operand shares its map, so that
/// repeatedly adding a term to a growing sum is O(log n) per term rather than O(n).
/// </summary>
public sealed class SumBuilder
{
    private Rational _constant;
    private ImmutableDictionary<Expr, Rational>.Builder? _terms;
    private int _termsHash;

    private ImmutableDictionary<Expr, Rational>.Builder Terms => _terms ??= ImmutableDictionary.CreateBuilder<Expr, Rational>();

    /// <summary>Adds <paramref name="coefficient"/>·<paramref name="term"/>.</summary>
    public SumBuilder Add(Expr term, Rational coefficient)
    {
        if (coefficient.IsZero) return this;
        switch (term)
        {
            case Number n:
                _constant += n.Value * coefficient;
                break;
            case Sum s:
                if (_terms is null && coefficient.IsOne)
                {
                    _terms = s.Terms.ToBuilder(); // share the big map
                    _termsHash = s.TermsHash;
                    _constant += s.Constant;
                }
                else
                {
                    _constant += s.Constant * coefficient;
                    foreach (var (t, c) in s.Terms) AddTerm(t, c * coefficient);
                }
                break;
            case Product p when !p.Coefficient.IsOne:
                AddTerm(p.WithUnitCoefficient(), p.Coefficient * coefficient);
                break;
            default:
                AddTerm(term, coefficient);
                break;
        }
        return this;
    }

    /// <summary>Adds <paramref name="term"/>.</summary>
    public SumBuilder Add(Expr term) => Add(term, Rational.One);

    private void AddTerm(Expr key, Rational c)
    {
        var terms = Terms;
        if (terms.TryGetValue(key, out var old))
        {
            var sum = old + c;
            _termsHash = unchecked(_termsHash - Sum.TermHash(key, old));
            if (sum.IsZero) terms.Remove(key);
            else
            {
                terms[key] = sum;
                _termsHash = unchecked(_termsHash + Sum.TermHash(key, sum));
            }
        }
        else
        {
            terms[key] = c;
            _termsHash = unchecked(_termsHash + Sum.TermHash(key, c));
        }
    }

    /// <summary>The canonical expression of what has been added.</summary>
    public Expr ToExpr()
    {
        if (_terms is null || _terms.Count == 0) return Number.Of(_constant);
        if (_constant.IsZero && _terms.Count == 1)
        {
            var (t, c) = _terms.First();
            return Product.Scale(t, c);
        }
        return new Sum(_constant, _terms.ToImmutable(), _termsHash);
    }
}
