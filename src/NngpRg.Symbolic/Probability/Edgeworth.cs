using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Probability;

/// <summary>The first two conditional moments of a removed mode given the kept ones.</summary>
/// <param name="M1">m₁ = E[φ_q | φ_&lt;] (= A of docs/theory.md (4.5)).</param>
/// <param name="M2">m₂ = E[φ_q² | φ_&lt;] (so 2B = m₂ − 1).</param>
public sealed record EdgeworthMoments(Expr M1, Expr M2);

/// <summary>
/// The names and index conventions of a weakly non-Gaussian family of standardized variables φ_i (mean 0,
/// covariance δ_ij) with symmetric cumulant tensors of orders 3, 4, ….
/// </summary>
/// <param name="Field">Base name of the variables, φ_i = <c>Field_i</c>.</param>
/// <param name="Cumulants">Base names of the cumulant tensors of orders 3, 4, … in that order (κ_{ijk}, U_{ijkl}).</param>
/// <param name="Dummies">Summation indices for the kept modes (as many as the highest cumulant order).</param>
public sealed record CumulantFamily(string Field, ImmutableArray<string> Cumulants, ImmutableArray<Symbol> Dummies)
{
    /// <summary>φ, third cumulants κ and fourth cumulants U, with dummy indices k, l, j, i: the notation of docs/theory.md §4.2.</summary>
    public static CumulantFamily Default { get; } =
        new("phi", ["kappa", "U"], [Symbol.Of("k"), Symbol.Of("l"), Symbol.Of("j"), Symbol.Of("i")]);

    /// <summary>The cumulant order of <see cref="Cumulants"/>[i] is i + 3.</summary>
    public int HighestOrder => Cumulants.Length + 2;
}

/// <summary>
/// First-order Gram–Charlier/Edgeworth calculus for standardized variables (docs/theory.md §4.2): the joint density, the
/// marginal of the kept modes, the conditional law of a removed mode φ_q given the kept modes φ_&lt;, and its moments.
/// </summary>
/// <remarks>
/// Derivation, every step by the machinery of this library:
/// (1) the cumulant generating function is log E[e^{s·φ}] = ½|s|² + Σ_{n≥3} (1/n!) Σ_{i₁…iₙ} κ^{(n)}_{i₁…iₙ} s_{i₁}⋯s_{iₙ}
/// (the 1/n! is the Taylor coefficient of the n-th derivative); to first order in the non-Gaussian cumulants
/// exp(K) = e^{½|s|²}(1 + Σ_n …) and each s_i becomes −∂_i on the density side, with (−∂)_{i₁…iₙ} N = He_{i₁…iₙ} N, so
/// p(φ) = N(φ)[1 + J(φ)], J = Σ_n (1/n!) Σ κ^{(n)}_{i₁…iₙ} He_{i₁…iₙ}(φ) (<see cref="Hermite.HeMulti"/>);
/// (2) each index ranges over {q} ∪ kept; the 2ⁿ assignments of the n slots to "q" or "a kept index" are enumerated
/// and summed (<see cref="IndexSums"/>); equal assignments merge in the canonical form, which is where the binomial
/// multiplicities come from; δ_{qk} = 0 for a kept k;
/// (3) the marginal of φ_&lt; is E_{φ_q}[1 + J] under N(0, 1) (Wick moments of φ_q);
/// (4) the conditional density ratio (1 + εJ)/(1 + εJ_&lt;) is expanded to first order in a bookkeeping ε
/// (<see cref="Series"/>);
/// (5) m_r = E_{φ_q}[φ_qʳ·ratio]. The ½ and 1/6 of A = m₁ and the 1 and ½ of m₂ − 1 come out of steps 2–5.
/// </remarks>
public static class Edgeworth
{
    /// <summary>
    /// J(φ) with p(φ) = N(φ)[1 + J(φ)] to first order in the cumulants, the indices ranging over {q} ∪ [lower, upper];
    /// numeric bounds give explicit numbered terms, symbolic bounds give <see cref="IndexedSum"/> nodes.
    /// </summary>
    /// <exception cref="ArgumentException">When the family has fewer distinct dummy indices than the highest cumulant order,
    /// or the removed mode uses a dummy index.</exception>
    public static Expr JointCorrection(Expr q, Expr keptLower, Expr keptUpper, CumulantFamily family)
    {
        Validate(q, family);
        var context = new Context(q, family);
        var total = new SumBuilder();
        for (int n = 3; n <= family.HighestOrder; n++)
        {
            // 1/n!: the Taylor coefficient of the n-th cumulant in the cumulant generating function
            var taylor = Number.Of(SeriesCoefficients.Factorial(n).Reciprocal());
            var name = family.Cumulants[n - 3];
            for (int mask = 0; mask < 1 << n; mask++)
            {
                // slot s is the removed mode q when bit s is set, else the next dummy kept index
                var slots = new List<Expr>();
                var dummies = new List<Symbol>();
                for (int s = 0; s < n; s++)
                {
                    if ((mask >> s & 1) == 1) slots.Add(q);
                    else
                    {
                        var d = family.Dummies[dummies.Count];
                        dummies.Add(d);
                        slots.Add(d);
                    }
                }
                var body = Product.Of(SymmetricTensor.Of(name, slots), Hermite.HeMulti(slots, context.Variable, context.Delta));
                total.Add(Product.Of(taylor, IndexSums.Sum(body, dummies, keptLower, keptUpper, context.Canonicalize)));
            }
        }
        return SeriesCoefficients.Expand(total.ToExpr());
    }

    /// <summary>
    /// m₁ = E[φ_q | φ_&lt;] and m₂ = E[φ_q² | φ_&lt;] to first order in the cumulants, for a removed mode
    /// <paramref name="q"/> and kept modes <paramref name="keptLower"/>…<paramref name="keptUpper"/>
    /// (docs/theory.md (4.5)–(4.6): A = m₁ = ½ Σ κ_{qkk'}(φ_kφ_k' − δ_kk') + (1/6) Σ U_{qkk'k''} He_{kk'k''},
    /// m₂ − 1 = Σ κ_{qqk} φ_k + ½ Σ U_{qqkk'}(φ_kφ_k' − δ_kk'), obtained here, not typed in).
    /// </summary>
    /// <exception cref="ArgumentException">When the family has fewer distinct dummy indices than the highest cumulant order,
    /// or the removed mode uses a dummy index.</exception>
    public static EdgeworthMoments ConditionalMoments(Expr q, Expr keptLower, Expr keptUpper, CumulantFamily family)
    {
        Validate(q, family);
        var context = new Context(q, family);
        var phiQ = (Symbol)context.Variable(q);
        var joint = JointCorrection(q, keptLower, keptUpper, family);
        var marginal = Wick.Expectation(joint, phiQ, Number.One);
        // the conditional density over N(φ_q), to first order in a bookkeeping parameter ε
        var epsilon = Symbol.Of("epsilon", [Symbol.Of("Edgeworth")]);
        var ratio = Series.Expand(
            Product.Of(Sum.Of(Number.One, Product.Of(epsilon, joint)), Power.Of(Sum.Of(Number.One, Product.Of(epsilon, marginal)), Number.MinusOne)),
            [epsilon], 1);
        Expr Moment(int r)
        {
            var sum = new SumBuilder();
            for (int k = 0; k <= ratio.Order; k++)
                sum.Add(Wick.Expectation(Product.Of(Power.Of(phiQ, Number.Of(r)), ratio.Coefficient(k)), phiQ, Number.One));
            return SeriesCoefficients.Expand(sum.ToExpr());
        }
        return new EdgeworthMoments(Moment(1), Moment(2));
    }

    /// <summary>The conditional moments for kept modes 1…<paramref name="keptCount"/> (a number gives explicit terms) in the default notation.</summary>
    public static EdgeworthMoments ConditionalMoments(Expr q, Expr keptCount) => ConditionalMoments(q, Number.One, keptCount, CumulantFamily.Default);

    private static void Validate(Expr q, CumulantFamily family)
    {
        if (family.Cumulants.IsDefaultOrEmpty)
            throw new ArgumentException("Edgeworth: the family names no cumulant tensors (orders 3, 4, …).", nameof(family));
        if (family.Dummies.IsDefault || family.Dummies.Length < family.HighestOrder || family.Dummies.Distinct().Count() != family.Dummies.Length)
            throw new ArgumentException($"Edgeworth: cumulants up to order {family.HighestOrder} need {family.HighestOrder} distinct dummy indices, got ({(family.Dummies.IsDefault ? "" : string.Join(", ", family.Dummies))}).", nameof(family));
        if (family.Dummies.Any(d => Structure.Contains(q, d)))
            throw new ArgumentException($"Edgeworth: the removed mode '{q}' uses a dummy index name.", nameof(q));
    }

    private sealed class Context(Expr q, CumulantFamily family)
    {
        private readonly HashSet<string> _tensors = [.. family.Cumulants];

        // q is the only removed mode; every other index is a kept one
        public bool Distinct(Expr i, Expr j) => i.Equals(q) != j.Equals(q);

        public Expr Delta(Expr i, Expr j) => KroneckerDelta.Of(i, j, Distinct);

        public Expr Variable(Expr i) => Symbol.Of(family.Field, [i]);

        public Expr Canonicalize(Expr e) => SymmetricTensor.Canonicalize(e, _tensors, Distinct);
    }
}
