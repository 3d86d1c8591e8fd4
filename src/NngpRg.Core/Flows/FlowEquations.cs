using Derived = NngpRg.Core.Derivations.FlowEquations;

namespace NngpRg.Core.Flows;

/// <summary>
/// The flow right-hand sides that drive <see cref="GaussianFlow"/>, taken from the derivation engine: each is the
/// compiled delegate of a derived flow equation (see <c>NngpRg.Core.Derivations.FlowEquations</c>), turned into the
/// increment per removed mode that <see cref="FlowRhs"/> expects (increment = −dσ²/dκ).
/// </summary>
public static class FlowEquations
{
    private static readonly Lazy<FlowRhs> LeadingRhs = new(() =>
    {
        var leading = Derived.LeadingRidgeStep;
        return new FlowRhs((lambda, sigma2) => -leading(lambda, sigma2));
    });

    private static readonly Lazy<FlowRhs> NextRhs = new(() =>
    {
        var leading = Derived.LeadingRidgeStep;
        var next = Derived.NextOrderRidgeStep;
        // NextOrder is the correction beyond the leading increment: −(dσ²/dκ)_next − (−(dσ²/dκ)_leading).
        return new FlowRhs((lambda, sigma2) => -leading(lambda, sigma2), (lambda, sigma2) => leading(lambda, sigma2) - next(lambda, sigma2));
    });

    /// <summary>
    /// Gaussian features at leading order (PHYSICS.md §3): the derived dσ²/dκ = −λ_κ, i.e. each removed mode shifts
    /// the ridge by its eigenvalue. No next-order term.
    /// </summary>
    public static FlowRhs Gaussian => LeadingRhs.Value;

    /// <summary>
    /// Gaussian features with the derived O(λ²/σ²) correction of the next order (dσ²/dκ = −λ_κ + 2λ_κ²/σ²), which
    /// flows track beside the leading ridge.
    /// </summary>
    public static FlowRhs GaussianNextOrder => NextRhs.Value;

    /// <summary>The right-hand side of the given order.</summary>
    public static FlowRhs For(FlowOrder order) => order switch
    {
        FlowOrder.Leading => Gaussian,
        FlowOrder.Next => GaussianNextOrder,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "unknown flow order"),
    };
}
