namespace NngpRg.Core.Flows;

/// <summary>
/// Where a ridge flow may stop (docs/theory.md §3, §8.5). Within a degenerate level every mode has the same λ while the
/// ridge only grows, so a level is learnable or unlearnable as a whole: every method stops at a level edge.
/// </summary>
public enum StoppingRule
{
    /// <summary>
    /// "level edge": the spectrum has degenerate levels; a level is removed whole while its learnability
    /// ηλ_ℓ/(σ²(κ_ℓ) + ηλ_ℓ) with the ridge at its upper edge κ_ℓ stays below T, and κ* is the upper edge of the first kept
    /// level — for the discrete methods and, checked at the level edges of the integrated ridge, for the continuum.
    /// </summary>
    LevelEdge,
    /// <summary>"mode edge": a non-degenerate spectrum flowed mode by mode; κ* is the integer index of the first kept mode.</summary>
    ModeEdge,
    /// <summary>"crossing": a continuum flow on a non-degenerate spectrum; κ* is the real κ where ηλ(κ)/(σ²(κ) + ηλ(κ)) = T.</summary>
    Crossing,
}

/// <summary>Names of the stopping rules.</summary>
public static class StoppingRules
{
    /// <summary>The name printed by the CLI ("level edge", "mode edge", "crossing").</summary>
    public static string Name(StoppingRule rule) => rule switch
    {
        StoppingRule.LevelEdge => "level edge",
        StoppingRule.ModeEdge => "mode edge",
        StoppingRule.Crossing => "crossing",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown stopping rule"),
    };

    /// <summary>A one-line statement of the rule.</summary>
    public static string Describe(StoppingRule rule) => rule switch
    {
        StoppingRule.LevelEdge => "degenerate levels are removed whole: the flow stops at the upper edge of the first level whose learnability with the running ridge reaches T",
        StoppingRule.ModeEdge => "modes are removed one by one: the flow stops at the first mode whose learnability with the running ridge reaches T",
        StoppingRule.Crossing => "continuum in κ: the flow stops where the learnability ηλ(κ)/(σ²(κ) + ηλ(κ)) crosses T",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown stopping rule"),
    };
}
