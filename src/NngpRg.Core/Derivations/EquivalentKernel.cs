using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The equivalent-kernel limit of PHYSICS.md §1: from the replicated data term to the per-mode posterior mean
/// ⟨f_k⟩ = λ_k y_k/(λ_k + σ²/η), variance (1/λ_k + η/σ²)⁻¹ and learnability L_k = ηλ_k/(σ² + ηλ_k).
/// </summary>
public static class EquivalentKernel
{
    /// <summary>The command-line name.</summary>
    public const string Name = "equivalent-kernel";

    /// <summary>Derives the EK posterior of one mode, step by step.</summary>
    public static Derivation Derive()
    {
        var epsilon = Ex.Sym("epsilon");
        Symbol y = Ex.Sym("y"), fa = F(A), fk = F(K), fl = F(L), yk = Y(K), yl = Y(L), lk = Lambda(K);
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();

        // 1. first order in the exponent's scale: the EK limit, replicas decouple
        var replicaMisfit = IndexedSum.Of(Ex.Pow(fa - y, 2), A, 1, M);
        var dataTerm = Eta * (Ex.Exp(-epsilon * replicaMisfit / (2 * Sigma2)) - 1);
        var firstOrder = Series.Expand(dataTerm, [epsilon], 1);
        var linear = Engine.Substitute(firstOrder.ToExpr(), epsilon, 1);
        steps.Add(new("Equivalent-kernel limit of the data term",
            "power series to first order in the scale epsilon of the exponent (then epsilon = 1); the replica sum stays linear, so replicas decouple",
            dataTerm, linear, [Assumption.UnlearnableRemovedModes], "≈"));

        // 2. orthonormality of the eigenfunctions: ∫dμ(f − y)² = Σ_k Σ_l (f_k − y_k)(f_l − y_l) δ_kl
        var withDelta = (fk - yk) * (fl - yl) * Symbolic.Probability.KroneckerDelta.Of(K, L);
        var doubleSum = IndexedSum.Of(IndexedSum.Of(withDelta, L, 1, Ex.Infinity), K, 1, Ex.Infinity);
        var modeSum = Symbolic.Probability.IndexSums.Sum(withDelta, [K, L], 1, Ex.Infinity);
        steps.Add(new("Orthonormality of the Mercer eigenfunctions",
            "int dmu phi_k phi_l = delta_kl, then contraction of the Kronecker delta in the double mode sum",
            doubleSum, modeSum, []));

        // 3. the action of one replica: prior + EK data term with the measure integral replaced by the mode sum
        // Σ_a of identical replica terms: one replica keeps one term, and its ∫dμ(f − y)² is the mode sum
        var dataPerReplica = Engine.Replace(-linear, replicaMisfit, modeSum);
        var action = Engine.Expand(IndexedSum.Of(Ex.Pow(fk, 2) / (2 * lk), K, 1, Ex.Infinity) + dataPerReplica);
        var perMode = Structure.BottomUp(action, n => n is IndexedSum s && s.Index.Equals(K) ? s.Body : n);
        perMode = Engine.Expand(perMode);
        steps.Add(new("Per-mode quadratic action",
            "S = sum_k f_k^2/(2 lambda_k) - (EK data term of one replica, its measure integral replaced by the mode sum); the sum over k has independent terms, so each mode carries its own action",
            action, perMode, [Assumption.UnlearnableRemovedModes], "⇒"));

        // 4. completing the square: the mean is the root of ∂S/∂f_k, the variance 1/∂²S
        var gradient = Differentiate.Of(perMode, fk);
        var curvature = Differentiate.Of(gradient, fk);
        Engine.Require(!Structure.DependsOn(curvature, fk), "the per-mode action is quadratic in f_k");
        var mean = Engine.Normalize(-Engine.Substitute(gradient, fk, 0) / curvature);
        steps.Add(new("Posterior mean: stationary point of the action",
            "solve dS/df_k = 0 (linear in f_k): <f_k> = -dS/df_k(0) / (d^2 S/df_k^2), over a common denominator",
            gradient, mean, [], "⇒"));
        var variance = Engine.Normalize(1 / curvature);
        steps.Add(new("Posterior variance: inverse curvature",
            "a Gaussian weight exp(-S) with S quadratic has variance 1/(d^2 S/df_k^2)",
            curvature, variance, [], "⇒"));

        // 5. learnability L_k = <f_k>/y_k
        var learnability = Engine.Normalize(mean / yk);
        steps.Add(new("Learnability",
            "L_k = <f_k>/y_k; the mean is linear in the target",
            mean / yk, learnability, []));

        return new Derivation(Name, "Equivalent-kernel limit of the replicated GP posterior",
            "Starting from the replicated data term eta int dmu [exp(-sum_a (f^a - y)^2/(2 sigma^2)) - 1], the first order in the exponent (EK limit) and orthonormality give a quadratic action per mode; completing the square gives the posterior mean, variance and learnability of each mode (PHYSICS.md section 1).",
            steps.ToImmutable(), "L_k", learnability)
        {
            Quantities = [new("mean", mean), new("variance", variance), new("action", perMode)],
        };
    }
}
