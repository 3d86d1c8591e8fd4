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

    /// <summary>
    /// The one place callers get the flow right-hand side for an order: <see cref="FlowOrder.Leading"/> gives
    /// <see cref="Gaussian"/>; <see cref="FlowOrder.Next"/> gives <see cref="Gaussian"/> plus the next-order term
    /// <see cref="NextOrderTerm"/> derived by the derivation engine (PHYSICS.md §3, "Beyond leading order").
    /// </summary>
    /// <exception cref="FlowEquationUnavailableException">Next order was asked for and no next-order term is registered.</exception>
    public static FlowRhs For(FlowOrder order) => order switch
    {
        FlowOrder.Leading => Gaussian,
        FlowOrder.Next => NextOrderTerm is { } term
            ? Gaussian with { NextOrder = term }
            : throw new FlowEquationUnavailableException(
                "the next-order flow needs the derivation engine: no next-order flow equation (the O(δc²) term from Var(φ²) = 2, PHYSICS.md §3) is registered in FlowEquations; use the leading order."),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "FlowEquations.For: unknown flow order."),
    };

    /// <summary>
    /// The next-order increment per removed mode, (λ, σ²) ↦ Δσ², as compiled from the symbolically derived flow equation;
    /// null while the derivation engine does not supply one (a next-order formula is never typed in here).
    /// </summary>
    public static Func<double, double, double>? NextOrderTerm => null;
}
