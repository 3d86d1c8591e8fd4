namespace NngpRg.Core.Flows;

/// <summary>
/// The right-hand side of a ridge flow, as delegates: the seam through which flow equations derived symbolically
/// (and compiled to delegates) drive the numeric flows. Both delegates take (λ, σ²) — the eigenvalue of the shell
/// being removed and the running ridge before its removal — and return the ridge increment per removed mode:
/// a discrete shell step is σ² ← σ² + Leading(λ, σ²) [+ NextOrder(λ, σ²)], and the continuum flow in the mode
/// index is dσ²/dκ = −Leading(λ(κ), σ²) [− NextOrder(λ(κ), σ²)] (PHYSICS.md §3).
/// </summary>
/// <param name="Leading">The leading-order increment; for Gaussian features it is λ (see <see cref="FlowEquations.Gaussian"/>).</param>
/// <param name="NextOrder">An optional correction beyond leading order (e.g. O(λ²/σ²) from Var φ² = 2); null when absent.
/// When given, flows track a second ridge σ²_next driven by Leading + NextOrder beside the leading one.</param>
public sealed record FlowRhs(Func<double, double, double> Leading, Func<double, double, double>? NextOrder = null)
{
    /// <summary>The increment Leading(λ, σ²) + NextOrder(λ, σ²) (just Leading when there is no next order).</summary>
    public double Full(double lambda, double sigma2) =>
        NextOrder is null ? Leading(lambda, sigma2) : Leading(lambda, sigma2) + NextOrder(lambda, sigma2);
}
