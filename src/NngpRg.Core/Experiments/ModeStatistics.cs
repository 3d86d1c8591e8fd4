using System.Collections.Immutable;

namespace NngpRg.Core.Experiments;

/// <summary>Sample statistics of empirical eigenfunction values φ̂_k(x_i) testing Gaussianity (PHYSICS.md §4, §7).</summary>
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

    /// <summary>Marginal statistics of one mode: mean φ̂ and U_kkkk = E φ̂⁴ − 3, each with its standard error.</summary>
    public static ModeGaussianity Marginal(int mode, double eigenvalue, IReadOnlyList<double> phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        var fourth = Mean([.. phi.Select(p => p * p * p * p)]);
        return new ModeGaussianity(mode, eigenvalue, Mean(phi), fourth with { Value = fourth.Value - 3 });
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
            square with { Value = square.Value - k2 * q2 - 2 * kq * kq });
    }

    /// <summary>The marginals of modes 1 … <paramref name="count"/> of a diagonalization.</summary>
    internal static ImmutableArray<ModeGaussianity> Marginals(Spectra.EmpiricalSpectrum spectrum, int count) =>
        [.. Enumerable.Range(0, count).Select(k => Marginal(k + 1, spectrum.Eigenvalues[k], spectrum.EigenfunctionValues(k)))];

    /// <summary>All pairs k &lt; q among modes 1 … <paramref name="count"/>.</summary>
    internal static ImmutableArray<PairGaussianity> Pairs(Spectra.EmpiricalSpectrum spectrum, int count)
    {
        var values = Enumerable.Range(0, count).Select(spectrum.EigenfunctionValues).ToArray();
        var pairs = ImmutableArray.CreateBuilder<PairGaussianity>();
        for (int k = 0; k < count; k++)
            for (int q = k + 1; q < count; q++)
                pairs.Add(Pair(k + 1, q + 1, values[k], values[q]));
        return pairs.ToImmutable();
    }
}
