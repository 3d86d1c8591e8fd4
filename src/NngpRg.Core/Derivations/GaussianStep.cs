using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// One Wilsonian step with Gaussian features (docs/theory.md §2 and §3): the per-replica Gaussian integral over
/// the removed GP part, the M → 0 limit of its prefactor, the thin-shell average at first order in δ_c, and the
/// universal ridge flow dσ²/dκ = −λ_κ with σ_c²(κ) = σ² + Σ_{k>κ} λ_k.
/// </summary>
public static class GaussianStep
{
    /// <summary>The command-line name.</summary>
    public const string Name = "gaussian-step";

    /// <summary>Label of the ridge shift per shell (a multiple of δ_c).</summary>
    public const string RidgeShift = "ridge shift per shell";
    /// <summary>Label of the renormalized ridge σ_c²(κ) as an indexed sum.</summary>
    public const string RenormalizedRidgeLabel = "sigma_c^2(kappa)";
    /// <summary>Label of the single-replica Gaussian expectation.</summary>
    public const string SingleReplica = "single-replica expectation";

    /// <summary>Derives the universal ridge flow, step by step.</summary>
    public static Derivation Derive()
    {
        Symbol ua = Misfit(A), ga = Removed(A), phi = Phi(Q);
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();

        // 1. one replica: E_g[exp(−(u_a + g_a)²/(2σ²))], g_a ~ N(0, v)
        var exponent = -Ex.Pow(ua + ga, 2) / (2 * Sigma2);
        var single = GaussianIntegral.ExpectationFactor(exponent, [ga], new Expr[,] { { V } });
        steps.Add(new("Gaussian integral over the removed GP modes, one replica",
            @"Split each replica into kept and removed modes, $f^a = f^a_< + g_a$, with the kept misfit $u_a = f^a_< - y$. To first order in the cumulant expansion the removed part at one point is Gaussian under its prior, $g_a \sim \mathcal{N}(0, v)$ with $v = \sum_{k>\kappa}\lambda_k\phi_k^2$, independently per replica. Completing the square, $\mathbb{E}[e^{bg - Bg^2/2 + c}] = (1 + vB)^{-1/2}\, e^{b^2 v/(2(1+vB)) + c}$",
            Expectation(ga, Ex.Exp(exponent)), single.ToExpr(), [Assumption.UnlearnableRemovedModes, Assumption.FeatureStatistics]));

        // 2. the product over M replicas
        var replicated = GaussianIntegral.ReplicatedExpectation(exponent, [ga], new Expr[,] { { V } }, A, M);
        steps.Add(new("Product over the replicas",
            @"The replicas are independent and identical, so the prefactor is raised to the power $M/2$ and the exponents add up",
            Expectation(ga, Ex.Exp(IndexedSum.Of(exponent, A, 1, M))), replicated, [Assumption.UnlearnableRemovedModes, Assumption.FeatureStatistics]));

        // 3. M → 0: the prefactor tends to 1
        var prefactor = single.Prefactor(M / 2);
        var limit = Series.Limit(prefactor, M);
        Engine.Require(limit.Equals(Number.One), "the replica prefactor tends to 1 as M -> 0");
        steps.Add(new("Replica limit of the prefactor",
            @"As $M \to 0$ (the constant term of the power series in $M$) the prefactor tends to one",
            prefactor, limit, [Assumption.ReplicaLimit], "→"));

        // 4. the ridge seen by the kept modes: exponent = −u_a²/(2σ_eff²)
        var effectiveRidge = Engine.Normalize(-Ex.Pow(ua, 2) / (2 * single.Exponent));
        Engine.Require(!Structure.DependsOn(effectiveRidge, ua), "the exponent is -u_a^2/(2 sigma_eff^2)");
        steps.Add(new("Ridge after the Gaussian integral",
            @"The exponent is $-u_a^2/(2\sigma^2_{\mathrm{eff}})$; reading off the effective ridge, the removed modes add their local variance to the ridge",
            single.Exponent, effectiveRidge, [Assumption.ReplicaLimit], "⇒"));

        // 5. thin shell: v = δ_c φ_q², averaged over a Gaussian feature at first order in δ_c
        var shell = ThinShell.Average(1, phi, 1);
        steps.Add(new("Thin-shell average over a Gaussian feature",
            @"For one thin shell, a single removed mode $q$ with $\delta_c = \lambda_q$, the local variance is $v = \delta_c\phi_q^2$. The power series in $\delta_c$ to first order is averaged over a Gaussian feature with unit variance, $\mathbb{E}\,\phi_q^n$ by Wick contraction",
            Expectation(phi, shell.Integrand), shell.Averaged, [Assumption.FeatureStatistics, Assumption.ThinShell], "≈"));

        // 6. identification with a shifted ridge: the series agree coefficient by coefficient
        var m2 = Wick.Expectation(Ex.Pow(phi, 2), phi, 1);
        var shiftedSeries = Series.Expand(ThinShell.Weight(Sigma2 + DeltaC * m2), [DeltaC], 1);
        Engine.Require(shiftedSeries.Equals(shell.Series), "the shell average equals exp(-U/(2(sigma^2 + delta_c m2))) to first order");
        steps.Add(new("Identification with a shifted ridge",
            @"The averaged series agrees coefficient by coefficient to $O(\delta_c)$ with the weight $e^{-U/(2(\sigma^2 + \delta_c\mathbb{E}\phi_q^2))}$ of a shifted ridge, $\mathbb{E}\,\phi_q^2 = 1$",
            shell.Averaged, ThinShell.Weight(Sigma2 + DeltaC * m2), [Assumption.FeatureStatistics, Assumption.ThinShell], "≈"));
        var shift = shell.Shift;
        steps.Add(new("Ridge shift per shell",
            @"The shift is $\delta_c$ times the first-order coefficient divided by the derivative of the zeroth order with respect to $\sigma^2$",
            Sigma2, Sigma2 + shift, [Assumption.ThinShell], "→"));

        // 7. one shell per removed mode κ: σ²_{κ−1} = σ²_κ + shift(δ_c = λ_κ)
        var difference = RidgeAt(Kappa) - RidgeAt(Kappa - 1);
        var flow = Engine.Expand(Engine.Replace(difference, RidgeAt(Kappa - 1), RidgeAt(Kappa) + Engine.Substitute(shift, DeltaC, LambdaKappa)));
        steps.Add(new("Flow equation",
            @"Removing the mode $\kappa$ lowers the cutoff by one, $\sigma^2_{\kappa-1} = \sigma^2_\kappa + \text{shift}(\delta_c = \lambda_\kappa)$, so $d\sigma^2/d\kappa = \sigma^2_\kappa - \sigma^2_{\kappa-1}$",
            difference, flow, [Assumption.UnlearnableRemovedModes, Assumption.ThinShell, Assumption.ReplicaLimit], "⇒"));

        // 8. all shells above κ
        var tail = Sigma2 + IndexedSum.Of(Engine.Substitute(shift, DeltaC, Lambda(K)), K, Kappa + 1, Ex.Infinity);
        steps.Add(new("Renormalized ridge",
            @"Summing the shifts of the shells $k = \kappa+1, \dots, \infty$ gives the renormalized ridge",
            RenormalizedRidge, tail, [Assumption.UnlearnableRemovedModes, Assumption.ThinShell, Assumption.ReplicaLimit]));

        return new Derivation(Name, "Gaussian Wilsonian step: the universal ridge flow",
            @"Integrating out the removed Gaussian-process modes is one Gaussian integral per replica; in the replica limit only the ridge changes, $\sigma^2 \to \sigma^2 + v$. A thin shell of Gaussian features, averaged at first order in its width, shifts the ridge by $\delta_c = \lambda_q$, so $d\sigma^2/d\kappa = -\lambda_\kappa$ and $\sigma_c^2 = \sigma^2 + \sum_{k>\kappa}\lambda_k$ (docs/theory.md, eqs. (2.2)--(2.4) and (3.1)--(3.2)).",
            steps.ToImmutable(), "d sigma^2/d kappa", flow)
        {
            Introduction = @"The Wilsonian step of Howard, Jefferson, Maiti and Ringel integrates out the modes above a cutoff $\kappa$ of the replicated theory of docs/theory.md §1. When the removed modes are unlearnable (A1) their posterior is their prior, and at each data point their contribution is a Gaussian variable of variance $v(x) = \sum_{k>\kappa}\lambda_k\phi_k(x)^2$. This appendix carries out that Gaussian integral in every replica, takes the replica limit, and averages a thin shell over a Gaussian feature at first order in its width (docs/theory.md §2--3). The result, eq.~\eqref{eq:gaussian-step:result}, is the universal ridge flow: each removed mode adds its eigenvalue to the ridge, whatever $\eta$, the target or the eigenfunctions. Its corrections at second order are the subject of the derivation \texttt{next-order}.",
            ResultLatex = @"\frac{d\sigma^2}{d\kappa}",
            Quantities = [new(RidgeShift, shift, @"The ridge shift of one shell"), new(RenormalizedRidgeLabel, tail, @"The renormalized ridge $\sigma_c^2(\kappa)$"), new(SingleReplica, single.ToExpr(), @"The Gaussian expectation of one replica")],
        };
    }
}
