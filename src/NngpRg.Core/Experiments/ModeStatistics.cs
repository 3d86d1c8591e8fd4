using System.Collections.Immutable;

namespace NngpRg.Core.Experiments;

/// <summary>Sample statistics of empirical eigenfunction values φ̂_k(x_i) testing Gaussianity (docs/theory.md §7.4, (7.10)).</summary>
public static class ModeStatistics
{
    /// <summary>Mean and standard error s/√N of the values.</summary>
    /// <exception cref="ArgumentException">Fewer than two values.</exception>
    public static SampleMoment Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) throw new ArgumentException($"ModeStatistics: {values.Count} value(s) give no standard error; at least 2 are needed.", nameof(values));
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Count;
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        return new SampleMoment(mean, Math.Sqrt(ss / (values.Count - 1) / values.Count));
    }

    /// <summary>
    /// A mode whose sample variance E φ̂² − (E φ̂)² is below this is flagged as the constant mode: at least 90 % of its unit
    /// mean square is its mean, so it is (close to) the constant function, not a fluctuating feature (docs/theory.md §7).
    /// </summary>
    public const double ConstantModeVariance = 0.1;

    /// <summary>|z| below this is "consistent with 0" in the Gaussianity verdicts (three standard errors).</summary>
    public const double VerdictZ = 3;

    /// <summary>The standard error of E φ³ over N points of a unit Gaussian: √(E φ⁶/N) = √(15/N).</summary>
    public static double GaussianSkewnessError(int n) => Math.Sqrt(15.0 / PositiveCount(n));

    /// <summary>The standard error of E φ⁴ − 3 over N points of a unit Gaussian: √((E φ⁸ − (E φ⁴)²)/N) = √(96/N).</summary>
    public static double GaussianKurtosisError(int n) => Math.Sqrt(96.0 / PositiveCount(n));

    /// <summary>The standard error of E φ_k²φ_q² − 1 over N points of independent unit Gaussians: √((3·3 − 1)/N) = √(8/N).</summary>
    public static double GaussianPairError(int n) => Math.Sqrt(8.0 / PositiveCount(n));

    private static int PositiveCount(int n) =>
        n >= 2 ? n : throw new ArgumentOutOfRangeException(nameof(n), n, "ModeStatistics: a Gaussian standard error needs at least 2 points.");

    /// <summary>
    /// Marginal statistics of one mode: mean φ̂, skewness E φ̂³ and U_kkkk = E φ̂⁴ − 3, each with its standard error, the
    /// variance E φ̂² − (E φ̂)², and the constant-mode flag (variance &lt; <see cref="ConstantModeVariance"/>).
    /// </summary>
    public static ModeGaussianity Marginal(int mode, double eigenvalue, IReadOnlyList<double> phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        var mean = Mean(phi);
        var third = Mean([.. phi.Select(p => p * p * p)]);
        var fourth = Mean([.. phi.Select(p => p * p * p * p)]);
        double square = phi.Sum(p => p * p) / phi.Count;
        double variance = square - mean.Value * mean.Value;
        return new ModeGaussianity(mode, eigenvalue, mean, fourth with { Value = fourth.Value - 3 }, phi.Count)
        {
            Skewness = third,
            Variance = variance,
            IsConstant = variance < ConstantModeVariance,
        };
    }

    /// <summary>
    /// Pair statistics of modes k &lt; q: E[φ_k² φ_q²] − 1 and U_qqkk = E[φ_k² φ_q²] − E[φ_k²] E[φ_q²] − 2 E[φ_k φ_q]² with
    /// sample moments (the two agree when the sample is orthonormal, as empirical eigenfunctions are).
    /// </summary>
    /// <exception cref="ArgumentException">The value lists differ in length.</exception>
    public static PairGaussianity Pair(int first, int second, IReadOnlyList<double> phiK, IReadOnlyList<double> phiQ)
    {
        ArgumentNullException.ThrowIfNull(phiK);
        ArgumentNullException.ThrowIfNull(phiQ);
        if (phiK.Count != phiQ.Count)
            throw new ArgumentException($"ModeStatistics.Pair: modes {first} and {second} have {phiK.Count} and {phiQ.Count} values.", nameof(phiQ));
        int n = phiK.Count;
        double k2 = 0, q2 = 0, kq = 0;
        var products = new double[n];
        for (int i = 0; i < n; i++)
        {
            k2 += phiK[i] * phiK[i];
            q2 += phiQ[i] * phiQ[i];
            kq += phiK[i] * phiQ[i];
            products[i] = phiK[i] * phiK[i] * phiQ[i] * phiQ[i];
        }
        k2 /= n; q2 /= n; kq /= n;
        var square = Mean(products);
        return new PairGaussianity(first, second,
            square with { Value = square.Value - 1 },
            square with { Value = square.Value - k2 * q2 - 2 * kq * kq }, n);
    }

    /// <summary>The marginals of modes 1 … <paramref name="count"/> of a diagonalization.</summary>
    internal static ImmutableArray<ModeGaussianity> Marginals(Spectra.EmpiricalSpectrum spectrum, int count) =>
        [.. Enumerable.Range(0, count).Select(k => Marginal(k + 1, spectrum.Eigenvalues[k], spectrum.EigenfunctionValues(k)))];

    /// <summary>All pairs k &lt; q among modes 1 … <paramref name="count"/>.</summary>
    internal static ImmutableArray<PairGaussianity> Pairs(Spectra.EmpiricalSpectrum spectrum, int count) =>
        Pairs(spectrum, [.. Enumerable.Range(1, count)]);

    /// <summary>All pairs k &lt; q among the given 1-based modes (in the order given).</summary>
    internal static ImmutableArray<PairGaussianity> Pairs(Spectra.EmpiricalSpectrum spectrum, ImmutableArray<int> modes)
    {
        var values = modes.Select(m => spectrum.EigenfunctionValues(m - 1)).ToArray();
        var pairs = ImmutableArray.CreateBuilder<PairGaussianity>();
        for (int a = 0; a < modes.Length; a++)
            for (int b = a + 1; b < modes.Length; b++)
                pairs.Add(Pair(modes[a], modes[b], values[a], values[b]));
        return pairs.ToImmutable();
    }
}
