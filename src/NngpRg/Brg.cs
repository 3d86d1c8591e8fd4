using NngpRg.Core.Bayesian;
using NngpRg.Core.Spectra;

namespace NngpRg;

/// <summary>
/// Bayesian RG in neural-network field theories (docs/theory.md §10) from the facade: the cos-net free scalar and its
/// Monte Carlo, the rescaling flow derived by the engine, the information shell of a trained NNGP, and the ensemble
/// experiment. Every function validates its arguments and is pure (Monte Carlo results depend only on the seed).
/// </summary>
/// <example>
/// <code>
/// double g = Brg.Propagator(dimension: 1, mass: 1, cutoff: 10, r: 0.5);          // 0.2976031119
/// var net = Brg.CosNet(1, 1, 10, CosNetConstruction.UniformMomentaWithAmplitude, width: 1000);
/// var mc = Brg.Covariance(net, [0, 0.5], networks: 20000, seed: 1, shell: 5);      // ≈ G_10, G_5 within 3 s.e.
/// var report = Brg.Experiment(new BrgExperimentOptions { Ensemble = 32 });         // report.CriticalCutoff ≈ 0.5
/// </code>
/// </example>
public static class Brg
{
    /// <summary>The sharp-cutoff propagator G_R(r) = ∫_{|p|&lt;R} d^dp/(2π)^d e^{ip·r}/(p² + m²), d = 1 or 3 (R = +∞ allowed).</summary>
    /// <exception cref="ArgumentException">d not 1 or 3, m ≤ 0, R ≤ 0, r &lt; 0.</exception>
    public static double Propagator(int dimension, double mass, double cutoff, double r) =>
        CutoffPropagator.At(new FreeScalar(dimension, mass, cutoff), r);

    /// <summary>A width-N cos-net whose Gaussian-process limit is the free scalar of mass m with cutoff R (finite).</summary>
    public static CosNet CosNet(int dimension, double mass, double cutoff, CosNetConstruction construction, int width) =>
        new(new FreeScalar(dimension, mass, cutoff), construction, width);

    /// <summary>Monte Carlo covariance E[φ(0)φ(r e₁)] of <paramref name="networks"/> finite cos-nets, full and with the shell k &lt; |w| &lt; R removed.</summary>
    public static CosNetCovariance Covariance(CosNet net, IReadOnlyList<double> radii, int networks, int seed, double? shell = null) =>
        CosNetMonteCarlo.Covariance(net, radii, networks, seed, shell);

    /// <summary>The rescaling step derived by the engine: prefactor s^{2−d}, m'² = s²m², dm²/dℓ = 2m², α = 1: dN/dℓ = −dN.</summary>
    public static CosNetRescalingDerivation Rescaling(int dimension) => CosNetRescaling.Derive(dimension);

    /// <summary>
    /// The information shell at Λ = T/(1 − T) of a trained NNGP with the given spectrum: the kept modes equal the
    /// stopping point κ* of <see cref="Rg.Flow"/>.
    /// </summary>
    public static GpInformationShellResult InformationShell(Spectrum spectrum, double sigma2, double eta, double threshold = 0.5) =>
        GpInformationShell.Run(spectrum, sigma2, eta, threshold);

    /// <summary>The ensemble experiment (default: the published configuration with 1000 Fisher samples, 128 networks).</summary>
    public static BrgExperimentReport Experiment(BrgExperimentOptions? options = null) => BrgExperiment.Run(options ?? new BrgExperimentOptions());
}
