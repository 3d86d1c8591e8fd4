using System.Collections.Immutable;
using System.Numerics;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Algebra;

/// <summary>
/// Expansion: products are distributed over sums and positive integer powers of sums are multiplied out, everywhere
/// in the tree (inside function arguments, exponents and subscripts too). A negative integer power of a sum stays a
/// denominator, with the positive power multiplied out ((x+1)⁻² becomes (x² + 2x + 1)⁻¹); non-integer powers keep
/// their (expanded) base. No common denominators
/// are formed (that is <see cref="RationalNormalForm"/>).
/// </summary>
public static class Expand
{
    // Above this number of terms of the multinomial formula, powers are formed by repeated squaring instead,
    // which is cheaper when many products of terms coincide (powers of sums in one variable).
    private const long MultinomialLimit = 50_000;

    /// <summary>The fully expanded form of <paramref name="e"/>.</summary>
    /// <exception cref="WorkLimitException">When an integer power of a sum is beyond <see cref="WorkLimit.MaxDegree"/>.</exception>
    public static Expr Of(Expr e)
    {
        switch (e)
        {
            case Number or Constant:
                return e;
            case Sum s:
                return Structure.MapChildren(s, Of);
            case Product p:
                {
                    Expr acc = Number.Of(p.Coefficient);
                    // factors without sums first, so that the distribution multiplies one monomial into each term
                    var pieces = new List<Expr>(p.Factors.Count);
                    foreach (var (b, x) in p.OrderedFactors) pieces.Add(PowerOf(Of(b), Of(x)));
                    foreach (var f in pieces.Where(f => f is not Sum)) acc = Multiply(acc, f);
                    foreach (var f in pieces.Where(f => f is Sum)) acc = Multiply(acc, f);
                    return acc;
                }
            default:
                return Structure.MapChildren(e, Of);
        }
    }

    /// <summary>
    /// The expanded numerator of <paramref name="e"/> when it is written as one fraction (the numerator of
    /// <see cref="RationalNormalForm.NumeratorDenominator"/>).
    /// </summary>
    public static Expr Numerator(Expr e) => RationalNormalForm.NumeratorDenominator(e).Numerator;

    /// <summary>The expanded denominator of <paramref name="e"/> when it is written as one fraction.</summary>
    public static Expr Denominator(Expr e) => RationalNormalForm.NumeratorDenominator(e).Denominator;

    /// <summary>b^x for an expanded base and exponent, with positive integer powers of sums multiplied out.</summary>
    private static Expr PowerOf(Expr b, Expr x)
    {
        if (b is Sum s && x is Number { IsInteger: true } n)
        {
            int k = WorkLimit.Degree(n.Value.Numerator, () => $"Expansion of ({s})^{n}");
            if (k > 0) return PowerOfSum(s, k);
            // a denominator keeps its place, with its base multiplied out: (x+1)⁻² = (x² + 2x + 1)⁻¹
            if (k < -1) return Power.Of(PowerOfSum(s, -k), Number.MinusOne);
        }
        return Distribute(Power.Of(b, x));
    }

    /// <summary>True when a product still has a sum to a positive power or to a power below −1 (merged radicals or denominators).</summary>
    private static bool NeedsExpansion(Expr t) =>
        t is Product p && p.Factors.Any(f => f.Key is Sum && f.Value is Number { IsInteger: true } k && (k.Value.Sign > 0 || k.Value < -1));

    private static Expr Distribute(Expr t)
    {
        if (!NeedsExpansion(t)) return t;
        var p = (Product)t;
        Expr acc = Number.Of(p.Coefficient);
        foreach (var (b, x) in p.OrderedFactors)
            acc = Multiply(acc, b is Sum ? PowerOf(b, x) : Power.Of(b, x));
        return acc;
    }

    private static List<(Expr Term, Rational Coefficient)> Summands(Expr a)
    {
        if (a is not Sum s) return [(a, Rational.One)];
        var list = new List<(Expr, Rational)>(s.Terms.Count + 1);
        foreach (var (t, c) in s.OrderedTerms) list.Add((t, c));
        if (!s.Constant.IsZero) list.Add((Number.One, s.Constant));
        return list;
    }

    /// <summary>The expanded product of two expanded expressions.</summary>
    private static Expr Multiply(Expr a, Expr b)
    {
        if (a is Number || b is Number) return Product.Of(a, b); // a numeric multiple of a sum distributes
        if (a is not Sum && b is not Sum) return Distribute(Product.Of(a, b));
        var sb = new SumBuilder();
        var ta = Summands(a);
        var tb = Summands(b);
        foreach (var (x, cx) in ta)
            foreach (var (y, cy) in tb)
                sb.Add(Distribute(Product.Of(x, y)), cx * cy);
        return sb.ToExpr();
    }

    /// <summary>s^n for an expanded sum s and n ≥ 1: by the multinomial formula, or by repeated squaring when that has fewer products.</summary>
    private static Expr PowerOfSum(Sum s, int n)
    {
        if (n == 1) return s;
        var terms = Summands(s);
        int m = terms.Count;
        if (Compositions(n, m) > MultinomialLimit) return PowerBySquaring(s, n);
        // powers[i][k] = tᵢ^k; a power that turns back into a sum (radicals) needs the general product
        var powers = new Expr[m][];
        for (int i = 0; i < m; i++)
        {
            powers[i] = new Expr[n + 1];
            powers[i][0] = Number.One;
            for (int k = 1; k <= n; k++)
            {
                var pk = Distribute(Power.Of(terms[i].Term, k));
                if (pk is Sum) return PowerBySquaring(s, n);
                powers[i][k] = pk;
            }
        }
        var coefficientPowers = new Rational[m][];
        for (int i = 0; i < m; i++)
        {
            coefficientPowers[i] = new Rational[n + 1];
            coefficientPowers[i][0] = Rational.One;
            for (int k = 1; k <= n; k++) coefficientPowers[i][k] = coefficientPowers[i][k - 1] * terms[i].Coefficient;
        }
        var factorial = new BigInteger[n + 1];
        factorial[0] = BigInteger.One;
        for (int k = 1; k <= n; k++) factorial[k] = factorial[k - 1] * k;

        var result = new SumBuilder();
        var ks = new int[m];
        var parts = new List<Expr>(m);
        void Enumerate(int i, int remaining)
        {
            if (i == m - 1)
            {
                ks[i] = remaining;
                BigInteger denominator = BigInteger.One;
                Rational c = Rational.One;
                parts.Clear();
                for (int j = 0; j < m; j++)
                {
                    denominator *= factorial[ks[j]];
                    c *= coefficientPowers[j][ks[j]];
                    if (ks[j] > 0) parts.Add(powers[j][ks[j]]);
                }
                result.Add(Distribute(ProductOfPowers(parts)), c * new Rational(factorial[n], denominator));
                return;
            }
            for (int k = remaining; k >= 0; k--)
            {
                ks[i] = k;
                Enumerate(i + 1, remaining - k);
            }
        }
        Enumerate(0, n);
        return result.ToExpr();
    }

    /// <summary>
    /// The canonical product of coefficient-free powers. When the bases are distinct and none of them is a number or
    /// an exponential (the cases where the builder merges or normalizes), the factor map is assembled directly;
    /// otherwise the canonical builder is used. Both give the same canonical node.
    /// </summary>
    private static Expr ProductOfPowers(List<Expr> parts)
    {
        if (parts.Count == 0) return Number.One;
        if (parts.Count == 1) return parts[0];
        var factors = ImmutableDictionary.CreateBuilder<Expr, Expr>();
        foreach (var part in parts)
        {
            if (part is Product p)
            {
                if (!p.Coefficient.IsOne) return Product.Of(parts);
                foreach (var (b, x) in p.Factors)
                    if (b is Number or Apply { Function: Function.Exp } || !factors.TryAdd(b, x)) return Product.Of(parts);
            }
            else if (part is Number or Sum or Apply { Function: Function.Exp } || !factors.TryAdd(part, Number.One)) return Product.Of(parts);
        }
        return new Product(Rational.One, factors.ToImmutable());
    }

    private static Expr PowerBySquaring(Expr s, int n)
    {
        Expr result = Number.One;
        var b = s;
        while (n > 0)
        {
            if ((n & 1) == 1) result = Multiply(result, b);
            n >>= 1;
            if (n > 0) b = Multiply(b, b);
        }
        return result;
    }

    // C(n + m − 1, m − 1), saturating above the limit.
    private static long Compositions(int n, int m)
    {
        long c = 1;
        for (int i = 1; i < m; i++)
        {
            c = c * (n + i) / i;
            if (c > MultinomialLimit) return c;
        }
        return c;
    }
}
