namespace NngpRg.Core.Flows;

/// <summary>The order of the Wilsonian step in the removed modes' eigenvalues (docs/theory.md §3, §8).</summary>
public enum FlowOrder
{
    /// <summary>Leading order: each removed mode shifts the ridge by its eigenvalue, dσ²/dκ = −λ_κ.</summary>
    Leading,
    /// <summary>
    /// O(λ²): dσ²/dκ = −λ_κ + (η + χ)λ_κ²/κ_eff, the removed target power partially learned and the variance
    /// amplification that builds E₀ (derivation <c>next-order</c>, docs/theory.md §8).
    /// </summary>
    Next,
}
