using System.Collections.Immutable;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Spectra;

/// <summary>Bernoulli numbers B_n (B₁ = −½ convention), exact, from Σ_{k=0}^{m} binom(m+1, k) B_k = 0.</summary>
internal static class Bernoulli
{
    /// <summary>B_0 … B_{Count−1} as exact rationals.</summary>
    public static readonly ImmutableArray<Rational> Numbers = Compute(64);

    /// <summary>B_{2j}/(2j)! for j = 0, 1, …, as doubles (the Euler–Maclaurin coefficients).</summary>
    public static readonly ImmutableArray<double> EvenOverFactorial = EvenScaled();

    private static ImmutableArray<Rational> Compute(int count)
    {
        var b = new Rational[count];
        b[0] = Rational.One;
        for (int m = 1; m < count; m++)
        {
            // B_m = −1/(m+1) Σ_{k<m} binom(m+1, k) B_k
            Rational sum = Rational.Zero;
            System.Numerics.BigInteger binom = 1; // binom(m+1, k) for k = 0
            for (int k = 0; k < m; k++)
            {
                sum += new Rational(binom, 1) * b[k];
                binom = binom * (m + 1 - k) / (k + 1);
            }
            b[m] = -sum / new Rational(m + 1, 1);
        }
        return [.. b];
    }

    private static ImmutableArray<double> EvenScaled()
    {
        var result = ImmutableArray.CreateBuilder<double>();
        System.Numerics.BigInteger factorial = 1;
        for (int n = 0; n < Numbers.Length; n++)
        {
            if (n > 0) factorial *= n;
            if (n % 2 == 0) result.Add((Numbers[n] / new Rational(factorial, 1)).ToDouble());
        }
        return result.ToImmutable();
    }
}
