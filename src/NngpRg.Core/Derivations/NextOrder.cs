using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The O(δ_c²) thin-shell average for Gaussian features (PHYSICS.md §3, "beyond leading order"): the log of the
/// shell average at second order contains the quartic replica term δ_c² U² Var(φ²)/(8σ⁸) = δ_c² U²/(4σ⁸) and a
/// second-order ridge correction, so per shell σ² → σ² + δ_c − 2δ_c²/σ², i.e. dσ²/dκ = −λ_κ + 2λ_κ²/σ², and the
/// quartic coupling g₄ (coefficient of U² in the replica log-weight) flows as dg₄/dκ = −λ_κ²/(4σ⁸).
/// </summary>
public static class NextOrder
{
    /// <summary>The command-line name.</summary>
    public const string Name = "next-order";

    /// <summary>Label of the δ_c² coefficient of the log shell average.</summary>
    public const string SecondOrderCoefficient = "delta_c^2 coefficient of log E";
    /// <summary>Label of the quartic replica term δ_c² g U².</summary>
    public const string QuarticTerm = "quartic replica term";
    /// <summary>Label of the second-order ridge-shift coefficient s₂ (shift = δ_c + s₂ δ_c²).</summary>
    public const string RidgeCorrection = "s_2 (shift = delta_c + s_2 delta_c^2)";
    /// <summary>Label of dg₄/dκ.</summary>
    public const string QuarticFlow = "d g_4/d kappa";

    /// <summary>Derives the second-order shell average and its flow, step by step.</summary>
    public static Derivation Derive()
    {
        var phi = Phi(Q);
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();
        ImmutableArray<Assumption> shellAssumptions = [Assumption.FeatureStatistics, Assumption.ThinShell];

        // 1. the shell average to second order (E[φ²] = 1, E[φ⁴] = 3 by Wick)
        var shell = ThinShell.Average(2, phi, 1);
        steps.Add(new("Thin-shell average to second order",
            "power series in delta_c to second order; E[phi_q^2] = 1, E[phi_q^4] = 3 by Wick contraction",
            Expectation(phi, shell.Integrand), shell.Averaged, shellAssumptions, "≈"));

        // 2. its logarithm (cumulant expansion)
        var log = Series.Log(shell.Series);
        var c2 = log.Coefficient(2);
        steps.Add(new("Replica log-weight to second order",
            "logarithm of the averaged power series in delta_c",
            Ex.Log(Expectation(phi, shell.Integrand)), log.ToExpr(), shellAssumptions, "≈"));

        // 3. split the δ_c² coefficient into its U-linear and U² parts
        var linearInU = Engine.Coefficient(c2, U, 1);
        var quadraticInU = Engine.Coefficient(c2, U, 2);
        Engine.Require(Engine.Expand(c2 - linearInU * U - quadraticInU * Ex.Pow(U, 2)) is Number { Value.IsZero: true }, "the second-order coefficient is a quadratic polynomial in U without constant");
        var quartic = Engine.Expand(Ex.Pow(DeltaC, 2) * quadraticInU * Ex.Pow(U, 2));
        var variance = Engine.Expand(Wick.Expectation(Ex.Pow(phi, 4), phi, 1) - Ex.Pow(Wick.Expectation(Ex.Pow(phi, 2), phi, 1), 2));
        var fromVariance = Engine.Expand(Ex.Pow(DeltaC, 2) * Ex.Pow(U, 2) * variance / (8 * Ex.Pow(Sigma2, 4)));
        Engine.Require(quartic.Equals(fromVariance), "the U^2 term is delta_c^2 U^2 Var(phi^2)/(8 sigma^8)");
        steps.Add(new("Quartic replica interaction",
            "the U^2 part of the delta_c^2 coefficient (1/2 d^2/dU^2 at U = 0); it equals delta_c^2 U^2 Var(phi_q^2)/(8 sigma^8) with Var(phi_q^2) = E[phi^4] - E[phi^2]^2 = 2 (Wick)",
            Ex.Pow(DeltaC, 2) * c2, quartic, shellAssumptions, "⇒"));

        // 4. the U-linear part as a ridge shift δ_c + s₂ δ_c²
        var s2 = Ex.Sym("s", 2);
        var ridgeForm = Series.Expand(-U / (2 * (Sigma2 + DeltaC + s2 * Ex.Pow(DeltaC, 2))), [DeltaC], 2);
        Engine.Require(ridgeForm.Coefficient(1).Equals(Engine.Coefficient(log.Coefficient(1), U, 1) * U), "the first-order term is the ridge shift delta_c");
        var ridgeLinear = Engine.Coefficient(ridgeForm.Coefficient(2), U, 1);
        var slope = Differentiate.Of(ridgeLinear, s2);
        var offset = Engine.Substitute(ridgeLinear, s2, 0);
        var correction = Engine.Expand((linearInU - offset) / slope);
        Engine.Require(!Structure.DependsOn(slope, s2), "the matching condition is linear in s_2");
        steps.Add(new("Second-order ridge correction",
            "match the U-linear part with -U/(2(sigma^2 + delta_c + s_2 delta_c^2)) expanded to delta_c^2; the condition is linear in s_2",
            Ex.Pow(DeltaC, 2) * linearInU * U, Engine.Expand(Ex.Pow(DeltaC, 2) * Engine.Coefficient(Engine.Substitute(ridgeForm.Coefficient(2), s2, correction), U, 1) * U), shellAssumptions));
        var shift = Engine.Expand(DeltaC + correction * Ex.Pow(DeltaC, 2));
        steps.Add(new("Ridge shift per shell to second order",
            "sigma^2 -> sigma^2 + delta_c + s_2 delta_c^2",
            Sigma2, Sigma2 + shift, shellAssumptions, "→"));

        // 5. flows: one shell per removed mode, δ_c = λ_κ
        var flow = Engine.Expand(-Engine.Substitute(shift, DeltaC, LambdaKappa));
        steps.Add(new("Ridge flow to second order",
            "sigma^2_{kappa-1} = sigma^2_kappa + shift(delta_c = lambda_kappa): d sigma^2/d kappa = -shift",
            RidgeAt(Kappa) - RidgeAt(Kappa - 1), flow, [Assumption.UnlearnableRemovedModes, Assumption.ThinShell, Assumption.ReplicaLimit], "⇒"));
        var quarticFlow = Engine.Expand(-Engine.Substitute(quadraticInU * Ex.Pow(DeltaC, 2), DeltaC, LambdaKappa));
        Expr CouplingAt(Expr cutoff) => Ex.Sym("g", 4, cutoff);
        steps.Add(new("Flow of the quartic replica coupling",
            "g_4 multiplies U^2 in the replica log-weight; each removed shell adds delta_c^2 Var(phi^2)/(8 sigma^8) with delta_c = lambda_kappa",
            CouplingAt(Kappa) - CouplingAt(Kappa - 1), quarticFlow, [Assumption.UnlearnableRemovedModes, Assumption.ThinShell, Assumption.ReplicaLimit], "⇒"));

        return new Derivation(Name, "Next order in the shell width: quartic replica coupling and ridge correction",
            "The paper stops at first order in the shell width. At second order the log of the Gaussian shell average contains a quartic replica interaction delta_c^2 U^2 Var(phi^2)/(8 sigma^8) = delta_c^2 U^2/(4 sigma^8), U = sum_a u_a^2, and a correction to the ridge shift; per removed mode the ridge flows as d sigma^2/d kappa = -lambda_kappa + 2 lambda_kappa^2/sigma^2 and the quartic coupling as d g_4/d kappa = -lambda_kappa^2/(4 sigma^8) (PHYSICS.md section 3, beyond leading order).",
            steps.ToImmutable(), "d sigma^2/d kappa", flow)
        {
            Quantities = [new(SecondOrderCoefficient, c2), new(QuarticTerm, quartic), new(RidgeCorrection, correction), new(QuarticFlow, quarticFlow)],
        };
    }
}
