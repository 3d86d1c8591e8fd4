using System.Collections.Immutable;
using System.Numerics;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Probability;

/// <summary>
/// Moments of jointly Gaussian, zero-mean variables by Wick/Isserlis contraction:
/// E[x₁⋯x₂ₙ] = Σ over the (2n−1)!! perfect pairings of Π C(x_a, x_b), and zero for an odd count.
/// </summary>
public static class Wick
{
    /// <summary>
    /// Every perfect pairing of the positions 0…n−1, each exactly once: position 0 is paired with each later
    /// position j in turn and the rest is paired recursively, so there are (n−1)!! pairings for even n, none for odd n.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="n"/> is negative.</exception>
    public static IEnumerable<ImmutableArray<(int First, int Second)>> Pairings(int n)
    {
        if (n < 0) throw new ArgumentException($"Wick.Pairings: the number of positions must be non-negative, got {n}.", nameof(n));
        return n % 2 == 1 ? [] : Pair([.. Enumerable.Range(0, n)]);
    }

    private static IEnumerable<ImmutableArray<(int, int)>> Pair(ImmutableArray<int> items)
    {
        if (items.IsEmpty)
        {
            yield return [];
            yield break;
        }
        for (int j = 1; j < items.Length; j++)
        {
            var rest = items.RemoveAt(j).RemoveAt(0);
            foreach (var p in Pair(rest)) yield return p.Insert(0, (items[0], items[j]));
        }
    }

    /// <summary>
    /// Every partial pairing (matching) of the positions 0…n−1, including the empty one: position 0 is either left
    /// unpaired or paired with a later position, recursively. Used by the multivariate Hermite polynomials.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="n"/> is negative.</exception>
    public static IEnumerable<ImmutableArray<(int First, int Second)>> PartialPairings(int n)
    {
        if (n < 0) throw new ArgumentException($"Wick.PartialPairings: the number of positions must be non-negative, got {n}.", nameof(n));
        return Partial([.. Enumerable.Range(0, n)]);
    }

    private static IEnumerable<ImmutableArray<(int, int)>> Partial(ImmutableArray<int> items)
    {
        if (items.IsEmpty)
        {
            yield return [];
            yield break;
        }
        var rest = items.RemoveAt(0);
        foreach (var p in Partial(rest)) yield return p;
        for (int j = 0; j < rest.Length; j++)
            foreach (var p in Partial(rest.RemoveAt(j))) yield return p.Insert(0, (items[0], rest[j]));
    }

    /// <summary>(n−1)!! for even n ≥ 0 (the number of perfect pairings), 0 for odd n.</summary>
    public static BigInteger PairingCount(int n)
    {
        if (n < 0) throw new ArgumentException($"Wick.PairingCount: n must be non-negative, got {n}.", nameof(n));
        if (n % 2 == 1) return BigInteger.Zero;
        BigInteger c = BigInteger.One;
        for (int k = n - 1; k > 1; k -= 2) c *= k;
        return c;
    }

    /// <summary>
    /// E[x₁⋯xₙ] for zero-mean jointly Gaussian variables with covariance <paramref name="covariance"/>(xᵢ, xⱼ)
    /// (Isserlis' theorem): the sum over perfect pairings of the product of pair covariances, expanded.
    /// </summary>
    public static Expr Moment(IReadOnlyList<Expr> variables, Func<Expr, Expr, Expr> covariance)
    {
        var sum = new SumBuilder();
        foreach (var pairing in Pairings(variables.Count))
            sum.Add(Product.Of(pairing.Select(p => covariance(variables[p.First], variables[p.Second]))));
        return SeriesCoefficients.Expand(sum.ToExpr());
    }

    /// <summary>
    /// E[f(z)] for z ~ N(0, <paramref name="variance"/>) and f a polynomial in z whose coefficients are free of z
    /// (they may contain other symbols and indexed sums): each power zᵖ is replaced by its Wick moment.
    /// </summary>
    /// <exception cref="ArgumentException">When f is not a polynomial in z.</exception>
    public static Expr Expectation(Expr f, Symbol z, Expr variance)
    {
        var moments = new Dictionary<int, Expr>();
        var sum = new SumBuilder();
        foreach (var (power, coefficient) in PowersOf(SeriesCoefficients.Expand(f), z))
        {
            if (!moments.TryGetValue(power, out var m))
                moments[power] = m = Moment(Enumerable.Repeat((Expr)z, power).ToList(), (_, _) => variance);
            sum.Add(SeriesCoefficients.Multiply(coefficient, m));
        }
        return SeriesCoefficients.Expand(sum.ToExpr());
    }

    /// <summary>Splits an expanded polynomial in z into (power, coefficient) pairs.</summary>
    internal static IEnumerable<(int Power, Expr Coefficient)> PowersOf(Expr expanded, Symbol z)
    {
        var summands = expanded is Sum s ? s.Summands : [expanded];
        foreach (var t in summands)
        {
            int power = 0;
            var rest = new List<Expr>();
            if (t is Product p)
            {
                rest.Add(Number.Of(p.Coefficient));
                foreach (var (b, e) in p.OrderedFactors)
                {
                    if (b.Equals(z) && e is Number { IsInteger: true } k && k.Value.Sign > 0) power += (int)k.Value.Numerator;
                    else rest.Add(Power.Of(b, e));
                }
            }
            else if (t.Equals(z)) power = 1;
            else rest.Add(t);
            var coefficient = Product.Of(rest);
            if (Structure.DependsOn(coefficient, z))
                throw new ArgumentException($"Wick.Expectation: the term '{t}' is not a polynomial in '{z}' (the factor '{coefficient}' depends on it).");
            yield return (power, coefficient);
        }
    }
}
