using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Theory;

/// <summary>
/// The equivalent-kernel (EK) predictor at the bare ridge (docs/theory.md §1): L_k = ηλ_k/(σ² + ηλ_k) and test error
/// Σ_k (1 − L_k)² y_k² + noise, summed over every mode (explicit levels and the power-law tail).
/// </summary>
public static class EquivalentKernel
{
    /// <summary>L_k = ηλ_k/(σ² + ηλ_k) for mode k (docs/theory.md §1).</summary>
    public static double Learnability(Spectrum spectrum, long mode, double sigma2, double eta)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        return GaussianFlow.Learnability(eta, spectrum.Eigenvalue(mode), sigma2);
    }

    /// <summary>EK test error Σ_k (1 − L_k)² y_k² + noise at ridge σ² and data size η.</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ² &lt; 0 or η ≤ 0 (or not finite).</exception>
    public static double TestError(Spectrum spectrum, TargetSpectrum target, double sigma2, double eta)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(target);
        if (!double.IsFinite(sigma2) || sigma2 < 0)
            throw new ArgumentOutOfRangeException(nameof(sigma2), sigma2, $"EquivalentKernel: σ² = {sigma2:R} must be finite and ≥ 0.");
        if (!double.IsFinite(eta) || eta <= 0)
            throw new ArgumentOutOfRangeException(nameof(eta), eta, $"EquivalentKernel: η = {eta:R} must be finite and > 0.");
        return new ModeSums(spectrum).ResidualPower(target, eta, sigma2, long.MaxValue) + target.Noise;
    }
}
