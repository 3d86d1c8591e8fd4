using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// Target power in a removed mode (PHYSICS.md §3): averaging the replica weight with u_a − y_q φ_q over a Gaussian
/// feature φ_q gives, at order y_q², the cross-replica term (y_q²/(2σ⁴))(Σ_a u_a)² (quenched label noise of variance
/// y_q²) and leaves the coefficient of Σ_a u_a² unchanged: no ridge shift.
/// </summary>
/// <remarks>
/// The replicas are written out explicitly for M = 3 (u_1, u_2, u_3) and the computation is repeated for M = 2: the
/// decomposition α Σ_a u_a² + β (Σ_a u_a)² + (u-free part) has the same α and β for both counts, and the u-free part
/// is proportional to M (so it vanishes as M → 0). The general-M result is then written with an indexed sum.
/// </remarks>
public static class TargetPower
{
    /// <summary>The command-line name.</summary>
    public const string Name = "target-power";

    /// <summary>Label of the coefficient α of Σ_a u_a² at order y_q².</summary>
    public const string Alpha = "alpha (coefficient of sum_a u_a^2)";
    /// <summary>Label of the coefficient β of (Σ_a u_a)².</summary>
    public const string Beta = "beta (coefficient of (sum_a u_a)^2)";
    /// <summary>Label of the label-noise variance 2σ⁴β.</summary>
    public const string NoiseVariance = "quenched label-noise variance";

    /// <summary>The replica log-weight log E_φ[exp(−Σ_a (u_a − y_q φ_q)²/(2σ²))] to order y_q² for M explicit replicas.</summary>
    internal sealed record Replicas(Expr Integrand, Expr Averaged, Expr LinearTerm, Expr LogWeight, Expr Alpha, Expr Beta, Expr Free, Expr Residual);

    internal static Replicas Compute(int m)
    {
        Symbol yq = Y(Q), phi = Phi(Q);
        var us = Enumerable.Range(1, m).Select(a => Misfit(a)).ToArray();
        var exponent = Sum.Of(us.Select(u => -Ex.Pow(u - yq * phi, 2) / (2 * Sigma2)));
        var integrand = Ex.Exp(exponent);
        var raw = Series.Expand(integrand, [yq], 2);
        var linearTerm = Wick.Expectation(raw.Coefficient(1), phi, 1);
        var averagedSeries = Series.Of([yq], 2, Enumerable.Range(0, 3).Select(n =>
            new KeyValuePair<Monomial, Expr>(Monomial.Of(n), Wick.Expectation(raw.Coefficient(n), phi, 1))));
        var log = Series.Log(averagedSeries);
        var logWeight = Engine.Expand(log.ToExpr());
        // α Σ u_a² + β (Σ u_a)²: the u_1u_2 coefficient is 2β, the u_1² coefficient is α + β
        var cross = Engine.Coefficient(Engine.Coefficient(logWeight, us[0], 1), us[1], 1);
        var beta = Engine.Expand(cross / 2);
        var alpha = Engine.Expand(Engine.Coefficient(logWeight, us[0], 2) - beta);
        var free = us.Aggregate(logWeight, (e, u) => Engine.Substitute(e, u, 0));
        var rebuilt = alpha * Sum.Of(us.Select(u => Ex.Pow(u, 2))) + beta * Ex.Pow(Sum.Of(us), 2) + free;
        var residual = Engine.Expand(logWeight - rebuilt);
        return new Replicas(integrand, averagedSeries.ToExpr(), linearTerm, logWeight, alpha, beta, free, residual);
    }

    /// <summary>Derives the cross-replica term of target power in a removed mode, step by step.</summary>
    public static Derivation Derive()
    {
        Symbol yq = Y(Q), phi = Phi(Q);
        var three = Compute(3);
        var two = Compute(2);
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();
        ImmutableArray<Assumption> gaussian = [Assumption.FeatureStatistics];

        steps.Add(new("Target power in the removed mode, M = 3 replicas written out",
            "u_a -> u_a - y_q phi_q; power series in y_q to second order; E[phi_q^n] by Wick contraction (phi_q ~ N(0,1), independent of the kept modes)",
            Expectation(phi, three.Integrand), three.Averaged, gaussian, "≈"));
        var raw = Series.Expand(three.Integrand, [yq], 1).Coefficient(1);
        steps.Add(new("The linear term vanishes",
            "odd Gaussian moment: E[phi_q] = 0 by Wick contraction",
            Expectation(phi, raw * yq), three.LinearTerm * yq, gaussian));
        steps.Add(new("Replica log-weight",
            "logarithm of the averaged power series in y_q (cumulant expansion)",
            Ex.Log(Expectation(phi, three.Integrand)), three.LogWeight, gaussian, "≈"));
        Engine.Require(three.Residual is Number { Value.IsZero: true } && two.Residual is Number { Value.IsZero: true },
            "the log-weight is alpha sum u^2 + beta (sum u)^2 + constant");
        Engine.Require(three.Alpha.Equals(two.Alpha) && three.Beta.Equals(two.Beta), "alpha and beta do not depend on the replica count");
        var perReplicaFree = Engine.Expand(three.Free / 3);
        Engine.Require(perReplicaFree.Equals(Engine.Expand(two.Free / 2)), "the u-free part is proportional to M");
        var sumU = IndexedSum.Of(Misfit(A), A, 1, M);
        var sumU2 = IndexedSum.Of(Ex.Pow(Misfit(A), 2), A, 1, M);
        var general = three.Alpha * sumU2 + three.Beta * Ex.Pow(sumU, 2) + M * perReplicaFree;
        steps.Add(new("Decomposition into replica-diagonal and cross-replica parts",
            "alpha = [u_1^2] - [u_1 u_2]/2, beta = [u_1 u_2]/2, constant = value at u = 0; the same alpha, beta and constant/M for M = 2 and M = 3; the rest vanishes identically",
            three.LogWeight, general, gaussian));
        var noRidgeShift = Engine.Expand(three.Alpha - Engine.Coefficient(Engine.Substitute(three.LogWeight, yq, 0), Misfit(1), 2));
        Engine.Require(noRidgeShift is Number { Value.IsZero: true }, "the coefficient of sum_a u_a^2 is that of y_q = 0");
        steps.Add(new("No ridge shift",
            "the coefficient of sum_a u_a^2 is -1/(2 sigma^2), the same as without target power: the ridge is unchanged at order y_q^2",
            three.Alpha, Engine.Coefficient(Engine.Substitute(three.LogWeight, yq, 0), Misfit(1), 2), gaussian));
        var limit = Series.Limit(M * perReplicaFree, M);
        steps.Add(new("Replica limit of the constant",
            "the u-free part is proportional to M",
            M * perReplicaFree, limit, [Assumption.ReplicaLimit], "→"));
        var crossTerm = three.Beta * Ex.Pow(sumU, 2);
        var noise = Engine.Expand(2 * Ex.Pow(Sigma2, 2) * three.Beta);
        // label noise e ~ N(0, s²) on every replica alike: the exact Gaussian integral, expanded in y_q with s² = 2σ⁴β
        var e = Ex.Sym("e");
        var us = Enumerable.Range(1, 3).Select(a => Misfit(a)).ToArray();
        var noisy = GaussianIntegral.ExpectationFactor(Sum.Of(us.Select(u => -Ex.Pow(u + e, 2) / (2 * Sigma2))), [e], new Expr[,] { { noise } });
        var noisyExponent = Series.Expand(noisy.Exponent, [yq], 2).ToExpr();
        var noisyBeta = Engine.Expand(Engine.Coefficient(Engine.Coefficient(noisyExponent, us[0], 1), us[1], 1) / 2);
        Engine.Require(noisyBeta.Equals(three.Beta), "label noise of variance 2 sigma^4 beta reproduces beta");
        steps.Add(new("Quenched label noise",
            "label noise e ~ N(0, s^2) shared by the replicas: exact Gaussian integral of exp(-sum_a (u_a + e)^2/(2 sigma^2)) over e, expanded to order y_q^2; its (sum_a u_a)^2 coefficient equals beta for s^2 = 2 sigma^4 beta",
            crossTerm, noise, [Assumption.ReplicaLimit], "⇒"));

        return new Derivation(Name, "Target power in a removed mode: quenched label noise, not a ridge shift",
            "When the target has power y_q in a removed Gaussian mode, the replicated weight contains u_a - y_q phi_q. Averaging over phi_q to order y_q^2, the linear term vanishes and the quadratic one is a cross-replica term (y_q^2/(2 sigma^4)) (sum_a u_a)^2: quenched label noise of variance y_q^2. The coefficient of sum_a u_a^2, i.e. the ridge, is unchanged (PHYSICS.md section 3). Replicas are written out for M = 3 and checked against M = 2.",
            steps.ToImmutable(), "cross-replica term", crossTerm)
        {
            Quantities = [new(Alpha, three.Alpha), new(Beta, three.Beta), new(NoiseVariance, noise)],
        };
    }
}
