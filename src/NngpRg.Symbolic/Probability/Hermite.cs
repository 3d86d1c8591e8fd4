using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Probability;

/// <summary>
/// Probabilists' Hermite polynomials: He_n(x) orthogonal under the standard normal weight, ∫ He_m He_n φ = n! δ_mn,
/// and their multivariate form He_{i₁…iₙ}(φ) for a covariance C (Kronecker delta for standardized variables),
/// defined by (−∂)_{i₁…iₙ} N(φ) = He_{i₁…iₙ}(φ) N(φ) and computed as a signed sum over partial pairings.
/// </summary>
public static class Hermite
{
    /// <summary>He_n(x) by the recurrence He₀ = 1, He₁ = x, He_{n+1} = x He_n − n He_{n−1}, expanded.</summary>
    /// <exception cref="ArgumentException">When n is negative.</exception>
    public static Expr He(int n, Expr x)
    {
        if (n < 0) throw new ArgumentException($"Hermite.He: the degree must be non-negative, got {n}.", nameof(n));
        Expr previous = Number.One, current = x;
        if (n == 0) return previous;
        for (int k = 1; k < n; k++)
        {
            var next = SeriesCoefficients.Expand(Sum.Of(Product.Of(x, current), Product.Of(Number.Of(-k), previous)));
            previous = current;
            current = next;
        }
        return current;
    }

    /// <summary>
    /// The multivariate Hermite polynomial He_{i₁…iₙ} = Σ over partial pairings P of the positions of
    /// (−1)^{|P|} Π_{(a,b)∈P} C(i_a, i_b) Π_{c unpaired} φ(i_c), e.g. He_{ijk} = φᵢφⱼφₖ − δᵢⱼφₖ − δᵢₖφⱼ − δⱼₖφᵢ.
    /// <paramref name="variable"/> maps an index to its variable (φ_i); <paramref name="covariance"/> defaults to the
    /// Kronecker delta <see cref="KroneckerDelta.Of"/>.
    /// </summary>
    public static Expr HeMulti(IReadOnlyList<Expr> indices, Func<Expr, Expr> variable, Func<Expr, Expr, Expr>? covariance = null)
    {
        covariance ??= (i, j) => KroneckerDelta.Of(i, j);
        var sum = new SumBuilder();
        foreach (var pairing in Wick.PartialPairings(indices.Count))
        {
            var paired = new HashSet<int>(pairing.SelectMany(p => new[] { p.First, p.Second }));
            var factors = new List<Expr> { pairing.Length % 2 == 0 ? Number.One : Number.MinusOne };
            factors.AddRange(pairing.Select(p => covariance(indices[p.First], indices[p.Second])));
            factors.AddRange(Enumerable.Range(0, indices.Count).Where(c => !paired.Contains(c)).Select(c => variable(indices[c])));
            sum.Add(Product.Of(factors));
        }
        return SeriesCoefficients.Expand(sum.ToExpr());
    }
}
