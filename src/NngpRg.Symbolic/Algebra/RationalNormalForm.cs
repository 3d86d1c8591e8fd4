using System.Numerics;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Algebra;

/// <summary>
/// The rational normal form: an expression as one fraction N/D of expanded polynomials over its atoms, with the
/// polynomial gcd cancelled and a unique normalization.
/// </summary>
/// <remarks>
/// <para>Canonical form. The arguments of functions, calls, indexed sums, subscripts and symbolic exponents are
/// first put in rational normal form themselves. The expression is then read as a quotient of polynomials over
/// atoms (see below), and</para>
/// <list type="number">
/// <item>N and D are divided by their gcd (<see cref="PolynomialGcd"/>), so they are coprime; powers (b^(1/L))^k with
/// k ≥ L of a radical of a number, sum or product are rewritten as b^⌊k/L⌋·(b^(1/L))^(k mod L), and a power of such a
/// radical that divides every term of D is moved into N (1/√2 ↦ √2/2), cancelling again after each rewriting (first by
/// the radicands and the reduced denominator factors, then by the full gcd);</item>
/// <item>N and D are multiplied by the one rational number that makes all their coefficients integers with greatest
/// common divisor 1 and makes the leading coefficient of D positive, the leading term being the first in the
/// lexicographic monomial order of <see cref="Polynomial"/> (variable 0 most significant);</item>
/// <item>the result is N·D⁻¹ built through the canonical builders, with N and D expanded (D = 1 gives the expanded
/// N; a numeric D becomes a rational coefficient).</item>
/// </list>
/// <para>Atoms and their order: symbols, π, functions other than exp, calls, derivatives and indexed sums are atoms;
/// b^(p/q) of an atom b uses the variable b^(1/L) with L the common denominator of the exponents of b; b^(p/q)
/// of a number, sum or product uses the variable b^(1/L) with the exponent reduced into [0, L) (so
/// (√(x+1))² = x + 1); exp(c₀ + Σ cᵢ tᵢ) and b^(Σ cᵢ tᵢ) with symbolic tᵢ use one variable per term tᵢ (a term
/// c·log u of an exponent of exp is the power u^c). Variables
/// are ordered by <see cref="ExprOrder"/> on the atom (symbols first, in name order), so for a single symbol x the
/// leading term is the highest power of x. Algebraic relations between different atoms (sin² + cos² = 1,
/// √2·√3 = √6, √x·√y = √(xy)) are not used; radicals are not removed from denominators that are sums.</para>
/// Examples: (x² − 1)/(x − 1) ↦ x + 1; 1/(1 − x) ↦ −1/(x − 1); (x/2 + 1)/y ↦ (x + 2)/(2y).
/// </remarks>
public static class RationalNormalForm
{
    /// <summary>The rational normal form of <paramref name="e"/> (see the class remarks for the exact form).</summary>
    /// <exception cref="DivideByZeroException">When the denominator is identically zero.</exception>
    /// <exception cref="WorkLimitException">When the work exceeds <see cref="WorkLimit.DefaultTermOperations"/>.</exception>
    public static Expr Of(Expr e)
    {
        var (n, d) = Polynomials(e);
        return Build(n, d);
    }

    /// <summary>The numerator and denominator of the rational normal form, as expressions.</summary>
    /// <exception cref="DivideByZeroException">When the denominator is identically zero.</exception>
    public static (Expr Numerator, Expr Denominator) NumeratorDenominator(Expr e)
    {
        var (n, d) = Polynomials(e);
        return (n.ToExpr(), d.ToExpr());
    }

    /// <summary>
    /// The numerator and denominator of the rational normal form as polynomials over the common atom list (coprime,
    /// integer coefficients with gcd 1 overall, positive leading coefficient of the denominator).
    /// </summary>
    /// <exception cref="DivideByZeroException">When the denominator is identically zero.</exception>
    /// <exception cref="WorkLimitException">When the work exceeds <see cref="WorkLimit.DefaultTermOperations"/>.</exception>
    public static (Polynomial Numerator, Polynomial Denominator) Polynomials(Expr e) =>
        WorkLimit.Run(() => $"Rational normal form of '{Abbreviated(e)}'", WorkLimit.DefaultTermOperations, () => PolynomialsUnbudgeted(e));

    // The expression in a message, cut after 200 characters.
    private static string Abbreviated(Expr e)
    {
        var s = e.ToString();
        return s.Length <= 200 ? s : s[..200] + " …";
    }

    private static (Polynomial Numerator, Polynomial Denominator) PolynomialsUnbudgeted(Expr e)
    {
        var (n, d, reader) = RationalFunctionReader.ReadUnreduced(Prepare(e));
        // cancel before rewriting radical powers (((√b)² − 1)/(√b + 1) = √b − 1), and again after, since the
        // rewriting can expose new common factors
        if (d.IsZero) throw new DivideByZeroException($"Rational normal form of '{e}': the denominator is identically zero.");
        // zero reads as 0/D with D possibly holding radicals: nothing to cancel or rewrite
        if (n.IsZero) return Normalize(n, d);
        (n, d) = CancelByFactors(n, d, reader.DenominatorFactors);
        var (rn, rd) = reader.ReduceRadicals(n, d);
        if (!ReferenceEquals(rn, n) || !ReferenceEquals(rd, d))
        {
            if (rd.IsZero) throw new DivideByZeroException($"Rational normal form of '{e}': the denominator is identically zero.");
            (rn, rd) = CancelByFactors(rn, rd, reader.ReducedFactorCandidates());
            (n, d) = Cancel(rn, rd, e);
        }
        (rn, rd) = reader.ClearRadicalsFromDenominator(n, d);
        if (!ReferenceEquals(rn, n) || !ReferenceEquals(rd, d)) (n, d) = Cancel(rn, rd, e);
        return Normalize(n, d);
    }

    // Cancels N against each polynomial that went into D: cheaper than gcd(N, D) because the factors are small, and
    // complete because every irreducible factor of D divides one of them.
    private static (Polynomial N, Polynomial D) CancelByFactors(Polynomial n, Polynomial d, IReadOnlyList<Polynomial> factors)
    {
        foreach (var f in factors.Distinct())
        {
            while (!n.IsZero && !d.IsConstant)
            {
                var g = PolynomialGcd.Of(n, f);
                if (g.IsConstant) break;
                if (!d.TryDivide(g, out var dq))
                {
                    g = PolynomialGcd.Of(g, d);
                    if (g.IsConstant) break;
                    dq = d.ExactDivide(g);
                }
                n = n.ExactDivide(g);
                d = dq;
            }
        }
        return (n, d);
    }

    private static (Polynomial N, Polynomial D) Cancel(Polynomial n, Polynomial d, Expr e)
    {
        if (d.IsZero) throw new DivideByZeroException($"Rational normal form of '{e}': the denominator is identically zero.");
        var g = PolynomialGcd.Of(n, d);
        return g.IsConstant ? (n, d) : (n.ExactDivide(g), d.ExactDivide(g));
    }

    /// <summary>
    /// One fraction over a common denominator, without cancelling the gcd: the denominators are combined over
    /// their least common multiples while reading, and N, D are normalized as in <see cref="Of"/> (integer
    /// coefficients, positive leading coefficient of D). Cheaper than <see cref="Of"/>, not canonical.
    /// </summary>
    /// <exception cref="DivideByZeroException">When the denominator is identically zero.</exception>
    /// <exception cref="WorkLimitException">When the work exceeds <see cref="WorkLimit.DefaultTermOperations"/>.</exception>
    public static Expr Together(Expr e) =>
        WorkLimit.Run(() => $"Together of '{Abbreviated(e)}'", WorkLimit.DefaultTermOperations, () =>
        {
            var (n, d) = RationalFunctionReader.Read(Prepare(e));
            if (d.IsZero) throw new DivideByZeroException($"Together of '{e}': the denominator is identically zero.");
            (n, d) = Normalize(n, d);
            return Build(n, d);
        });

    // Multiplies N and D by the rational that makes all coefficients coprime integers with lc(D) > 0.
    private static (Polynomial N, Polynomial D) Normalize(Polynomial n, Polynomial d)
    {
        if (n.IsZero) return (n, Polynomial.Constant(d.Variables, 1));
        var cn = n.Content();
        var cd = d.Content();
        var common = new Rational(
            BigInteger.GreatestCommonDivisor(cn.Numerator, cd.Numerator),
            cn.Denominator / BigInteger.GreatestCommonDivisor(cn.Denominator, cd.Denominator) * cd.Denominator);
        var u = d.LeadingCoefficient.Sign < 0 ? -common.Reciprocal() : common.Reciprocal();
        return (n.Scale(u), d.Scale(u));
    }

    private static Expr Build(Polynomial n, Polynomial d)
    {
        var ne = n.ToExpr();
        if (d.IsConstant) return Product.Of(ne, Number.Of(d.LeadingCoefficient.Reciprocal()));
        return Product.Of(ne, Power.Of(d.ToExpr(), Number.MinusOne));
    }

    // The canonical form of an exponent (of exp or of a symbolic power): expanded into a sum of terms, each term's atoms
    // in normal form, but no common denominator. The reader makes one atom per term, and the builders merge
    // exp(u)·exp(v) into exp(u + v); only a form that is additive term by term (the expansion is, a common denominator
    // is not) reads exp(u + v) as the same atoms as exp(u)·exp(v), so that the normal form is a fixed point and one
    // rational function has one normal form. Expanding first and then normalizing the atoms keeps function arguments in
    // normal form (expansion would distribute their numerators again).
    private static Expr Exponent(Expr x) => Prepare(Expand.Of(x));

    // Normalizes what the reader treats as opaque: arguments, subscripts, limits and symbolic exponents.
    private static Expr Prepare(Expr e)
    {
        switch (e)
        {
            case Number or Constant:
                return e;
            case Sum s:
                return Structure.MapChildren(s, Prepare);
            case Product p:
                {
                    var b = new ProductBuilder();
                    b.Multiply(Number.Of(p.Coefficient));
                    // the base of a radical or of a symbolic power is itself put in normal form, so that equal
                    // radicands give the same atom
                    foreach (var (x, k) in p.OrderedFactors)
                        b.Multiply(k is Number { IsInteger: true } ? Prepare(x) : Of(x), k is Number ? k : Exponent(k));
                    return b.ToExpr();
                }
            case Apply { Function: Function.Exp } a:
                return Apply.Of(Function.Exp, Exponent(a.Args[0]));
            default:
                return Structure.MapChildren(e, Of);
        }
    }
}
