using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// One Wilsonian step with Gaussian features (PHYSICS.md §2 step 1 and §3): the per-replica Gaussian integral over
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
            "g_a ~ N(0, v), v = sum_{k>kappa} lambda_k phi_k^2 (first cumulant order); complete the square: E[exp(b g - B g^2/2 + c)] = det(1 + v B)^(-1/2) exp(b^2 v/(2(1 + v B)) + c)",
            Expectation(ga, Ex.Exp(exponent)), single.ToExpr(), [Assumption.UnlearnableRemovedModes, Assumption.FeatureStatistics]));

        // 2. the product over M replicas
        var replicated = GaussianIntegral.ReplicatedExpectation(exponent, [ga], new Expr[,] { { V } }, A, M);
        steps.Add(new("Product over the replicas",
            "independent identical replicas: the prefactor is raised to the power M/2 and the exponents add up",
            Expectation(ga, Ex.Exp(IndexedSum.Of(exponent, A, 1, M))), replicated, [Assumption.UnlearnableRemovedModes, Assumption.FeatureStatistics]));

        // 3. M → 0: the prefactor tends to 1
        var prefactor = single.Prefactor(M / 2);
        var limit = Series.Limit(prefactor, M);
        Engine.Require(limit.Equals(Number.One), "the replica prefactor tends to 1 as M -> 0");
        steps.Add(new("Replica limit of the prefactor",
            "limit M -> 0 through the power series in M (constant term)",
            prefactor, limit, [Assumption.ReplicaLimit], "→"));

        // 4. the ridge seen by the kept modes: exponent = −u_a²/(2σ_eff²)
        var effectiveRidge = Engine.Normalize(-Ex.Pow(ua, 2) / (2 * single.Exponent));
        Engine.Require(!Structure.DependsOn(effectiveRidge, ua), "the exponent is -u_a^2/(2 sigma_eff^2)");
        steps.Add(new("Ridge after the Gaussian integral",
            "read sigma_eff^2 off the exponent -u_a^2/(2 sigma_eff^2)",
            single.Exponent, effectiveRidge, [Assumption.ReplicaLimit], "⇒"));

        // 5. thin shell: v = δ_c φ_q², averaged over a Gaussian feature at first order in δ_c
        var shell = ThinShell.Average(1, phi, 1);
        steps.Add(new("Thin-shell average over a Gaussian feature",
            "v = delta_c phi_q^2 with delta_c = lambda_q; power series in delta_c to first order; E[phi_q^n] by Wick contraction with unit variance",
            Expectation(phi, shell.Integrand), shell.Averaged, [Assumption.FeatureStatistics, Assumption.ThinShell], "≈"));

        // 6. identification with a shifted ridge: the series agree coefficient by coefficient
        var m2 = Wick.Expectation(Ex.Pow(phi, 2), phi, 1);
        var shiftedSeries = Series.Expand(ThinShell.Weight(Sigma2 + DeltaC * m2), [DeltaC], 1);
        Engine.Require(shiftedSeries.Equals(shell.Series), "the shell average equals exp(-U/(2(sigma^2 + delta_c m2))) to first order");
        steps.Add(new("Identification with a shifted ridge",
            "compare power-series coefficients in delta_c with exp(-U/(2(sigma^2 + delta_c E[phi_q^2]))), E[phi_q^2] = 1 by Wick; all coefficients to O(delta_c) agree",
            shell.Averaged, ThinShell.Weight(Sigma2 + DeltaC * m2), [Assumption.FeatureStatistics, Assumption.ThinShell], "≈"));
        var shift = shell.Shift;
        steps.Add(new("Ridge shift per shell",
            "shift = delta_c [coefficient of delta_c] / (d/d sigma^2 of the zeroth order)",
            Sigma2, Sigma2 + shift, [Assumption.ThinShell], "→"));

        // 7. one shell per removed mode κ: σ²_{κ−1} = σ²_κ + shift(δ_c = λ_κ)
        var difference = RidgeAt(Kappa) - RidgeAt(Kappa - 1);
        var flow = Engine.Expand(Engine.Replace(difference, RidgeAt(Kappa - 1), RidgeAt(Kappa) + Engine.Substitute(shift, DeltaC, LambdaKappa)));
        steps.Add(new("Flow equation",
            "removing mode kappa lowers the cutoff by one: sigma^2_{kappa-1} = sigma^2_kappa + shift(delta_c = lambda_kappa), so d sigma^2/d kappa = sigma^2_kappa - sigma^2_{kappa-1}",
            difference, flow, [Assumption.UnlearnableRemovedModes, Assumption.ThinShell, Assumption.ReplicaLimit], "⇒"));

        // 8. all shells above κ
        var tail = Sigma2 + IndexedSum.Of(Engine.Substitute(shift, DeltaC, Lambda(K)), K, Kappa + 1, Ex.Infinity);
        steps.Add(new("Renormalized ridge",
            "sum the shifts of the shells k = kappa+1, ..., infinity",
            RenormalizedRidge, tail, [Assumption.UnlearnableRemovedModes, Assumption.ThinShell, Assumption.ReplicaLimit]));

        return new Derivation(Name, "Gaussian Wilsonian step: the universal ridge flow",
            "Integrating out the removed GP modes is one Gaussian integral per replica; in the replica limit only the ridge changes, sigma^2 -> sigma^2 + v. A thin shell of Gaussian features, averaged at first order in its width, shifts the ridge by delta_c = lambda_q, so d sigma^2/d kappa = -lambda_kappa and sigma_c^2 = sigma^2 + sum_{k>kappa} lambda_k (PHYSICS.md sections 2-3).",
            steps.ToImmutable(), "d sigma^2/d kappa", flow)
        {
            Quantities = [new(RidgeShift, shift), new(RenormalizedRidgeLabel, tail), new(SingleReplica, single.ToExpr())],
        };
    }
}
