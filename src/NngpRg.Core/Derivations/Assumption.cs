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
    /// <summary>F1: one hidden layer of N i.i.d. units with Gaussian weights and biases (docs/theory.md §9.1), the readout and output bias independent of them.</summary>
    IndependentUnits,
    /// <summary>F2: the effective action S = ½∫∫ f K⁻¹ f + ∫ (λ f⁴ + κ f⁶) with local couplings, matched at tree level (leading order in the couplings).</summary>
    TreeLevelMatching,
    /// <summary>F3: the vertex integrals run over the position box [−Λ, Λ]^d (or, where stated, the propagators are cut at |p| &lt; Λ).</summary>
    VertexCutoff,
    /// <summary>F4: the ReLU-net with σ_b = 0 in d = 1 at positive inputs, where f(x) = x Z with one random scalar Z.</summary>
    ScaleCovariantRelu,
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
        Assumption.IndependentUnits => "F1",
        Assumption.TreeLevelMatching => "F2",
        Assumption.VertexCutoff => "F3",
        Assumption.ScaleCovariantRelu => "F4",
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
        Assumption.IndependentUnits => @"One hidden layer of $N$ independent, identically distributed units, $W^0 \sim \mathcal{N}(0, \sigma_W^2/d)$, $b^0 \sim \mathcal{N}(0, \sigma_b^2)$, with the readout $W^1 \sim \mathcal{N}(0, \sigma_W^2/N)$ and the output bias $b^1 \sim \mathcal{N}(0, \sigma_b^2)$ independent of them.",
        Assumption.TreeLevelMatching => @"The effective action $S = \tfrac{1}{2}\iint f K^{-1} f + \int (\lambda f^4 + \kappa f^6)$ with local couplings, matched to the network's connected correlators at tree level (leading order in the couplings).",
        Assumption.VertexCutoff => @"The vertex integrals run over the position box $[-\Lambda, \Lambda]^d$ with the propagator $K_{\mathrm{EFT}} = K - \sigma_b^2$ (or, where stated, the propagators are cut at $|p| < \Lambda$).",
        Assumption.ScaleCovariantRelu => @"The ReLU-net with $\sigma_b = 0$ in $d = 1$ at positive inputs, where $f(x) = x Z$ with one random scalar $Z$.",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "unknown assumption"),
    };

    /// <summary>The statement as plain text.</summary>
    public static string DescribeText(Assumption a) => LatexProse.ToText(Describe(a));
}
