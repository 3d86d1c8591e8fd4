using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Theory;

/// <summary>
/// The solution of the self-consistent effective-ridge equation of docs/theory.md §5 (Bordelon–Canatar–Pehlevan; Simon et al.):
/// κ_eff = σ² + Σ_k κ_eff λ_k/(η λ_k + κ_eff), with the derived quantities L_k = ηλ_k/(ηλ_k + κ_eff) and E₀ = η/(η − Σ_k L_k²).
/// </summary>
public sealed record SelfConsistentSolution
{
    private readonly ModeSums _sums;

    internal SelfConsistentSolution(ModeSums sums, double sigma2, double eta, double kappaEff, double sumL2, int evaluations)
    {
        _sums = sums;
        BareRidge = sigma2;
        Eta = eta;
        KappaEff = kappaEff;
        SumLearnabilitySquared = sumL2;
        Evaluations = evaluations;
    }

    /// <summary>σ².</summary>
    public double BareRidge { get; }

    /// <summary>η.</summary>
    public double Eta { get; }

    /// <summary>κ_eff, the root of the self-consistent equation (0 only for σ² = 0 with no more nonzero modes than η).</summary>
    public double KappaEff { get; }

    /// <summary>Σ_k L_k = η (1 − σ²/κ_eff), by the equation itself (the effective number of learned modes).</summary>
    public double SumLearnability => KappaEff == 0 ? SumLearnabilitySquared : Eta * (1 - BareRidge / KappaEff);

    /// <summary>Σ_k L_k².</summary>
    public double SumLearnabilitySquared { get; }

    /// <summary>E₀ = η/(η − Σ_k L_k²), the overfitting factor.</summary>
    public double E0 => Eta / (Eta - SumLearnabilitySquared);

    /// <summary>Evaluations of the equation used by the bracketing root finder.</summary>
    public int Evaluations { get; }

    /// <summary>L = ηλ/(ηλ + κ_eff) of a mode with eigenvalue λ.</summary>
    public double Learnability(double lambda) => GaussianFlow.Learnability(Eta, lambda, KappaEff);

    /// <summary>Equal when the spectrum, σ², η and the solution agree (the solver's work count is ignored).</summary>
    public bool Equals(SelfConsistentSolution? other) =>
        other is not null && BareRidge == other.BareRidge && Eta == other.Eta && KappaEff == other.KappaEff
        && SumLearnabilitySquared == other.SumLearnabilitySquared && _sums.Spectrum.Equals(other._sums.Spectrum);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BareRidge, Eta, KappaEff);

    /// <summary>Predicted test MSE E₀ [Σ_k (1 − L_k)² y_k² + noise] (docs/theory.md §5).</summary>
    public double PredictedMse(TargetSpectrum target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return E0 * (_sums.ResidualPower(target, Eta, KappaEff, long.MaxValue) + target.Noise);
    }
}

/// <summary>Solves the self-consistent effective-ridge equation (docs/theory.md §5) with a bracketing root finder.</summary>
public static class SelfConsistentRidge
{
    /// <summary>
    /// κ_eff for <paramref name="spectrum"/> (explicit levels with multiplicities, plus an exact power-law tail), ridge σ² ≥ 0,
    /// data size η &gt; 0. Solved as h(κ) = 1 − σ²/κ − Σ_k λ_k/(ηλ_k + κ) = 0, increasing in κ, by Brent's method in u = ln κ
    /// on the bracket [σ², σ² + trace] (for σ² = 0 the lower end is found by decades; with no root above 0 the solution is
    /// κ_eff = 0, the under-parameterized ridgeless case). Relative accuracy ≈ 1e-14 in κ_eff.
    /// <para>Power-law tail λ_k = A k^{−(1+α)} past the K explicit modes: the modes K &lt; k ≤ M, M the first index with
    /// ηλ_{M+1}/κ ≤ 1/4, are summed explicitly (eigenvalues cached across evaluations); the rest through the expansion
    /// λ/(ηλ + κ) = κ⁻¹ Σ_j (−ηλ/κ)^j λ, each power summed exactly as A^{j+1} ζ((j+1)(1+α), M+1) (a scaled Hurwitz zeta).
    /// The geometric ratio ≤ 1/4 bounds the truncation below 1e-16 relative; the tail is exact to rounding. At σ² = 0 with
    /// large η, M grows like η; more than 2²⁵ explicit tail modes is refused with an <see cref="ArgumentException"/>.</para>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">σ² or η out of range.</exception>
    /// <exception cref="ArgumentException">The spectrum has no nonzero eigenvalue, or a ridgeless tail needs too many modes.</exception>
    public static SelfConsistentSolution Solve(Spectrum spectrum, double sigma2, double eta)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        return Solve(new ModeSums(spectrum), sigma2, eta);
    }

    internal static SelfConsistentSolution Solve(ModeSums sums, double sigma2, double eta)
    {
        if (!double.IsFinite(sigma2) || sigma2 < 0)
            throw new ArgumentOutOfRangeException(nameof(sigma2), sigma2, $"SelfConsistentRidge: σ² = {sigma2:R} must be finite and ≥ 0.");
        if (!double.IsFinite(eta) || eta <= 0)
            throw new ArgumentOutOfRangeException(nameof(eta), eta, $"SelfConsistentRidge: η = {eta:R} must be finite and > 0.");
        double trace = sums.Spectrum.TotalTrace;
        if (!(trace > 0))
        {
            if (sigma2 > 0) return new SelfConsistentSolution(sums, sigma2, eta, sigma2, 0, 0);
            throw new ArgumentException("SelfConsistentRidge: every eigenvalue is 0 and σ² = 0; the effective ridge is undefined.", nameof(sums));
        }
        int evaluations = 0;
        double H(double u)
        {
            evaluations++;
            double kappa = Math.Exp(u);
            return 1 - sigma2 / kappa - sums.Sum(ModeTerm.Inverse, eta, kappa);
        }
        double hi = Math.Log(sigma2 + trace), fHi = H(hi);
        double lo, fLo;
        if (sigma2 > 0)
        {
            lo = Math.Log(sigma2);
            fLo = H(lo);
        }
        else
        {
            lo = hi;
            fLo = fHi;
            while (fLo > 0)
            {
                lo -= Math.Log(10);
                if (lo < Math.Log(trace) - 700 || (!sums.HasTail && lo < Math.Log(trace) - 80))
                    return new SelfConsistentSolution(sums, sigma2, eta, 0, CountNonzero(sums), evaluations);
                fLo = H(lo);
            }
        }
        double u = fLo >= 0 ? lo : Bracketing.Brent(H, lo, hi, fLo, fHi, 1e-15, 0);
        double kappaEff = Math.Exp(u);
        double sumL2 = sums.Sum(ModeTerm.LearnabilitySquared, eta, kappaEff);
        return new SelfConsistentSolution(sums, sigma2, eta, kappaEff, sumL2, evaluations);
    }

    /// <summary>Without a tail and at κ = 0 every nonzero mode is fully learned: Σ L² = number of nonzero modes.</summary>
    private static double CountNonzero(ModeSums sums)
    {
        double count = 0;
        foreach (var level in sums.Spectrum.Levels) if (level.Eigenvalue > 0) count += level.Multiplicity;
        return count;
    }
}
