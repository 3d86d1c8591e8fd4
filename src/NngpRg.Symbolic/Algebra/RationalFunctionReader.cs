using System.Collections.Immutable;
using System.Numerics;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Algebra;

/// <summary>
/// Reads an expression as a quotient N/D of polynomials over its atoms. The atoms are chosen so that the
/// reading is a homomorphism for the canonical product, which makes the rational normal form a fixed point:
/// <list type="bullet">
/// <item>a plain atom (symbol, constant, function other than exp, call, derivative, indexed sum) b, read as the
/// variable b^(1/L) where L is the least common denominator of the rational exponents of b in the expression
/// (so b itself is that variable to the power L);</item>
/// <item>a radical of a polynomial-valued base (a number, sum or product) b^(1/L), with the exponent reduced into
/// [0, L) and higher powers rewritten through b;</item>
/// <item>an exponential atom exp(t/L) or b^(t/L) for each coefficient-free term t of an exponent, so that
/// exp(u)·exp(v) = exp(u + v) is respected; a term c·log u of the exponent of exp is read as the power u^c.</item>
/// </list>
/// Variables are ordered by a key that does not depend on L (the atom b, the base of a radical, exp(t) or b^t),
/// compared with <see cref="ExprOrder"/>, then by the kind of atom.
/// </summary>
internal sealed class RationalFunctionReader
{
    private enum AtomKind { Plain, Radical, Exponential }

    // Plain: Term is the atom; Radical: Term is the base; Exponential: Base is b (null for exp), Term is t.
    private readonly record struct AtomKey(AtomKind Kind, Expr? Base, Expr Term);

    private readonly Dictionary<AtomKey, int> _scale = [];
    private readonly List<Polynomial> _denominatorFactors = [];

    /// <summary>
    /// Every polynomial that was moved into a denominator while reading (bases of negative powers and atoms with
    /// negative exponents). Before radical powers are rewritten, every irreducible factor of D divides one of them.
    /// </summary>
    public IReadOnlyList<Polynomial> DenominatorFactors => _denominatorFactors;
    private Dictionary<AtomKey, int> _index = [];
    private ImmutableArray<Expr> _vars = [];

    /// <summary>N and D over the common variable list, with radicals of polynomial-valued bases reduced.</summary>
    public static (Polynomial N, Polynomial D) Read(Expr e)
    {
        var (n, d, reader) = ReadUnreduced(e);
        return reader.ReduceRadicals(n, d);
    }

    /// <summary>N and D before the rewriting of radical powers, with the reader that can rewrite them.</summary>
    public static (Polynomial N, Polynomial D, RationalFunctionReader Reader) ReadUnreduced(Expr e)
    {
        var r = new RationalFunctionReader();
        r.Scan(e);
        r.Freeze();
        var (n, d) = r.ReadRf(e);
        return (n, d, r);
    }

    private static bool IsPolynomialValued(Expr b) => b is Number or Sum or Product;

    // Exponent denominators above this are not split into radicals: the whole power is one atom instead.
    private const int MaxScale = 720;

    private static bool Splittable(Rational r) => r.Denominator <= MaxScale;

    private void Register(AtomKey key, BigInteger denominator)
    {
        int q = (int)denominator;
        long lcm = _scale.TryGetValue(key, out var old) ? (long)old / (long)BigInteger.GreatestCommonDivisor(old, q) * q : q;
        if (lcm > 1_000_000)
            throw new ArgumentException($"Rational normal form: the exponents of '{key.Term}' have the common denominator {lcm}, too large to treat as one radical.");
        _scale[key] = (int)lcm;
    }

    // e = c0 + Σ cᵢ·tᵢ with coefficient-free tᵢ; a part with a large denominator stays whole (c·t with coefficient 1).
    // A large multiple stays a power of the atom exp(tᵢ/L) (any threshold would change under products and powers, and
    // the normal form would not be a fixed point); beyond degree 10⁶ the work limit refuses it.
    private static (Rational C0, IEnumerable<(Expr Term, Rational C)> Terms) Decompose(Expr x)
    {
        var (c0, terms) = x switch
        {
            Number n => (n.Value, Enumerable.Empty<(Expr, Rational)>()),
            Sum s => (s.Constant, s.Terms.Select(kv => (kv.Key, kv.Value))),
            Product p when !p.Coefficient.IsOne => (Rational.Zero, [(p.WithUnitCoefficient(), p.Coefficient)]),
            _ => (Rational.Zero, [(x, Rational.One)]),
        };
        var list = terms.Select(t => WithoutContent(t.Item1, t.Item2))
                        .Select(t => Splittable(t.Item2) ? t : (Product.Scale(t.Item1, t.Item2), Rational.One)).ToList();
        if (!Splittable(c0))
        {
            list.Add((Number.Of(c0), Rational.One));
            c0 = Rational.Zero;
        }
        return (c0, list);
    }

    // A term such as (2a + 4b)/(2c + 1) becomes 2·((a + 2b)/(2c + 1)): the rational content of every sum factor with an
    // integer exponent moves into the coefficient (sign fixed by the sum's first term), so that exp(2t) and exp(t)²
    // read as the same atom however the argument's numerator was multiplied out.
    private static (Expr Term, Rational C) WithoutContent(Expr term, Rational c)
    {
        if (term is not Product p || !p.Factors.Any(f => f.Key is Sum && f.Value is Number { IsInteger: true })) return (term, c);
        var b = new ProductBuilder();
        b.Multiply(Number.Of(p.Coefficient));
        foreach (var (f, x) in p.OrderedFactors)
        {
            if (f is Sum sum && x is Number { IsInteger: true } n && Math.Abs((double)n.Value.Numerator) <= 64)
            {
                var k = Content(sum);
                c *= k.Pow((int)n.Value.Numerator);
                b.Multiply(new SumBuilder().Add(sum, k.Reciprocal()).ToExpr(), x);
            }
            else b.Multiply(f, x);
        }
        var rebuilt = b.ToExpr();
        return rebuilt switch
        {
            Number r => (Number.One, c * r.Value),
            Product q when !q.Coefficient.IsOne => (q.WithUnitCoefficient(), c * q.Coefficient),
            _ => (rebuilt, c),
        };
    }

    // gcd of the numerators over lcm of the denominators of a sum's coefficients, signed like its first term.
    private static Rational Content(Sum s)
    {
        System.Numerics.BigInteger num = System.Numerics.BigInteger.Zero, den = System.Numerics.BigInteger.One;
        void Take(Rational r)
        {
            num = System.Numerics.BigInteger.GreatestCommonDivisor(num, r.Numerator);
            den = den / System.Numerics.BigInteger.GreatestCommonDivisor(den, r.Denominator) * r.Denominator;
        }
        foreach (var (_, k) in s.OrderedTerms) Take(k);
        if (!s.Constant.IsZero) Take(s.Constant);
        var content = new Rational(num, den);
        return s.OrderedTerms[0].Value.Sign < 0 ? -content : content;
    }

    private void Scan(Expr e)
    {
        switch (e)
        {
            case Number:
                break;
            case Sum s:
                foreach (var t in s.Terms.Keys) Scan(t);
                break;
            case Product p:
                foreach (var (b, x) in p.Factors) ScanPower(b, x);
                break;
            case Apply { Function: Function.Exp } a:
                ScanExponent(null, a.Args[0]);
                break;
            default:
                Register(new AtomKey(AtomKind.Plain, null, e), 1);
                break;
        }
    }

    private void ScanPower(Expr b, Expr x)
    {
        if (b is Apply { Function: Function.Exp } a)
        {
            ScanExponent(null, Product.Of(a.Args[0], x));
            return;
        }
        switch (x)
        {
            case Number { IsInteger: true }:
                Scan(b);
                break;
            case Number r when !Splittable(r.Value):
                Register(new AtomKey(AtomKind.Plain, null, Power.Of(b, r)), 1);
                break;
            case Number r when IsPolynomialValued(b):
                Register(new AtomKey(AtomKind.Radical, null, b), r.Value.Denominator);
                Scan(b);
                break;
            case Number r:
                Register(new AtomKey(AtomKind.Plain, null, b), r.Value.Denominator);
                break;
            default:
                ScanExponent(b, x);
                break;
        }
    }

    private void ScanExponent(Expr? b, Expr x)
    {
        var (c0, terms) = Decompose(x);
        if (!c0.IsZero)
        {
            if (b is null) Register(new AtomKey(AtomKind.Exponential, null, Number.One), c0.Denominator);
            else ScanPower(b, Number.Of(c0));
        }
        foreach (var (t, c) in terms)
        {
            if (b is null && t is Apply { Function: Function.Log } log) Scan(Power.Of(log.Args[0], Number.Of(c)));
            else Register(new AtomKey(AtomKind.Exponential, b, t), c.Denominator);
        }
    }

    private static Expr OrderKey(AtomKey k) => k.Kind switch
    {
        AtomKind.Exponential => k.Base is null ? Apply.Of(Function.Exp, k.Term) : Power.Of(k.Base, k.Term),
        _ => k.Term,
    };

    private Expr VariableOf(AtomKey k, int scale)
    {
        var inv = Number.Of(new Rational(1, scale));
        return k.Kind switch
        {
            AtomKind.Exponential => k.Base is null ? Apply.Of(Function.Exp, Product.Of(k.Term, inv)) : Power.Of(k.Base, Product.Of(k.Term, inv)),
            _ => Power.Of(k.Term, inv),
        };
    }

    private void Freeze()
    {
        var keys = _scale.Keys.ToList();
        keys.Sort((a, b) =>
        {
            int c = ExprOrder.Compare(OrderKey(a), OrderKey(b));
            return c != 0 ? c : a.Kind.CompareTo(b.Kind);
        });
        _index = [];
        for (int i = 0; i < keys.Count; i++) _index[keys[i]] = i;
        _vars = [.. keys.Select(k => VariableOf(k, _scale[k]))];
    }

    private Polynomial Const(Rational c) => Polynomial.Constant(_vars, c);

    // key^(k/L) as a quotient of monomials
    private (Polynomial N, Polynomial D) Atom(AtomKey key, Rational exponentTimesScale)
    {
        if (!exponentTimesScale.IsInteger)
            throw new InvalidOperationException($"Rational normal form: exponent scale of '{key.Term}' was not registered consistently.");
        int k = WorkLimit.Degree(exponentTimesScale.Numerator, () => $"Rational normal form: the power of '{OrderKey(key)}'");
        int i = _index[key];
        var m = Monomial.Single(_vars.Length, i, Math.Abs(k));
        var p = Polynomial.FromTerms(_vars, [(m, Rational.One)]);
        if (k >= 0) return (p, Const(1));
        _denominatorFactors.Add(Polynomial.Variable(_vars, i));
        return (Const(1), p);
    }

    private (Polynomial N, Polynomial D) ReadRf(Expr e)
    {
        switch (e)
        {
            case Number n:
                return (Const(n.Value), Const(1));
            case Sum s:
                {
                    // summed as a balanced tree: adding the terms one by one into a growing numerator would merge
                    // O(n) terms n times (quadratic in the number of terms)
                    var parts = new List<(Polynomial N, Polynomial D)>(s.Terms.Count + 1) { (Const(s.Constant), Const(1)) };
                    foreach (var (t, c) in s.OrderedTerms)
                    {
                        var (tn, td) = ReadRf(t);
                        parts.Add((tn.Scale(c), td));
                    }
                    while (parts.Count > 1)
                    {
                        var next = new List<(Polynomial N, Polynomial D)>((parts.Count + 1) / 2);
                        for (int i = 0; i + 1 < parts.Count; i += 2) next.Add(Add(parts[i], parts[i + 1]));
                        if (parts.Count % 2 == 1) next.Add(parts[^1]);
                        parts = next;
                    }
                    return parts[0];
                }
            case Product p:
                {
                    var acc = (N: Const(p.Coefficient), D: Const(1));
                    foreach (var (b, x) in p.OrderedFactors) acc = Multiply(acc, ReadPower(b, x));
                    return acc;
                }
            case Apply { Function: Function.Exp } a:
                return ReadExponent(null, a.Args[0]);
            default:
                {
                    var key = new AtomKey(AtomKind.Plain, null, e);
                    return Atom(key, _scale[key]);
                }
        }
    }

    private (Polynomial N, Polynomial D) ReadPower(Expr b, Expr x)
    {
        if (b is Apply { Function: Function.Exp } a) return ReadExponent(null, Product.Of(a.Args[0], x));
        switch (x)
        {
            case Number { IsInteger: true } n when IsPolynomialValued(b):
                return RaiseTo(ReadRf(b), WorkLimit.Degree(n.Value.Numerator, () => $"Rational normal form: the power of '{b}'"));
            case Number n when !Splittable(n.Value):
                {
                    var key = new AtomKey(AtomKind.Plain, null, Power.Of(b, n));
                    return Atom(key, _scale[key]);
                }
            case Number n when IsPolynomialValued(b):
                {
                    var key = new AtomKey(AtomKind.Radical, null, b);
                    int scale = _scale[key];
                    var k = n.Value * scale;
                    // b^(k/L) = b^q · (b^(1/L))^r with 0 ≤ r < L
                    if (!k.IsInteger) throw new InvalidOperationException($"Rational normal form: exponent scale of '{b}' was not registered consistently.");
                    var q = BigInteger.DivRem(k.Numerator, scale, out var r);
                    if (r.Sign < 0) { q -= 1; r += scale; }
                    return Multiply(RaiseTo(ReadRf(b), WorkLimit.Degree(q, () => $"Rational normal form: the power of '{b}'")), Atom(key, (int)r));
                }
            case Number n:
                {
                    var key = new AtomKey(AtomKind.Plain, null, b);
                    return Atom(key, n.Value * _scale[key]);
                }
            default:
                return ReadExponent(b, x);
        }
    }

    private (Polynomial N, Polynomial D) ReadExponent(Expr? b, Expr x)
    {
        var (c0, terms) = Decompose(x);
        var acc = (N: Const(1), D: Const(1));
        if (!c0.IsZero)
        {
            if (b is null)
            {
                var key = new AtomKey(AtomKind.Exponential, null, Number.One);
                acc = Atom(key, c0 * _scale[key]);
            }
            else acc = ReadPower(b, Number.Of(c0));
        }
        foreach (var (t, c) in terms)
        {
            if (b is null && t is Apply { Function: Function.Log } log)
            {
                // exp(c·log u) = u^c: read as the power built by the canonical builder ((41/16)^(1/2) = √41/4), so
                // that u is expanded like any other polynomial and not left as an unexpanded factor by the variable
                // exp(log u) = u (the normal form would not be a fixed point)
                acc = Multiply(acc, ReadRf(Power.Of(log.Args[0], Number.Of(c))));
                continue;
            }
            var key = new AtomKey(AtomKind.Exponential, b, t);
            acc = Multiply(acc, Atom(key, c * _scale[key]));
        }
        return acc;
    }

    internal static (Polynomial N, Polynomial D) Add((Polynomial N, Polynomial D) a, (Polynomial N, Polynomial D) b)
    {
        if (a.N.IsZero) return b;
        if (b.N.IsZero) return a;
        if (a.D.Equals(b.D)) return (a.N + b.N, a.D);
        if (a.D.IsConstant || b.D.IsConstant) return (a.N * b.D + b.N * a.D, a.D * b.D);
        // over the least common multiple of the denominators, to keep intermediate sizes down
        var g = PolynomialGcd.Of(a.D, b.D);
        var ca = b.D.ExactDivide(g);
        var cb = a.D.ExactDivide(g);
        return (a.N * ca + b.N * cb, a.D * ca);
    }

    internal static (Polynomial N, Polynomial D) Multiply((Polynomial N, Polynomial D) a, (Polynomial N, Polynomial D) b) =>
        (a.N * b.N, a.D * b.D);

    private (Polynomial N, Polynomial D) RaiseTo((Polynomial N, Polynomial D) a, int n)
    {
        if (n >= 0) return (a.N.Pow(n), a.D.Pow(n));
        if (a.N.IsZero) throw new DivideByZeroException("Rational normal form: zero raised to a negative power.");
        if (!a.N.IsConstant) _denominatorFactors.Add(a.N);
        return (a.D.Pow(-n), a.N.Pow(-n));
    }

    // Rewrites (b^(1/L))^k with k ≥ L as b^(k div L)·(b^(1/L))^(k mod L) for every radical of a polynomial-valued base,
    // outer radicals first so that the rewriting of an inner radical never reintroduces an outer one.
    /// <summary>
    /// Polynomials that common factors of N and D are likely to divide after <see cref="ReduceRadicals"/>: the numerators
    /// and denominators of the radicands (b^(1/L))^L = b, and the denominator factors with their radicals reduced.
    /// Cancelling by these first leaves the general gcd, whose cost grows fast with the number of variables, a
    /// coprimality proof in most cases.
    /// </summary>
    public IReadOnlyList<Polynomial> ReducedFactorCandidates()
    {
        var candidates = new List<Polynomial>();
        // snapshots: reading a radicand registers its denominator factors in _denominatorFactors
        var factors = _denominatorFactors.Distinct().ToList();
        foreach (var key in _index.Keys.Where(k => k.Kind == AtomKind.Radical && _scale[k] > 1).ToList())
        {
            var (bn, bd) = ReadRf(key.Term);
            candidates.Add(bn);
            candidates.Add(bd);
        }
        foreach (var f in factors)
        {
            var (rf, _) = ReduceRadicals(f, Const(1));
            candidates.Add(rf);
        }
        return [.. candidates.Where(c => !c.IsConstant).Select(c => c.PrimitivePart()).Distinct()];
    }

    public (Polynomial N, Polynomial D) ReduceRadicals(Polynomial n, Polynomial d)
    {
        var radicals = _index.Keys.Where(k => k.Kind == AtomKind.Radical && _scale[k] > 1)
            .OrderByDescending(k => Structure.Size(k.Term)).ThenBy(k => _index[k]).ToList();
        foreach (var key in radicals)
        {
            int i = _index[key], scale = _scale[key];
            if (n.Degree(i) < scale && d.Degree(i) < scale) continue;
            var b = ReadRf(key.Term);
            var (rn, en) = Reduce(n, i, scale, b);
            var (rd, ed) = Reduce(d, i, scale, b);
            (n, d) = (rn * ed, rd * en);
        }
        return (n, d);
    }

    /// <summary>
    /// Moves radicals of polynomial-valued bases that divide every term of D into N: when (b^(1/L))^k is the largest
    /// power dividing D, both are multiplied by (b^(1/L))^(L−k) and the powers rewritten, so that D has no such
    /// monomial factor (1/√2 becomes √2/2). Radicals inside sums of the denominator are left in place.
    /// </summary>
    public (Polynomial N, Polynomial D) ClearRadicalsFromDenominator(Polynomial n, Polynomial d)
    {
        var radicals = _index.Keys.Where(k => k.Kind == AtomKind.Radical && _scale[k] > 1)
            .OrderByDescending(k => Structure.Size(k.Term)).ThenBy(k => _index[k]).ToList();
        foreach (var key in radicals)
        {
            int i = _index[key], scale = _scale[key];
            if (d.IsZero) break;
            int k = int.MaxValue;
            foreach (var (m, _) in d.Terms) k = Math.Min(k, m[i]);
            if (k == 0) continue;
            var lift = Monomial.Single(_vars.Length, i, scale - k % scale);
            (n, d) = ReduceRadicals(n.MultiplyTerm(lift, 1), d.MultiplyTerm(lift, 1));
        }
        return (n, d);
    }

    private (Polynomial P, Polynomial Extra) Reduce(Polynomial p, int i, int scale, (Polynomial N, Polynomial D) b)
    {
        if (p.IsZero) return (p, Const(1));
        var groups = new SortedDictionary<int, List<(Monomial, Rational)>>();
        foreach (var (m, c) in p.Terms)
        {
            int q = m[i] / scale;
            if (!groups.TryGetValue(q, out var list)) groups[q] = list = [];
            list.Add((m.With(i, m[i] % scale), c));
        }
        int top = groups.Keys.Max();
        if (top == 0) return (p, Const(1));
        var acc = Polynomial.Zero(_vars);
        foreach (var (q, list) in groups)
            acc += Polynomial.FromTerms(_vars, list) * b.N.Pow(q) * b.D.Pow(top - q);
        return (acc, b.D.Pow(top));
    }
}
