using Derived = NngpRg.Core.Derivations.FlowEquations;

namespace NngpRg.Core.Flows;

/// <summary>
/// The flow right-hand side that drives <see cref="GaussianFlow"/>, taken from the derivation engine: the compiled
/// delegate of the derived flow equation (see <c>NngpRg.Core.Derivations.FlowEquations</c>), turned into the increment
/// per removed mode that <see cref="FlowRhs"/> expects (increment = −dσ²/dκ).
/// </summary>
public static class FlowEquations
{
    private static readonly Lazy<FlowRhs> LeadingRhs = new(() =>
    {
        var leading = Derived.LeadingRidgeStep;
        return new FlowRhs((lambda, sigma2) => -leading(lambda, sigma2));
    });

    /// <summary>
    /// Gaussian features at leading order (docs/theory.md §3): the derived dσ²/dκ = −λ_κ, i.e. each removed mode shifts
    /// the ridge by its eigenvalue.
    /// </summary>
    public static FlowRhs Gaussian => LeadingRhs.Value;
}
