namespace NngpRg.Core.Derivations;

/// <summary>The assumptions under which a Wilsonian step holds (PHYSICS.md §2).</summary>
public enum Assumption
{
    /// <summary>A1: the removed modes are unlearnable (ηλ_k ≪ σ²), so their posterior is their prior.</summary>
    UnlearnableRemovedModes,
    /// <summary>A2: the statistics of the removed features (Gaussian, or given by cumulants).</summary>
    FeatureStatistics,
    /// <summary>A3: one thin shell, δc = λ_q small; results hold to the stated order in δc.</summary>
    ThinShell,
    /// <summary>A4: the replica limit M → 0.</summary>
    ReplicaLimit,
}

/// <summary>Labels and descriptions of the assumptions.</summary>
public static class Assumptions
{
    /// <summary>The short label A1 … A4.</summary>
    public static string Label(Assumption a) => a switch
    {
        Assumption.UnlearnableRemovedModes => "A1",
        Assumption.FeatureStatistics => "A2",
        Assumption.ThinShell => "A3",
        Assumption.ReplicaLimit => "A4",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "unknown assumption"),
    };

    /// <summary>A one-line statement.</summary>
    public static string Describe(Assumption a) => a switch
    {
        Assumption.UnlearnableRemovedModes => "removed modes are unlearnable (eta lambda_k << sigma^2): their posterior is their prior",
        Assumption.FeatureStatistics => "statistics of the removed features as stated (Gaussian, or given by their cumulants)",
        Assumption.ThinShell => "one thin shell of width delta c = lambda_q, to the stated order in delta c",
        Assumption.ReplicaLimit => "replica limit M -> 0",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "unknown assumption"),
    };
}
