namespace NngpRg.Core.Flows;

/// <summary>How a ridge flow removes modes (docs/theory.md §3).</summary>
public enum FlowMethod
{
    /// <summary>Discrete shells, one mode at a time from the top index down: σ² ← σ² + step(λ_k, σ²). Exact sums.</summary>
    DiscreteModes,
    /// <summary>Discrete shells, a degenerate level as one block: σ² ← σ² + N·step(λ_ℓ, σ²) (dσ²/dℓ = −N(d,ℓ) λ_ℓ).</summary>
    DiscreteLevels,
    /// <summary>The continuum ODE in the mode index, dσ²/dκ = −step(λ(κ), σ²), integrated by Dormand–Prince.</summary>
    ContinuumModeIndex,
    /// <summary>The continuum ODE in RG time t = ln(κ₀/κ), dσ²/dt = κ·step(λ(κ), σ²), integrated by Dormand–Prince.</summary>
    ContinuumRgTime,
}

/// <summary>Settings of <see cref="GaussianFlow.Run"/>.</summary>
public sealed record FlowOptions
{
    /// <summary>Discrete or continuum, and in which variable (default <see cref="FlowMethod.DiscreteModes"/>).</summary>
    public FlowMethod Method { get; init; } = FlowMethod.DiscreteModes;

    /// <summary>Number of log-spaced trajectory samples between κ* and κ₀ (default 100, at least 2).</summary>
    public int TrajectoryPoints { get; init; } = 100;

    /// <summary>
    /// λ(κ) for the continuum methods; null interpolates the spectrum's cumulative tail
    /// (<see cref="ContinuousSpectrum.FromSpectrum"/>). Pass <see cref="ContinuousSpectrum.FromPowerLaw"/> for the exact
    /// power-law continuum.
    /// </summary>
    public ContinuousSpectrum? Continuum { get; init; }

    /// <summary>Integrator settings for the continuum methods; null uses relative tolerance 1e-11 and an absolute
    /// tolerance 1e-14 × (σ² + trace).</summary>
    public OdeOptions? Ode { get; init; }

    /// <summary>The defaults.</summary>
    public static FlowOptions Default { get; } = new();
}
