using System.Collections.Immutable;

namespace NngpRg.Core.Flows;

/// <summary>One sample of a flow trajectory.</summary>
/// <param name="Kappa">The cutoff κ: modes k ≤ κ are kept.</param>
/// <param name="Ridge">The running ridge σ_c²(κ) = σ² + c(κ) (leading order).</param>
/// <param name="Learnability">η λ_κ / (σ_c²(κ) + η λ_κ) of the last kept mode κ (0 at κ = 0, where no mode is kept).</param>
public readonly record struct FlowPoint(double Kappa, double Ridge, double Learnability);

/// <summary>
/// The outcome of a Gaussian ridge flow with the stopping rule of docs/theory.md §3: modes are integrated out from the
/// UV (κ₀) down while their learnability with the running ridge stays below the threshold T; the flow stops at κ*.
/// </summary>
/// <param name="Method">How the modes were removed.</param>
/// <param name="BareRidge">σ², the ridge before the flow.</param>
/// <param name="Eta">η, the mean number of training points.</param>
/// <param name="Threshold">T ∈ (0, 1).</param>
/// <param name="Kappa0">Where the flow starts: the number of explicit modes.</param>
/// <param name="InitialShift">Tail(κ₀), the analytic tail folded into the ridge at the start (0 for a finite spectrum).</param>
/// <param name="KappaStar">κ*: where the stopping rule fired (an integer for discrete flows, real for the continuum).</param>
/// <param name="KeptModes">Number of learnable (kept) modes, ⌊κ*⌋.</param>
/// <param name="RidgeShift">c(κ*) = σ_c² − σ².</param>
/// <param name="RunningRidge">σ_c²(κ*), the renormalized ridge at leading order.</param>
/// <param name="LearnabilityAtStop">Learnability of mode κ* with ridge σ_c²(κ*) (≥ T unless every mode was removed).</param>
/// <param name="Trajectory">Log-spaced samples (κ decreasing from κ₀ to κ*).</param>
/// <param name="Statistics">Integrator work for the continuum methods; null for discrete flows.</param>
/// <param name="Rule">Where the flow was allowed to stop: a level edge, a mode edge, or a continuum crossing.</param>
public sealed record FlowResult(
    FlowMethod Method,
    double BareRidge,
    double Eta,
    double Threshold,
    double Kappa0,
    double InitialShift,
    double KappaStar,
    long KeptModes,
    double RidgeShift,
    double RunningRidge,
    double LearnabilityAtStop,
    ImmutableArray<FlowPoint> Trajectory,
    OdeStatistics? Statistics,
    StoppingRule Rule);
