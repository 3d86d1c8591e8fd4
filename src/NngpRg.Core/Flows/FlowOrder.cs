namespace NngpRg.Core.Flows;

/// <summary>The order of the ridge flow in the shell width δc (PHYSICS.md §3).</summary>
public enum FlowOrder
{
    /// <summary>Leading order: each removed mode shifts the ridge by its eigenvalue, dσ²/dκ = −λ_κ.</summary>
    Leading,
    /// <summary>Next order, O(δc²): the quartic replica term from Var(φ²) = 2 (PHYSICS.md §3, "Beyond leading order").</summary>
    Next,
}
