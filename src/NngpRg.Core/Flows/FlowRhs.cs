namespace NngpRg.Core.Flows;

/// <summary>
/// The right-hand side of a ridge flow, as a delegate: the seam through which a flow equation derived symbolically
/// (and compiled to a delegate) drives the numeric flows. <see cref="Leading"/> takes (λ, σ²) — the eigenvalue of the
/// shell being removed and the running ridge before its removal — and returns the ridge increment per removed mode:
/// a discrete shell step is σ² ← σ² + Leading(λ, σ²), and the continuum flow in the mode index is
/// dσ²/dκ = −Leading(λ(κ), σ²) (docs/theory.md §3). The O(λ²) couplings of docs/theory.md §8 depend on the infrared
/// κ_eff and are summed by <see cref="Theory.NextOrderTheory"/> instead.
/// </summary>
/// <param name="Leading">The increment; for Gaussian features it is λ (see <see cref="FlowEquations.Gaussian"/>).</param>
public sealed record FlowRhs(Func<double, double, double> Leading);
