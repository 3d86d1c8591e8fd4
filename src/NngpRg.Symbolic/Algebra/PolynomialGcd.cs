namespace NngpRg.Symbolic.Algebra;

/// <summary>
/// The greatest common divisor of multivariate polynomials over ℚ, by the recursive method: a polynomial is read as
/// a polynomial in its most significant variable with coefficients in the remaining ones; the gcd is the gcd of the
/// contents (computed recursively) times the gcd of the primitive parts, found by a primitive pseudo-remainder
/// sequence. With a single variable this is Euclid's algorithm over ℚ with integer-normalized remainders. Before
/// that, a coprimality proof from univariate images settles the common case gcd = 1 without computing contents.
/// </summary>
public static class PolynomialGcd
{
    /// <summary>
    /// gcd(<paramref name="a"/>, <paramref name="b"/>), normalized to be primitive: integer coefficients with greatest
    /// common divisor 1 and a positive leading coefficient in the lexicographic order. gcd(0, 0) = 0, gcd(a, 0) is the
    /// primitive part of a, and the gcd of two non-zero constants is 1.
    /// </summary>
    public static Polynomial Of(Polynomial a, Polynomial b)
    {
        if (!a.Variables.SequenceEqual(b.Variables))
        {
            var vars = a.Variables.AddRange(b.Variables.Where(v => !a.Variables.Contains(v)));
            a = a.WithVariables(vars);
            b = b.WithVariables(vars);
        }
        if (a.IsZero) return b.PrimitivePart();
        if (b.IsZero) return a.PrimitivePart();
        // most gcds in a normal form are 1: proving that from univariate images costs little, while the recursive
        // method computes the contents (gcds of every coefficient) first
        if (CoprimeByImages(a, b)) return Polynomial.Constant(a.Variables, 1);
        return Recursive(a, b, 0).PrimitivePart();
    }

    /// <summary>
    /// A sound proof that gcd(a, b) is a constant: a non-constant common factor depends on some variable v that both
    /// use, and for an image that replaces the other variables by integers and keeps the degrees in v of a and b, its
    /// image keeps its degree in v and divides both images. So when, for every variable both use, some such image pair
    /// has a constant gcd, no common factor exists. Returns false when an image is inconclusive (proving nothing).
    /// </summary>
    private static bool CoprimeByImages(Polynomial a, Polynomial b)
    {
        var inA = Used(a);
        var inB = Used(b);
        for (int v = 0; v < inA.Length; v++)
        {
            if (!inA[v] || !inB[v]) continue;
            bool proved = false;
            for (int shift = 0; shift < 2 && !proved; shift++)
            {
                var ai = Image(a, v, shift);
                var bi = Image(b, v, shift);
                if (ai.Degree(v) != a.Degree(v) || bi.Degree(v) != b.Degree(v)) continue;
                proved = Recursive(ai, bi, v).IsConstant;
            }
            if (!proved) return false;
        }
        return true;
    }

    // Invariant: neither argument depends on a variable with index below `start`; both are non-zero.
    private static Polynomial Recursive(Polynomial a, Polynomial b, int start)
    {
        var one = Polynomial.Constant(a.Variables, 1);
        if (a.IsConstant || b.IsConstant) return one;
        // when one side lacks variables the other has, the gcd lies in the smaller ring: it is the gcd of the
        // smaller polynomial with the coefficients of the larger one with respect to the extra variables
        var inA = Used(a);
        var inB = Used(b);
        if (IsStrictSubset(inB, inA)) return GcdWithCoefficients(b, a, inB, start);
        if (IsStrictSubset(inA, inB)) return GcdWithCoefficients(a, b, inA, start);
        int v = start;
        while (v < a.Variables.Length && !a.DependsOn(v) && !b.DependsOn(v)) v++;
        if (v == a.Variables.Length) return one;
        if (!a.DependsOn(v)) return Recursive(a, ContentIn(b, v), v + 1);
        if (!b.DependsOn(v)) return Recursive(ContentIn(a, v), b, v + 1);

        var ca = ContentIn(a, v);
        var cb = ContentIn(b, v);
        var c = Recursive(ca, cb, v + 1);
        var g = a.ExactDivide(ca).PrimitivePart();
        var h = b.ExactDivide(cb).PrimitivePart();
        if (CoprimeByImage(g, h, v)) return c;
        if (g.Degree(v) < h.Degree(v)) (g, h) = (h, g);
        while (!h.IsZero)
        {
            var r = PseudoRemainder(g, h, v);
            g = h;
            h = r.IsZero ? r : PrimitiveIn(r, v);
        }
        return c * PrimitiveIn(g, v);
    }

    private static bool[] Used(Polynomial p)
    {
        var used = new bool[p.Variables.Length];
        foreach (var (m, _) in p.Terms)
            for (int i = 0; i < used.Length; i++) used[i] |= m[i] != 0;
        return used;
    }

    private static bool IsStrictSubset(bool[] small, bool[] large)
    {
        bool strict = false;
        for (int i = 0; i < small.Length; i++)
        {
            if (small[i] && !large[i]) return false;
            strict |= large[i] && !small[i];
        }
        return strict;
    }

    // gcd(small, large) = gcd(small, c₁, c₂, …) with cᵢ the coefficients of `large` with respect to the variables
    // that `small` does not use.
    private static Polynomial GcdWithCoefficients(Polynomial small, Polynomial large, bool[] keep, int start)
    {
        var groups = new Dictionary<Monomial, List<(Monomial, Expressions.Rational)>>();
        foreach (var (m, c) in large.Terms)
        {
            var outer = new int[m.Count];
            var inner = new int[m.Count];
            for (int i = 0; i < m.Count; i++) if (keep[i]) inner[i] = m[i]; else outer[i] = m[i];
            var key = new Monomial(outer);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add((new Monomial(inner), c));
        }
        var g = small;
        foreach (var list in groups.Values.OrderBy(l => l.Count))
        {
            g = Recursive(g, Polynomial.FromTerms(large.Variables, list), start).PrimitivePart();
            if (g.IsConstant) break;
        }
        return g;
    }

    /// <summary>
    /// A sound shortcut for the common coprime case: the other variables are replaced by fixed integers; when the
    /// degrees in v are preserved, the degree in v of the gcd is at most that of the gcd of the images, so a constant
    /// image gcd proves that the primitive parts are coprime. An inconclusive image proves nothing and returns false.
    /// </summary>
    private static bool CoprimeByImage(Polynomial g, Polynomial h, int v)
    {
        int n = g.Variables.Length;
        bool others = false;
        for (int i = 0; i < n; i++) if (i != v && (g.DependsOn(i) || h.DependsOn(i))) others = true;
        if (!others) return false;
        var gi = Image(g, v);
        var hi = Image(h, v);
        if (gi.Degree(v) != g.Degree(v) || hi.Degree(v) != h.Degree(v)) return false;
        return Recursive(gi, hi, v).IsConstant;
    }

    // Each variable other than v replaced by a distinct small prime.
    private static readonly int[] ImagePoints = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73];

    private static Polynomial Image(Polynomial p, int v, int shift = 0)
    {
        var terms = new List<(Monomial, Expressions.Rational)>(p.TermCount);
        foreach (var (m, c) in p.Terms)
        {
            var k = c;
            for (int i = 0; i < m.Count; i++)
                if (i != v && m[i] != 0) k *= (Expressions.Rational)System.Numerics.BigInteger.Pow(ImagePoints[(i + 7 * v + 11 * shift) % ImagePoints.Length], m[i]);
            terms.Add((Monomial.Single(m.Count, v, m[v]), k));
        }
        return Polynomial.FromTerms(p.Variables, terms);
    }

    /// <summary>
    /// The content of <paramref name="p"/> with respect to variable <paramref name="v"/>: the gcd of its coefficients
    /// as a polynomial in that variable (primitive, free of the variable; 1 when a coefficient is a number).
    /// </summary>
    public static Polynomial ContentIn(Polynomial p, int v)
    {
        Polynomial? acc = null;
        foreach (var (_, coefficient) in p.CoefficientsIn(v))
        {
            if (coefficient.IsConstant) return Polynomial.Constant(p.Variables, 1);
            acc = acc is null ? coefficient.PrimitivePart() : Recursive(acc, coefficient, v + 1).PrimitivePart();
            if (acc.IsConstant) return acc;
        }
        return acc ?? Polynomial.Zero(p.Variables);
    }

    private static Polynomial PrimitiveIn(Polynomial p, int v) => p.ExactDivide(ContentIn(p, v)).PrimitivePart();

    /// <summary>
    /// The pseudo-remainder of <paramref name="g"/> by <paramref name="h"/> in variable <paramref name="v"/>: repeatedly
    /// cancels the leading power of v by multiplying with the leading coefficient of h, so no division in the
    /// coefficient ring is needed. The result has a lower degree in v than h.
    /// </summary>
    public static Polynomial PseudoRemainder(Polynomial g, Polynomial h, int v)
    {
        int dh = h.Degree(v);
        var lch = LeadingCoefficientIn(h, v, dh);
        var r = g;
        int n = g.Variables.Length;
        while (!r.IsZero)
        {
            int dr = r.Degree(v);
            if (dr < dh) break;
            var lcr = LeadingCoefficientIn(r, v, dr);
            r = lch * r - (lcr * h).MultiplyTerm(Monomial.Single(n, v, dr - dh), 1);
        }
        return r;
    }

    private static Polynomial LeadingCoefficientIn(Polynomial p, int v, int degree)
    {
        var terms = new List<(Monomial, Expressions.Rational)>();
        foreach (var (m, c) in p.Terms)
            if (m[v] == degree) terms.Add((m.With(v, 0), c));
        return Polynomial.FromTerms(p.Variables, terms);
    }
}
