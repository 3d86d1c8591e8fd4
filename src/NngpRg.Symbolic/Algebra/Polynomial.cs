using System.Collections.Immutable;
using System.Numerics;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Algebra;

/// <summary>
/// An immutable sparse multivariate polynomial with rational coefficients over an ordered list of variables.
/// A variable is any expression treated as an indeterminate (an "atom"): a symbol, or a non-polynomial
/// subexpression such as exp(x) or √x. Monomials have non-negative exponents.
/// </summary>
/// <remarks>
/// Monomial order: lexicographic with variable 0 the most significant (<see cref="Monomial.CompareLex"/>). Terms are
/// stored in decreasing order, so <see cref="LeadingTerm"/> is the first one. Binary operations on polynomials over
/// different variable lists first re-express both over the left operand's variables followed by the right operand's
/// new ones.
/// </remarks>
public sealed class Polynomial : IEquatable<Polynomial>
{
    private readonly (Monomial Monomial, Rational Coefficient)[] _terms;

    private Polynomial(ImmutableArray<Expr> variables, (Monomial, Rational)[] terms)
    {
        Variables = variables;
        _terms = terms;
    }

    /// <summary>The ordered variables (atoms); variable 0 is the most significant in the monomial order.</summary>
    public ImmutableArray<Expr> Variables { get; }

    /// <summary>The terms in decreasing monomial order, with non-zero coefficients.</summary>
    public ReadOnlySpan<(Monomial Monomial, Rational Coefficient)> Terms => _terms;

    /// <summary>The number of terms.</summary>
    public int TermCount => _terms.Length;

    /// <summary>True for the zero polynomial.</summary>
    public bool IsZero => _terms.Length == 0;

    /// <summary>True for a constant (including zero).</summary>
    public bool IsConstant => _terms.Length == 0 || _terms.Length == 1 && _terms[0].Monomial.IsOne;

    /// <summary>The zero polynomial over <paramref name="variables"/>.</summary>
    public static Polynomial Zero(ImmutableArray<Expr> variables) => new(variables, []);

    /// <summary>The constant <paramref name="c"/> over <paramref name="variables"/>.</summary>
    public static Polynomial Constant(ImmutableArray<Expr> variables, Rational c) =>
        c.IsZero ? Zero(variables) : new(variables, [(Monomial.One(variables.Length), c)]);

    /// <summary>The variable with index <paramref name="index"/> as a polynomial.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the index is not a variable index.</exception>
    public static Polynomial Variable(ImmutableArray<Expr> variables, int index)
    {
        if (index < 0 || index >= variables.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Polynomial.Variable: there are {variables.Length} variables.");
        return new(variables, [(Monomial.Single(variables.Length, index, 1), Rational.One)]);
    }

    /// <summary>The polynomial Σ c·m from a list of terms (like monomials are merged, zeros dropped).</summary>
    /// <exception cref="ArgumentException">When a monomial has the wrong length or a negative exponent.</exception>
    public static Polynomial FromTerms(ImmutableArray<Expr> variables, IEnumerable<(Monomial Monomial, Rational Coefficient)> terms)
    {
        var acc = new Dictionary<Monomial, Rational>();
        foreach (var (m, c) in terms)
        {
            if (m.Count != variables.Length)
                throw new ArgumentException($"Polynomial.FromTerms: monomial {m} has {m.Count} exponents for {variables.Length} variables.", nameof(terms));
            foreach (var x in m.Exponents)
                if (x < 0) throw new ArgumentException($"Polynomial.FromTerms: monomial {m} has a negative exponent; polynomials have non-negative exponents.", nameof(terms));
            Accumulate(acc, m, c);
        }
        return FromMap(variables, acc);
    }

    internal static void Accumulate(Dictionary<Monomial, Rational> acc, Monomial m, Rational c)
    {
        if (c.IsZero) return;
        if (acc.TryGetValue(m, out var old))
        {
            var s = old + c;
            if (s.IsZero) acc.Remove(m); else acc[m] = s;
        }
        else acc[m] = c;
    }

    internal static Polynomial FromMap(ImmutableArray<Expr> variables, Dictionary<Monomial, Rational> map)
    {
        var arr = new (Monomial, Rational)[map.Count];
        int i = 0;
        foreach (var (m, c) in map) arr[i++] = (m, c);
        Array.Sort(arr, (a, b) => Monomial.CompareLex(b.Item1, a.Item1));
        return new Polynomial(variables, arr);
    }

    // Terms already sorted in decreasing order with non-zero coefficients.
    private static Polynomial FromSorted(ImmutableArray<Expr> variables, List<(Monomial, Rational)> terms) =>
        new(variables, terms.ToArray());

    /// <summary>The same polynomial over <paramref name="variables"/>, which must contain every variable this polynomial uses.</summary>
    /// <exception cref="ArgumentException">When a variable with a non-zero exponent is missing from <paramref name="variables"/>.</exception>
    public Polynomial WithVariables(ImmutableArray<Expr> variables)
    {
        if (variables.SequenceEqual(Variables)) return this;
        var map = new int[Variables.Length];
        for (int i = 0; i < map.Length; i++) map[i] = variables.IndexOf(Variables[i]);
        var acc = new Dictionary<Monomial, Rational>();
        foreach (var (m, c) in _terms)
        {
            var e = new int[variables.Length];
            for (int i = 0; i < map.Length; i++)
            {
                if (m[i] == 0) continue;
                if (map[i] < 0) throw new ArgumentException($"Polynomial.WithVariables: the polynomial uses '{Variables[i]}', which is not in the new variable list.", nameof(variables));
                e[map[i]] = m[i];
            }
            Accumulate(acc, new Monomial(e), c);
        }
        return FromMap(variables, acc);
    }

    private static (Polynomial, Polynomial) Unify(Polynomial a, Polynomial b)
    {
        if (a.Variables == b.Variables || a.Variables.SequenceEqual(b.Variables)) return (a, b);
        var vars = a.Variables.AddRange(b.Variables.Where(v => !a.Variables.Contains(v)));
        return (a.WithVariables(vars), b.WithVariables(vars));
    }

    /// <summary>The index of <paramref name="variable"/>, or −1.</summary>
    public int IndexOf(Expr variable) => Variables.IndexOf(variable);

    /// <summary>The leading term in the lexicographic order.</summary>
    /// <exception cref="InvalidOperationException">For the zero polynomial.</exception>
    public (Monomial Monomial, Rational Coefficient) LeadingTerm =>
        _terms.Length > 0 ? _terms[0] : throw new InvalidOperationException("The zero polynomial has no leading term.");

    /// <summary>The coefficient of the leading term (zero for the zero polynomial).</summary>
    public Rational LeadingCoefficient => _terms.Length > 0 ? _terms[0].Coefficient : Rational.Zero;

    /// <summary>The constant term.</summary>
    public Rational ConstantTerm => _terms.Length > 0 && _terms[^1].Monomial.IsOne ? _terms[^1].Coefficient : Rational.Zero;

    /// <summary>The degree in variable <paramref name="variable"/> (−1 for the zero polynomial).</summary>
    public int Degree(int variable)
    {
        if (_terms.Length == 0) return -1;
        int d = 0;
        foreach (var (m, _) in _terms) d = Math.Max(d, m[variable]);
        return d;
    }

    /// <summary>The degree in the variable <paramref name="variable"/> (0 when it is not a variable of this polynomial).</summary>
    public int Degree(Expr variable)
    {
        int i = IndexOf(variable);
        return i < 0 ? (_terms.Length == 0 ? -1 : 0) : Degree(i);
    }

    /// <summary>The total degree (−1 for the zero polynomial).</summary>
    public int TotalDegree => _terms.Length == 0 ? -1 : _terms.Max(t => t.Monomial.TotalDegree);

    /// <summary>Sum.</summary>
    public Polynomial Add(Polynomial other) => Combine(this, other, Rational.One);

    /// <summary>Difference.</summary>
    public Polynomial Subtract(Polynomial other) => Combine(this, other, Rational.MinusOne);

    // a + s·b by merging the two sorted term lists.
    private static Polynomial Combine(Polynomial a, Polynomial b, Rational s)
    {
        (a, b) = Unify(a, b);
        WorkLimit.Charge((a._terms.Length + b._terms.Length) * Math.Max(a.CoefficientWords(), b.CoefficientWords()));
        var r = new List<(Monomial, Rational)>(a._terms.Length + b._terms.Length);
        int i = 0, j = 0;
        while (i < a._terms.Length || j < b._terms.Length)
        {
            int c = i == a._terms.Length ? -1 : j == b._terms.Length ? 1 : Monomial.CompareLex(a._terms[i].Monomial, b._terms[j].Monomial);
            if (c > 0) r.Add(a._terms[i++]);
            else if (c < 0) { var (m, k) = b._terms[j++]; r.Add((m, k * s)); }
            else
            {
                var k = a._terms[i].Coefficient + s * b._terms[j].Coefficient;
                if (!k.IsZero) r.Add((a._terms[i].Monomial, k));
                i++;
                j++;
            }
        }
        return FromSorted(a.Variables, r);
    }

    /// <summary>Product.</summary>
    public Polynomial Multiply(Polynomial other)
    {
        var (a, b) = Unify(this, other);
        if (a.IsZero || b.IsZero) return Zero(a.Variables);
        if (b._terms.Length == 1) return a.MultiplyTerm(b._terms[0].Monomial, b._terms[0].Coefficient);
        if (a._terms.Length == 1) return b.MultiplyTerm(a._terms[0].Monomial, a._terms[0].Coefficient);
        WorkLimit.Charge((long)a._terms.Length * b._terms.Length * (a.CoefficientWords() * b.CoefficientWords()));
        var acc = new Dictionary<Monomial, Rational>((int)Math.Min((long)a._terms.Length * b._terms.Length, 1 << 20));
        foreach (var (m1, c1) in a._terms)
            foreach (var (m2, c2) in b._terms)
                Accumulate(acc, m1 * m2, c1 * c2);
        return FromMap(a.Variables, acc);
    }

    /// <summary>The product with the single term c·m (order is preserved, so no sorting is needed).</summary>
    public Polynomial MultiplyTerm(Monomial m, Rational c)
    {
        if (c.IsZero) return Zero(Variables);
        WorkLimit.Charge(_terms.Length * CoefficientWords() * WorkLimit.Words(c));
        var r = new (Monomial, Rational)[_terms.Length];
        for (int i = 0; i < r.Length; i++) r[i] = (_terms[i].Monomial * m, _terms[i].Coefficient * c);
        return new Polynomial(Variables, r);
    }

    /// <summary>The product with the number <paramref name="c"/>.</summary>
    public Polynomial Scale(Rational c) => MultiplyTerm(Monomial.One(Variables.Length), c);

    /// <summary>The negation.</summary>
    public Polynomial Negate() => Scale(Rational.MinusOne);

    /// <summary>The power p^n for n ≥ 0, by repeated squaring.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When n is negative.</exception>
    public Polynomial Pow(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Polynomial.Pow: the exponent must be non-negative.");
        var result = Constant(Variables, Rational.One);
        var b = this;
        while (n > 0)
        {
            if ((n & 1) == 1) result = result.Multiply(b);
            n >>= 1;
            if (n > 0) b = b.Multiply(b);
        }
        return result;
    }

    /// <summary>Sum.</summary>
    public static Polynomial operator +(Polynomial a, Polynomial b) => a.Add(b);
    /// <summary>Difference.</summary>
    public static Polynomial operator -(Polynomial a, Polynomial b) => a.Subtract(b);
    /// <summary>Negation.</summary>
    public static Polynomial operator -(Polynomial a) => a.Negate();
    /// <summary>Product.</summary>
    public static Polynomial operator *(Polynomial a, Polynomial b) => a.Multiply(b);

    /// <summary>
    /// Division with remainder by the leading terms in the lexicographic order: returns (q, r) with
    /// this = q·divisor + r and no term of r divisible by the leading monomial of the divisor.
    /// </summary>
    /// <exception cref="DivideByZeroException">When the divisor is zero.</exception>
    public (Polynomial Quotient, Polynomial Remainder) DivideWithRemainder(Polynomial divisor)
    {
        var (a, d) = Unify(this, divisor);
        if (d.IsZero) throw new DivideByZeroException("Polynomial division by the zero polynomial.");
        var (lm, lc) = d._terms[0];
        if (d._terms.Length == 1 && lm.IsOne) return (a.Scale(lc.Reciprocal()), Zero(a.Variables));
        var q = new Dictionary<Monomial, Rational>();
        var rem = new Dictionary<Monomial, Rational>();
        // the dividend as a map plus a max-heap of its monomials (stale entries are skipped when popped): each step
        // costs O(|divisor|·log), where rebuilding the sorted dividend would cost O(|dividend|) and make the division quadratic
        var p = new Dictionary<Monomial, Rational>(a._terms.Length);
        var heap = new PriorityQueue<Monomial, Monomial>(a._terms.Length, DecreasingLex.Instance);
        foreach (var (m, c) in a._terms) { p[m] = c; heap.Enqueue(m, m); }
        long dWords = d.CoefficientWords();
        while (heap.TryDequeue(out var m, out _))
        {
            if (!p.Remove(m, out var c)) continue;
            if (lm.Divides(m))
            {
                var tm = m / lm;
                var tc = c / lc;
                q[tm] = tc;
                WorkLimit.Charge(d._terms.Length * dWords * WorkLimit.Words(tc));
                for (int k = 1; k < d._terms.Length; k++)
                {
                    var (dm, dc) = d._terms[k];
                    var mm = dm * tm;
                    if (p.TryGetValue(mm, out var old))
                    {
                        var s = old - dc * tc;
                        if (s.IsZero) p.Remove(mm); else p[mm] = s;
                    }
                    else
                    {
                        p[mm] = -(dc * tc);
                        heap.Enqueue(mm, mm);
                    }
                }
            }
            else rem[m] = c;
        }
        return (FromMap(a.Variables, q), FromMap(a.Variables, rem));
    }

    // The mean size of the coefficients in 64-bit words (at least 1): the cost of one coefficient operation, for the work limit.
    private long CoefficientWords()
    {
        if (_terms.Length == 0) return 1;
        long bits = 0;
        foreach (var (_, c) in _terms) bits += c.Numerator.GetBitLength() + c.Denominator.GetBitLength();
        return 1 + bits / (64L * _terms.Length);
    }

    private sealed class DecreasingLex : IComparer<Monomial>
    {
        public static readonly DecreasingLex Instance = new();
        public int Compare(Monomial x, Monomial y) => Monomial.CompareLex(y, x);
    }

    /// <summary>The exact quotient this / <paramref name="divisor"/>, or false when the division leaves a remainder.</summary>
    public bool TryDivide(Polynomial divisor, out Polynomial quotient)
    {
        var (q, r) = DivideWithRemainder(divisor);
        quotient = q;
        return r.IsZero;
    }

    /// <summary>The exact quotient this / <paramref name="divisor"/>.</summary>
    /// <exception cref="ArgumentException">When the divisor does not divide this polynomial.</exception>
    public Polynomial ExactDivide(Polynomial divisor)
    {
        if (!TryDivide(divisor, out var q))
            throw new ArgumentException($"Polynomial.ExactDivide: {divisor.ToExpr()} does not divide {ToExpr()}.", nameof(divisor));
        return q;
    }

    /// <summary>
    /// The numeric content: the positive rational c such that this/c has integer coefficients with greatest common
    /// divisor 1 (zero for the zero polynomial).
    /// </summary>
    public Rational Content()
    {
        if (IsZero) return Rational.Zero;
        BigInteger g = BigInteger.Zero, l = BigInteger.One;
        foreach (var (_, c) in _terms)
        {
            g = BigInteger.GreatestCommonDivisor(g, c.Numerator);
            l = l / BigInteger.GreatestCommonDivisor(l, c.Denominator) * c.Denominator;
        }
        return new Rational(g, l);
    }

    /// <summary>
    /// The primitive part: this polynomial divided by its content and by the sign of its leading coefficient, so that
    /// the coefficients are coprime integers and the leading coefficient is positive (zero stays zero).
    /// </summary>
    public Polynomial PrimitivePart()
    {
        if (IsZero) return this;
        var c = Content();
        if (LeadingCoefficient.Sign < 0) c = -c;
        return c.IsOne ? this : Scale(c.Reciprocal());
    }

    /// <summary>The coefficients of the powers of variable <paramref name="variable"/>: degree → coefficient (free of that variable).</summary>
    public SortedDictionary<int, Polynomial> CoefficientsIn(int variable)
    {
        var groups = new SortedDictionary<int, Dictionary<Monomial, Rational>>();
        foreach (var (m, c) in _terms)
        {
            int d = m[variable];
            if (!groups.TryGetValue(d, out var g)) groups[d] = g = [];
            Accumulate(g, m.With(variable, 0), c);
        }
        var r = new SortedDictionary<int, Polynomial>();
        foreach (var (d, g) in groups) r[d] = FromMap(Variables, g);
        return r;
    }

    /// <summary>True when some term has a non-zero exponent of variable <paramref name="variable"/>.</summary>
    public bool DependsOn(int variable)
    {
        foreach (var (m, _) in _terms) if (m[variable] != 0) return true;
        return false;
    }

    /// <summary>The greatest common divisor; see <see cref="PolynomialGcd.Of"/>.</summary>
    public static Polynomial Gcd(Polynomial a, Polynomial b) => PolynomialGcd.Of(a, b);

    /// <summary>The expression Σ c·Π vᵢ^eᵢ, built through the canonical builders.</summary>
    public Expr ToExpr()
    {
        var s = new SumBuilder();
        foreach (var (m, c) in _terms) s.Add(MonomialExpr(Variables, m), c);
        return s.ToExpr();
    }

    internal static Expr MonomialExpr(ImmutableArray<Expr> variables, Monomial m)
    {
        if (m.IsOne) return Number.One;
        var p = new ProductBuilder();
        for (int i = 0; i < variables.Length; i++)
            if (m[i] != 0) p.Multiply(variables[i], Number.Of(m[i]));
        return p.ToExpr();
    }

    /// <summary>
    /// Reads an expression that is a polynomial over its atoms (after expansion): the variables and their order are
    /// those of <see cref="RationalNormalForm"/> (symbols and other atoms in canonical order, see there).
    /// </summary>
    /// <exception cref="ArgumentException">When the expression has a non-constant denominator.</exception>
    public static Polynomial FromExpr(Expr e)
    {
        var (n, d) = RationalFunctionReader.Read(e);
        if (!d.IsConstant)
            throw new ArgumentException($"Polynomial.FromExpr: '{e}' is not a polynomial; it has the denominator {d.ToExpr()}.", nameof(e));
        return n.Scale(d.LeadingCoefficient.Reciprocal());
    }

    /// <inheritdoc />
    public bool Equals(Polynomial? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (!Variables.SequenceEqual(other.Variables) || _terms.Length != other._terms.Length) return false;
        for (int i = 0; i < _terms.Length; i++)
            if (!_terms[i].Monomial.Equals(other._terms[i].Monomial) || _terms[i].Coefficient != other._terms[i].Coefficient) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Polynomial p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var (m, c) in _terms) { h.Add(m); h.Add(c); }
        return h.ToHashCode();
    }

    /// <summary>The polynomial as an infix expression.</summary>
    public override string ToString() => ToExpr().ToString();
}
