using NngpRg.Core.Spectra;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// The information shell of a trained infinite-width network (a Gaussian process) in its whitened Mercer modes
/// (docs/theory.md §10, Eq. 10.13): the likelihood Fisher of mode k is F_k = ηλ_k/σ², its learnability is
/// L_k = F_k/(1 + F_k), so the shell F_k &lt; Λ at Λ = T/(1 − T) is the stopping rule L_k &lt; T of docs/theory.md §3.
/// Resampling a removed mode from the prior adds λ_k φ_k(x)² to the predictive variance, whose data average is λ_k: the
/// ridge seen by the next mode is the running ridge σ² + c(k) with c(k) = Σ_{j&gt;k} λ_j.
/// </summary>
/// <param name="InformationCutoff">Λ = T/(1 − T).</param>
/// <param name="KeptModes">Modes kept when each mode's Fisher is taken with the running ridge σ² + c(k): coarse-grain from the UV while F_k &lt; Λ.</param>
/// <param name="KeptModesBareRidge">Modes with ηλ_k/σ² ≥ Λ (the Fisher at the bare ridge, no resampled variance).</param>
/// <param name="ResampledVariance">c(κ) = Σ_{k&gt;κ} λ_k at the kept count: the data-averaged predictive variance the resampled modes add.</param>
/// <param name="FisherAtStop">F of the last kept mode with the running ridge (≥ Λ unless nothing is kept).</param>
public sealed record GpInformationShellResult(double InformationCutoff, long KeptModes, long KeptModesBareRidge, double ResampledVariance, double FisherAtStop);

/// <summary>Runs <see cref="GpInformationShellResult"/> on a <see cref="Spectrum"/>.</summary>
public static class GpInformationShell
{
    /// <summary>Λ = T/(1 − T): the Fisher cutoff equivalent to learnability threshold T.</summary>
    public static double CutoffOfThreshold(double threshold)
    {
        if (!(threshold > 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"GpInformationShell: the threshold T = {threshold:R} must lie in (0, 1).");
        return threshold / (1 - threshold);
    }

    /// <summary>
    /// Coarse-grains the modes of <paramref name="spectrum"/> at data size η and bare ridge σ² with information cutoff
    /// Λ = T/(1 − T): mode k (from the last explicit one down) is resampled while ηλ_k/(σ² + c(k)) &lt; Λ, with c(k) the
    /// exact tail sum of the spectrum (not an accumulated sum).
    /// </summary>
    /// <exception cref="ArgumentException">σ² not finite or &lt; 0, η not finite or ≤ 0, T outside (0, 1), or the first mode past the explicit ones already informative (the shell would end in the analytic tail).</exception>
    public static GpInformationShellResult Run(Spectrum spectrum, double sigma2, double eta, double threshold)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        if (!double.IsFinite(sigma2) || sigma2 < 0) throw new ArgumentOutOfRangeException(nameof(sigma2), sigma2, "GpInformationShell: σ² must be finite and ≥ 0.");
        if (!double.IsFinite(eta) || eta <= 0) throw new ArgumentOutOfRangeException(nameof(eta), eta, "GpInformationShell: η must be finite and > 0.");
        double cutoff = CutoffOfThreshold(threshold);
        long top = spectrum.ExplicitModeCount;
        double Fisher(long k, double ridge) => ridge == 0 ? double.PositiveInfinity : eta * spectrum.Eigenvalue(k) / ridge;
        if (spectrum.AnalyticTail is not null && Fisher(top + 1, sigma2 + spectrum.Tail(top + 1)) >= cutoff)
            throw new ArgumentException($"GpInformationShell: mode {top + 1}, the first past the explicit ones, is already informative (F ≥ Λ = {cutoff:R}); make more modes explicit.", nameof(spectrum));
        long kept = 0;
        double fisherAtStop = 0;
        for (long k = top; k >= 1; k--)
        {
            double f = Fisher(k, sigma2 + spectrum.Tail(k));
            if (f >= cutoff) { kept = k; fisherAtStop = f; break; }
        }
        long bare = 0;
        for (long k = top; k >= 1; k--)
            if (Fisher(k, sigma2) >= cutoff) { bare = k; break; }
        return new GpInformationShellResult(cutoff, kept, bare, spectrum.Tail(kept), fisherAtStop);
    }
}
