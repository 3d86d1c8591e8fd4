namespace NngpRg.Core.Flows;

/// <summary>
/// Hand-written flow right-hand sides, the defaults for <see cref="GaussianFlow"/>. Flow equations obtained from the
/// derivation engine replace these by building a <see cref="FlowRhs"/> from compiled delegates with the same
/// signature (λ, σ²) ↦ increment per removed mode; nothing else in the flow code changes.
/// </summary>
public static class FlowEquations
{
    /// <summary>
    /// Gaussian features at leading order (PHYSICS.md §3): each removed mode shifts the ridge by its eigenvalue,
    /// σ² ← σ² + λ_k, i.e. dσ²/dκ = −λ_κ. No next-order term.
    /// </summary>
    public static FlowRhs Gaussian { get; } = new((lambda, _) => lambda);
}
