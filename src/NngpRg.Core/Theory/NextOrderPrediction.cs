using System.Collections.Immutable;
using NngpRg.Core.Flows;

namespace NngpRg.Core.Theory;

/// <summary>The self-consistent theory solved on the kept modes only, with given couplings (docs/theory.md §5, §8).</summary>
/// <param name="Ridge">The ridge of the kept-mode theory (σ_c² at leading order, σ̃² at next order).</param>
/// <param name="KappaEff">Its self-consistent ridge κ_eff on the kept modes.</param>
/// <param name="E0">Its overfitting factor (with the variance amplification ω at next order).</param>
/// <param name="Noise">The label noise it sees: the removed target power (partially learned at next order) plus the target's noise.</param>
/// <param name="Mse">E₀ [Σ_kept (1 − L_k)² y_k² + Noise].</param>
public sealed record KeptModeTheory(double Ridge, double KappaEff, double E0, double Noise, double Mse);

/// <summary>One trajectory sample: the leading-order and the O(λ²) running ridge at the same cutoff.</summary>
/// <param name="Kappa">The cutoff κ.</param>
/// <param name="LeadingRidge">σ² + Σ_{k&gt;κ} λ_k.</param>
/// <param name="NextOrderRidge">σ² + Σ_{k&gt;κ} (λ_k − (η + χ) λ_k²/κ_eff).</param>
public readonly record struct NextOrderPoint(double Kappa, double LeadingRidge, double NextOrderRidge);

/// <summary>
/// The O(λ²) Wilsonian prediction (docs/theory.md §8): the leading-order flow fixes κ*; the removed modes renormalize the
/// ridge to σ̃² = σ² + Σ_{k&gt;κ*}(λ_k − (η + χ)λ_k²/κ_eff), leave label noise ε² = Σ_{k&gt;κ*} y_k²(1 − 2(η + χ)λ_k/κ_eff),
/// and amplify the variance by ω = Σ_{k&gt;κ*} (η + χ)λ_k²/κ_eff²; the kept modes are then solved self-consistently, with
/// κ_eff their own infrared ridge (iterated to a fixed point).
/// </summary>
/// <param name="Flow">The leading-order flow and its stopping point κ*.</param>
/// <param name="FeatureVariance">χ = Var_μ(φ_k²) of the removed features (0: complete degenerate levels or the thermodynamic limit; 2: non-degenerate Gaussian features).</param>
/// <param name="Removed">The power sums of the removed modes.</param>
/// <param name="Ridge">σ̃², the O(λ²) renormalized ridge.</param>
/// <param name="VarianceAmplification">ω, with 1/E₀ = 1/E₀^kept − ω.</param>
/// <param name="RemovedTargetNoise">ε², the removed target power left as label noise at O(λ y²).</param>
/// <param name="Next">The kept-mode theory with the O(λ²) couplings.</param>
/// <param name="Leading">The kept-mode theory with the leading couplings (ridge σ_c², noise Σ_{k&gt;κ*} y_k², no amplification).</param>
/// <param name="ExpansionParameter">η λ_{κ*+1}/κ_eff, the largest learnability-like ratio of a removed mode: the neglected terms are of relative order its cube.</param>
/// <param name="Iterations">Fixed-point iterations of κ_eff.</param>
/// <param name="Trajectory">The leading and O(λ²) ridges along the leading flow's trajectory.</param>
public sealed record NextOrderPrediction(
    FlowResult Flow,
    double FeatureVariance,
    RemovedModeSums Removed,
    double Ridge,
    double VarianceAmplification,
    double RemovedTargetNoise,
    KeptModeTheory Next,
    KeptModeTheory Leading,
    double ExpansionParameter,
    int Iterations,
    ImmutableArray<NextOrderPoint> Trajectory)
{
    /// <summary>
    /// The largest expansion parameter x = ηλ_{κ*+1}/κ_eff at which the removed modes count as nearly unlearnable
    /// (docs/theory.md §8.4). On a power law with α = 1 the next-order MSE is within about 1 % of the self-consistent
    /// theory at x = 0.25, 3 % at x = 0.4 and 35 % at x = 0.95.
    /// </summary>
    public const double NearlyUnlearnableLimit = 0.25;

    /// <summary>Whether the premise of the expansion holds: x ≤ <see cref="NearlyUnlearnableLimit"/>.</summary>
    public bool PremiseHolds => ExpansionParameter <= NearlyUnlearnableLimit;
}
