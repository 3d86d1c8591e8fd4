using System.Collections.Immutable;
using System.Numerics;

namespace NngpRg.Symbolic.Expressions;

/// <summary>
/// A canonical n-ary product c·Πᵢ bᵢ^eᵢ: a non-zero rational <see cref="Coefficient"/> and a map from bases to
/// non-zero exponents. A single power x^n is a product with one factor. Bases are never products raised to an
/// integer power (those are distributed), and numeric bases appear only with non-integer exponents (√2, 2^k).
/// </summary>
public sealed record Product : Expr
{
    private readonly int _hash;
    private KeyValuePair<Expr, Expr>[]? _ordered;

    internal Product(Rational coefficient, ImmutableDictionary<Expr, Expr> factors)
        : this(coefficient, factors, HashOf(factors)) { }

    internal Product(Rational coefficient, ImmutableDictionary<Expr, Expr> factors, int factorsHash)
    {
        Coefficient = coefficient;
        Factors = factors;
        FactorsHash = factorsHash;
        _hash = unchecked(coefficient.GetHashCode() * 37 + 11 + factorsHash);
    }

    /// <summary>Order-independent hash of the factor map.</summary>
    internal int FactorsHash { get; }

    internal static int FactorHash(Expr b, Expr e) => MixPair(b.GetHashCode(), e.GetHashCode());

    private static int HashOf(ImmutableDictionary<Expr, Expr> factors)
    {
        int h = 0;
        foreach (var (k, v) in factors) h = unchecked(h + FactorHash(k, v));
        return h;
    }

    /// <summary>The numeric coefficient (never zero).</summary>
    public Rational Coefficient { get; }
    /// <summary>Base → exponent (never zero).</summary>
    public ImmutableDictionary<Expr, Expr> Factors { get; }

    /// <inheritdoc />
    public override ExprKind Kind => ExprKind.Product;

    /// <summary>The factors in canonical order of their bases.</summary>
    public ReadOnlySpan<KeyValuePair<Expr, Expr>> OrderedFactors
    {
        get
        {
            var o = Volatile.Read(ref _ordered);
            if (o is null)
            {
                o = Factors.ToArray();
                Array.Sort(o, (a, b) => ExprOrder.Compare(a.Key, b.Key));
                Volatile.Write(ref _ordered, o);
            }
            return o;
        }
    }

    /// <summary>The factors as expressions bᵢ^eᵢ in canonical order, preceded by the coefficient when it is not 1.</summary>
    public IEnumerable<Expr> FactorExprs
    {
        get
        {
            var list = new List<Expr>(Factors.Count + 1);
            if (!Coefficient.IsOne) list.Add(Number.Of(Coefficient));
            foreach (var (b, e) in OrderedFactors) list.Add(Power.Of(b, e));
            return list;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<Expr> Children => FactorExprs;

    /// <summary>True when this is a single power b^e with coefficient 1.</summary>
    public bool IsPower => Coefficient.IsOne && Factors.Count == 1;

    /// <summary>This product with its coefficient replaced by 1.</summary>
    public Expr WithUnitCoefficient()
    {
        if (Coefficient.IsOne) return this;
        if (Factors.Count == 1)
        {
            var (b, e) = Factors.First();
            if (e is Number { Value.IsOne: true }) return b;
        }
        return new Product(Rational.One, Factors, FactorsHash);
    }

    /// <summary>c·t for a coefficient-free term t, built without re-canonicalizing t.</summary>
    internal static Expr Scale(Expr term, Rational c)
    {
        if (c.IsOne) return term;
        if (c.IsZero) return Number.Zero;
        return term switch
        {
            Number n => Number.Of(n.Value * c),
            Product p => new Product(p.Coefficient * c, p.Factors, p.FactorsHash),
            Sum => new SumBuilder().Add(term, c).ToExpr(), // a numeric multiple of a sum distributes
            _ => new Product(c, ImmutableDictionary<Expr, Expr>.Empty.Add(term, Number.One)),
        };
    }

    /// <summary>The canonical product of <paramref name="factors"/>.</summary>
    public static Expr Of(params Expr[] factors) => Of((IEnumerable<Expr>)factors);

    /// <summary>The canonical product of <paramref name="factors"/>.</summary>
    public static Expr Of(IEnumerable<Expr> factors)
    {
        var b = new ProductBuilder();
        foreach (var f in factors) b.Multiply(f, Number.One);
        return b.ToExpr();
    }

    /// <inheritdoc />
    public bool Equals(Product? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (_hash != other._hash || Factors.Count != other.Factors.Count || Coefficient != other.Coefficient) return false;
        foreach (var (k, v) in Factors)
            if (!other.Factors.TryGetValue(k, out var w) || !v.Equals(w)) return false;
        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode() => _hash;
}

/// <summary>Accumulates factors b^e into a canonical product.</summary>
public sealed class ProductBuilder
{
    private Rational _coefficient = Rational.One;
    private ImmutableDictionary<Expr, Expr>.Builder? _factors;
    private SumBuilder? _expArgument; // exp(a)·exp(b) = exp(a + b): at most one exponential per product

    private ImmutableDictionary<Expr, Expr>.Builder Factors => _factors ??= ImmutableDictionary.CreateBuilder<Expr, Expr>();

    /// <summary>Multiplies by <paramref name="factor"/>^<paramref name="exponent"/>.</summary>
    /// <exception cref="DivideByZeroException">When zero is raised to a negative power.</exception>
    public ProductBuilder Multiply(Expr factor, Expr exponent)
    {
        if (_coefficient.IsZero) return this;
        if (exponent is Number { Value.IsZero: true }) return this;
        switch (factor)
        {
            case Number n when exponent is Number { IsInteger: true } k:
                if (n.Value.IsZero && k.Value.Sign < 0) throw new DivideByZeroException("Division by zero: 0 raised to a negative power.");
                _coefficient *= n.Value.Pow((int)k.Value.Numerator);
                break;
            case Number n when n.Value.IsZero && exponent is Number { Value.Sign: > 0 }:
                _coefficient = Rational.Zero;
                break;
            case Number n when n.Value.IsZero && exponent is Number { Value.Sign: < 0 }:
                throw new DivideByZeroException($"Division by zero: 0 raised to the negative power {exponent}.");
            case Number { Value.IsOne: true }:
                break;
            case Apply { Function: Function.Exp } ex:
                (_expArgument ??= new SumBuilder()).Add(Product.Of(ex.Args[0], exponent));
                break;
            case Product p when exponent is Number { IsInteger: true } k:
                _coefficient *= p.Coefficient.Pow((int)k.Value.Numerator);
                foreach (var (b, e) in p.Factors) Multiply(b, Product.Of(e, k));
                break;
            case Product p when p.Coefficient.Sign > 0 && !p.Coefficient.IsOne:
                // (c·P)^r = c^r·P^r is valid for c > 0.
                Multiply(Number.Of(p.Coefficient), exponent);
                MultiplyPower(p.WithUnitCoefficient(), exponent);
                break;
            default:
                MultiplyPower(factor, exponent);
                break;
        }
        return this;
    }

    /// <summary>Multiplies by <paramref name="factor"/>.</summary>
    public ProductBuilder Multiply(Expr factor) => Multiply(factor, Number.One);

    private void MultiplyPower(Expr b, Expr e)
    {
        if (b is Number { Value.IsOne: true }) return;
        var f = Factors;
        if (f.TryGetValue(b, out var old))
        {
            var sum = Sum.Of(old, e);
            if (sum is Number { Value.IsZero: true }) f.Remove(b); else f[b] = sum;
        }
        else f[b] = e;
    }

    /// <summary>The canonical expression of what has been multiplied.</summary>
    public Expr ToExpr()
    {
        if (_coefficient.IsZero) return Number.Zero;
        if (_expArgument is not null)
        {
            var arg = _expArgument.ToExpr();
            _expArgument = null;
            var ex = Apply.Of(Function.Exp, arg);
            if (ex is Number n) _coefficient *= n.Value; else MultiplyPower(ex, Number.One);
        }
        if (_factors is null || _factors.Count == 0) return Number.Of(_coefficient);
        NormalizeNumericBases();
        if (_coefficient.IsZero) return Number.Zero;
        if (_factors.Count == 0) return Number.Of(_coefficient);
        if (_factors.Count == 1)
        {
            var (b, e) = _factors.First();
            if (e is Number { Value.IsOne: true })
            {
                if (_coefficient.IsOne) return b;
                if (b is Sum s) return Product.Scale(s, _coefficient);
            }
        }
        return new Product(_coefficient, _factors.ToImmutable());
    }

    // Largest m with m^q dividing n (trial division by small primes), so that n^(1/q) = m·(n/m^q)^(1/q).
    private static BigInteger ExtractPower(BigInteger n, int q, out BigInteger rest)
    {
        rest = n;
        BigInteger m = BigInteger.One;
        if (n.Sign <= 0 || q > 64) return m;
        for (int p = 2; p < 2000; p = p == 2 ? 3 : p + 2)
        {
            var pq = BigInteger.Pow(p, q);
            if (pq > rest) break;
            while ((rest % pq).IsZero) { rest /= pq; m *= p; }
        }
        return m;
    }

    private const int MaxFoldedPower = 4096, MaxRootIndex = 64;

    // n^(p/q) with n a positive rational: move the integer part of the exponent and exact roots into the coefficient.
    private void NormalizeNumericBases()
    {
        List<(Expr Base, Expr Exp)>? changes = null;
        foreach (var (b, e) in _factors!)
            if (b is Number n && e is Number k && n.Value.Sign > 0)
                (changes ??= []).Add((b, e));
        if (changes is null) return;
        foreach (var (b, _) in changes)
        {
            // an earlier radicand may have been merged into this entry, or this entry into an earlier one
            if (!_factors!.TryGetValue(b, out var current) || current is not Number k0) continue;
            var n = ((Number)b).Value;
            var k = k0.Value;
            var e0 = current;
            _factors!.Remove(b);
            var whole = k.Floor();
            var frac = k - whole;
            // Folding is bounded: huge integer parts or root indices (from exponents read off doubles) stay symbolic.
            if (BigInteger.Abs(whole) > MaxFoldedPower || (!frac.IsZero && frac.Denominator > MaxRootIndex))
            {
                _factors[b] = e0;
                continue;
            }
            _coefficient *= n.Pow((int)whole);
            if (frac.IsZero) continue;
            // exact root: n = m^q  =>  n^(p/q) = m^p
            int q = (int)frac.Denominator;
            if (TryRoot(n.Numerator, q, out var rn) && TryRoot(n.Denominator, q, out var rd))
            {
                _coefficient *= new Rational(rn, rd).Pow((int)frac.Numerator);
                continue;
            }
            // pull perfect q-th powers out of the radicand: 8^(1/2) = 2·2^(1/2)
            var mn = ExtractPower(n.Numerator, q, out var restN);
            var md = ExtractPower(n.Denominator, q, out var restD);
            _coefficient *= new Rational(mn, md).Pow((int)frac.Numerator);
            var radicand = new Rational(restN, restD);
            if (radicand.IsOne) continue;
            var rb = Number.Of(radicand);
            if (_factors.TryGetValue(rb, out var existing) && existing is not Number)
                _factors[rb] = Sum.Of(existing, Number.Of(frac)); // 2^k·2^(1/2) = 2^(k + 1/2)
            else if (existing is Number existingExponent)
            {
                // a different radicand reduced to this one: combine exponents, then fold any integer part
                var total = existingExponent.Value + frac;
                var w = total.Floor();
                _coefficient *= radicand.Pow((int)w);
                if (total - w == Rational.Zero) _factors.Remove(rb); else _factors[rb] = Number.Of(total - w);
            }
            else _factors[rb] = Number.Of(frac);
        }
    }

    private static bool TryRoot(BigInteger n, int q, out BigInteger root)
    {
        root = BigInteger.Zero;
        if (n.Sign < 0) return false;
        if (n.IsZero || n.IsOne) { root = n; return true; }
        if (q > 64 || n.GetBitLength() > 4096) return false;
        // exact integer root: a floating-point guess exp(ln n / q) overflows to ∞ beyond about 1024·q bits
        var c = Rational.IntegerRoot(n, q);
        if (BigInteger.Pow(c, q) != n) return false;
        root = c;
        return true;
    }
}
