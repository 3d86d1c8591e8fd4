using System.Collections.Immutable;
using NngpRg.Core.Derivations;
using FlowEquations = NngpRg.Core.Flows.FlowEquations;
using NngpRg.Core.Flows;
using NngpRg.Core.Kernels;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;

namespace NngpRg;

/// <summary>
/// The library's entry points: derive a flow (expression, LaTeX, compiled delegate), build an NNGP kernel and its
/// spectrum, run the ridge flow with its stopping rule, predict learning curves, and verify against exact kernel
/// ridge regression. Every function validates its arguments and is pure.
/// </summary>
/// <example>See the README's library example, which the facade tests run verbatim.</example>
public static class Rg
{
    /// <summary>The names of the derivations <see cref="Derive"/> accepts.</summary>
    public static ImmutableArray<string> DerivationNames => Derivations.Names;

    /// <summary>A derivation by name (e.g. "gaussian-step", "next-order"); see <see cref="DerivationNames"/>.</summary>
    /// <exception cref="ArgumentException">For an unknown name, listing the known ones.</exception>
    public static DerivedFlow Derive(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Derivations.Names.Contains(name))
            throw new ArgumentException($"Unknown derivation '{name}'; use one of {string.Join(", ", Derivations.Names)}.", nameof(name));
        return new DerivedFlow(Derivations.ByName(name));
    }

    /// <summary>The NNGP kernel of a network with the given activation (one hidden layer, σ_w² = 1, σ_b² = 0 until changed).</summary>
    public static KernelSpec Kernel(Activation activation) => new(activation);

    /// <summary>The NNGP kernel by its command-line name: relu, arccos0, arccos1, arccos2, erf, rbf.</summary>
    /// <exception cref="ArgumentException">For an unknown name.</exception>
    public static KernelSpec Kernel(string activation) => new(Activations.Parse(activation));

    /// <summary>The power-law spectrum λ_k = A k^{−(1+α)}: <paramref name="explicitModes"/> modes plus the exact Hurwitz-zeta tail.</summary>
    /// <exception cref="ArgumentException">When α ≤ 0, A ≤ 0 or explicitModes &lt; 1.</exception>
    public static Spectrum PowerLaw(double alpha, double amplitude = 1, int explicitModes = 100_000)
    {
        if (explicitModes < 1) throw new ArgumentOutOfRangeException(nameof(explicitModes), explicitModes, "at least one explicit mode is needed");
        return new PowerLaw(amplitude, alpha).ToSpectrum(explicitModes);
    }

    /// <summary>
    /// The Gaussian ridge flow (docs/theory.md §3) driven by the derived flow equations: modes are integrated out from the
    /// ultraviolet while their learnability with the running ridge stays below <paramref name="threshold"/>.
    /// </summary>
    /// <exception cref="ArgumentException">When σ² &lt; 0, η ≤ 0 or T is not in (0, 1).</exception>
    public static FlowResult Flow(Spectrum spectrum, double sigma2, double eta, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        return GaussianFlow.Run(spectrum, sigma2, eta, threshold, FlowEquations.Gaussian);
    }

    /// <summary>
    /// The O(λ²) prediction (docs/theory.md §8): the flow's stopping point, the renormalized ridge, the removed target power
    /// left as partially learned label noise and the variance amplification, with the kept modes solved self-consistently;
    /// <paramref name="featureVariance"/> is χ = Var φ_k² of the removed features (0 for complete degenerate levels and in
    /// the self-consistent theory's thermodynamic limit, 2 for non-degenerate Gaussian features). Target: GP-matched unless given.
    /// </summary>
    /// <exception cref="ArgumentException">When σ² &lt; 0, η ≤ 0, T is not in (0, 1), χ &lt; 0, or the expansion does not hold.</exception>
    public static NextOrderPrediction NextOrder(Spectrum spectrum, double sigma2, double eta, double threshold = 0.5, TargetSpectrum? target = null, double featureVariance = 0)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        return NextOrderTheory.Predict(spectrum, target ?? TargetSpectrum.GpMatched(), sigma2, eta, threshold, featureVariance);
    }

    /// <summary>The self-consistent effective ridge κ_eff, E₀ and learnabilities (docs/theory.md §5).</summary>
    public static SelfConsistentSolution SelfConsistentRidge(Spectrum spectrum, double sigma2, double eta) =>
        Core.Theory.SelfConsistentRidge.Solve(spectrum, sigma2, eta);

    /// <summary>
    /// Predicted test MSE against η on the given grid, by the renormalized EK theory and by the self-consistent theory
    /// (target: GP-matched y_k² = λ_k unless given).
    /// </summary>
    public static LearningCurve LearningCurve(Spectrum spectrum, double sigma2, IReadOnlyList<double> etas, TargetSpectrum? target = null, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(etas);
        if (etas.Count == 0) throw new ArgumentException("The η grid is empty.", nameof(etas));
        return LearningCurves.Compute(spectrum, target ?? TargetSpectrum.GpMatched(), sigma2, etas, threshold, FlowEquations.Gaussian);
    }

    /// <summary><paramref name="count"/> points from <paramref name="min"/> to <paramref name="max"/>, evenly spaced in log η.</summary>
    public static ImmutableArray<double> LogGrid(double min, double max, int count) => LearningCurves.LogGrid(min, max, count);
}
