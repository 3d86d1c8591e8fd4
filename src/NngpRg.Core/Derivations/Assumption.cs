namespace NngpRg.Core.Derivations;

/// <summary>The assumptions under which a Wilsonian step holds (docs/theory.md §2, §8).</summary>
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
    /// <summary>A5: Gaussian-equivalent data measure: the replica misfits are jointly Gaussian under μ with covariance Q_ab (the premise of the self-consistent theory).</summary>
    GaussianEquivalence,
    /// <summary>A6: replica-symmetric overlaps Q_ab = ν δ_ab + ρ of the kept modes, evaluated at their saddle point.</summary>
    ReplicaSymmetricSaddle,
}

/// <summary>Labels and descriptions of the assumptions.</summary>
public static class Assumptions
{
    /// <summary>The short label A1 … A6.</summary>
    public static string Label(Assumption a) => a switch
    {
        Assumption.UnlearnableRemovedModes => "A1",
        Assumption.FeatureStatistics => "A2",
        Assumption.ThinShell => "A3",
        Assumption.ReplicaLimit => "A4",
        Assumption.GaussianEquivalence => "A5",
        Assumption.ReplicaSymmetricSaddle => "A6",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "unknown assumption"),
    };

    /// <summary>A one-sentence statement as LaTeX prose (inline math in $…$).</summary>
    public static string Describe(Assumption a) => a switch
    {
        Assumption.UnlearnableRemovedModes => @"The removed modes are unlearnable, $\eta\lambda_k \ll \sigma^2$: their posterior is their prior.",
        Assumption.FeatureStatistics => @"The removed features have the stated statistics (Gaussian, or given by their cumulants) and are independent of the kept ones.",
        Assumption.ThinShell => @"One thin shell is removed, of width $\delta_c = \lambda_q$; results hold to the stated order in the shell.",
        Assumption.ReplicaLimit => @"The replica limit $M \to 0$.",
        Assumption.GaussianEquivalence => @"Gaussian-equivalent data measure: under $\mu$ the replica misfits are jointly Gaussian with the overlaps $Q_{ab}$ as covariance (the premise of the self-consistent theory).",
        Assumption.ReplicaSymmetricSaddle => @"Replica-symmetric overlaps $Q_{ab} = \nu\,\delta_{ab} + \rho$ of the kept modes, evaluated at their saddle point.",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "unknown assumption"),
    };

    /// <summary>The statement as plain text.</summary>
    public static string DescribeText(Assumption a) => LatexProse.ToText(Describe(a));
}
