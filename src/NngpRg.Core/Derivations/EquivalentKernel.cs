using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The equivalent-kernel limit of docs/theory.md §1: from the replicated data term to the per-mode posterior mean
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
            @"The Poisson-averaged data term of the replicated partition function (docs/theory.md §1) is expanded to first order in a scale $\epsilon$ of its exponent, which is then set to 1. The replica sum stays linear, so the replicas decouple: this is the equivalent-kernel limit, accurate when the misfit is small against the ridge, $(f^a - y)^2 \ll \sigma^2$",
            dataTerm, linear, [Assumption.UnlearnableRemovedModes], "≈"));

        // 2. orthonormality of the eigenfunctions: ∫dμ(f − y)² = Σ_k Σ_l (f_k − y_k)(f_l − y_l) δ_kl
        var withDelta = (fk - yk) * (fl - yl) * Symbolic.Probability.KroneckerDelta.Of(K, L);
        var doubleSum = IndexedSum.Of(IndexedSum.Of(withDelta, L, 1, Ex.Infinity), K, 1, Ex.Infinity);
        var modeSum = Symbolic.Probability.IndexSums.Sum(withDelta, [K, L], 1, Ex.Infinity);
        steps.Add(new("Orthonormality of the Mercer eigenfunctions",
            @"The Mercer eigenfunctions are orthonormal under the data measure, $\int d\mu\,\phi_k\phi_l = \delta_{kl}$, so $\int d\mu\,(f-y)^2$ is a double mode sum with a Kronecker delta, which the index calculus contracts",
            doubleSum, modeSum, []));

        // 3. the action of one replica: prior + EK data term with the measure integral replaced by the mode sum
        // Σ_a of identical replica terms: one replica keeps one term, and its ∫dμ(f − y)² is the mode sum
        var dataPerReplica = Engine.Replace(-linear, replicaMisfit, modeSum);
        var action = Engine.Expand(IndexedSum.Of(Ex.Pow(fk, 2) / (2 * lk), K, 1, Ex.Infinity) + dataPerReplica);
        var perMode = Structure.BottomUp(action, n => n is IndexedSum s && s.Index.Equals(K) ? s.Body : n);
        perMode = Engine.Expand(perMode);
        steps.Add(new("Per-mode quadratic action",
            @"The action of one replica is the prior $\sum_k f_k^2/(2\lambda_k)$ minus its equivalent-kernel data term, with the measure integral replaced by the mode sum. The sum over $k$ has independent terms, so each mode carries its own quadratic action",
            action, perMode, [Assumption.UnlearnableRemovedModes], "⇒"));

        // 4. completing the square: the mean is the root of ∂S/∂f_k, the variance 1/∂²S
        var gradient = Differentiate.Of(perMode, fk);
        var curvature = Differentiate.Of(gradient, fk);
        Engine.Require(!Structure.DependsOn(curvature, fk), "the per-mode action is quadratic in f_k");
        var mean = Engine.Normalize(-Engine.Substitute(gradient, fk, 0) / curvature);
        steps.Add(new("Posterior mean: stationary point of the action",
            @"The posterior mean is the stationary point of the quadratic action: $\partial S/\partial f_k = 0$ is linear in $f_k$, with the solution $\langle f_k\rangle = -\partial_{f_k} S(0)/\partial^2_{f_k} S$, brought over a common denominator",
            gradient, mean, [], "⇒"));
        var variance = Engine.Normalize(1 / curvature);
        steps.Add(new("Posterior variance: inverse curvature",
            @"A Gaussian weight $e^{-S}$ with $S$ quadratic has the variance $1/\partial^2_{f_k} S$",
            curvature, variance, [], "⇒"));

        // 5. learnability L_k = <f_k>/y_k
        var learnability = Engine.Normalize(mean / yk);
        steps.Add(new("Learnability",
            @"The learnability is $L_k = \langle f_k\rangle/y_k$, since the mean is linear in the target",
            mean / yk, learnability, []));

        return new Derivation(Name, "Equivalent-kernel limit of the replicated GP posterior",
            @"Starting from the replicated data term $\eta\int d\mu\,[e^{-\sum_a (f^a - y)^2/(2\sigma^2)} - 1]$, the first order in the exponent (the equivalent-kernel limit) and the orthonormality of the eigenfunctions give a quadratic action per mode; completing the square gives the posterior mean $\lambda_k y_k/(\lambda_k + \sigma^2/\eta)$, the variance $(1/\lambda_k + \eta/\sigma^2)^{-1}$ and the learnability $L_k = \eta\lambda_k/(\sigma^2 + \eta\lambda_k)$ of each mode (docs/theory.md, eqs. (1.6)--(1.8)).",
            steps.ToImmutable(), "L_k", learnability)
        {
            Introduction = @"Gaussian-process regression with $\eta$ training points drawn from the data measure $\mu$ is the replicated field theory of docs/theory.md §1: $M$ replicas $f^a$ of the function with the prior $\sum_k (f^a_k)^2/(2\lambda_k)$ in the Mercer basis, and a Poisson-averaged data term that couples them. The renormalization group of the other appendices starts from it. This appendix derives the simplest limit, the equivalent kernel: to first order in the exponent of the data term the replicas decouple and every mode is an independent Gaussian, whose mean, variance and learnability follow by completing the square. The learnability, eq.~\eqref{eq:equivalent-kernel:result}, is the quantity the stopping rule of the flows compares with the threshold $T$.",
            ResultLatex = "L_k",
            Quantities = [new("mean", mean, @"The posterior mean $\langle f_k\rangle$"), new("variance", variance, @"The posterior variance of $f_k$"), new("action", perMode, @"The action of one mode")],
        };
    }
}
