using System.Collections.Immutable;
using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;
using Monomial = NngpRg.Symbolic.Calculus.Monomial;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The complete O(λ²) Wilsonian step (docs/theory.md §8). The data term is averaged over the data measure with
/// Gaussian-equivalent features in the replica-symmetric representation of the overlaps Q_ab = ν δ_ab + ρ; one removed
/// mode q (eigenvalue λ_q, target component y_q, feature φ_q with fourth cumulant U_qqqq) is integrated out by the
/// cumulant expansion of its prior to second order. Per replica (M → 0), in the variables κ_ν = σ² + ν and ρ, the second
/// order is (1 + χ + η) H with χ = Var φ_q² = 2 + U_qqqq and H = ½λ_q² ∂²f/∂κ_ν² + λ_q y_q² ∂²f/∂κ_ν∂ρ, f the kept-mode
/// action: H is the second order of the exact shift (σ², ε²) → (σ² + λ_q, ε² + y_q²), χH comes from the first cumulant
/// (the x-fluctuation of λ_q φ_q², zero for a complete degenerate level), ηH from the second cumulant (the relaxed
/// unlearnability). Projected on the running couplings at the replica-symmetric saddle point, κ_ν* = κ_eff and
/// ρ* = the test MSE: dσ²/dκ = −λ_κ + (η + χ)λ_κ²/κ_eff, dε²/dκ = −y_κ²(1 − 2(η + χ)λ_κ/κ_eff), and a variance
/// amplification dω/dκ = −(η + χ)λ_κ²/κ_eff² with 1/E₀ = 1/E₀^kept − ω. At χ = 0 these are the O(λ²) terms of the
/// self-consistent theory's removed-mode sums (its RG covariance).
/// </summary>
public static class NextOrder
{
    /// <summary>The command-line name.</summary>
    public const string Name = "next-order";

    /// <summary>Label of the kept-mode action per replica f(κ_ν, ρ; σ²).</summary>
    public const string KeptAction = "kept-mode action per replica f";
    /// <summary>Label of the per-replica O(λ) term of the shell's log-weight.</summary>
    public const string FirstOrder = "first order per replica";
    /// <summary>Label of the per-replica O(λ²) term of the shell's log-weight.</summary>
    public const string SecondOrder = "second order per replica";
    /// <summary>Label of the second-order part of the first cumulant, per replica.</summary>
    public const string FirstCumulant = "first cumulant, second order";
    /// <summary>Label of the second cumulant, per replica.</summary>
    public const string SecondCumulant = "second cumulant";
    /// <summary>Label of H = ½λ_q² ∂²f/∂κ_ν² + λ_q y_q² ∂²f/∂κ_ν∂ρ.</summary>
    public const string ShiftSecondOrder = "H (second order of the exact shift)";
    /// <summary>Label of the ridge correction δσ² per removed mode (beyond λ_q), at the saddle point.</summary>
    public const string RidgeCorrection = "delta sigma^2";
    /// <summary>Label of the noise correction δε² per removed mode (beyond y_q²), at the saddle point.</summary>
    public const string NoiseCorrection = "delta epsilon^2";
    /// <summary>Label of dω/dκ.</summary>
    public const string VarianceAmplificationFlow = "d omega/d kappa";
    /// <summary>Label of dε²/dκ (the removed target power, partially learned).</summary>
    public const string NoiseFlow = "d epsilon^2/d kappa";
    /// <summary>Label of E₀ after the variance amplification.</summary>
    public const string AmplifiedE0 = "E_0";
    /// <summary>Label of Var_μ(v) for the complete degree-1 level of the sphere.</summary>
    public const string LevelVariance = "Var v, complete level l = 1";

    /// <summary>κ_ν = σ² + ν, the kept modes' effective ridge as an order parameter (κ_eff at the saddle point).</summary>
    public static Symbol KappaNu { get; } = Ex.Sym("kappa", Nu);
    /// <summary>E₀ of the kept-mode theory before the variance amplification.</summary>
    public static Symbol KeptE0 { get; } = Ex.SymSup("E", Ex.Sym("kept"), 0);
    /// <summary>B = Σ_kept (1 − L_k)² y_k², the kept modes' residual power.</summary>
    public static Symbol Residual { get; } = Ex.Sym("B");
    /// <summary>The bookkeeping parameter t of the shell expansion (S_1² and S_2 are of order t).</summary>
    public static Symbol T { get; } = Ex.Sym("t");
    /// <summary>The fourth cumulant U_qqqq of the removed feature.</summary>
    public static Symbol Uqqqq { get; } = SymmetricTensor.Of("U", [Q, Q, Q, Q]);
    /// <summary>The dimension d of the sphere in the complete-level step.</summary>
    public static Symbol D { get; } = Ex.Sym("d");

    /// <summary>
    /// The shell's log-weight log E_f exp(η(W − 1)) as a power series in t to second order, for a general replica count M,
    /// with r = ρ/(σ² + ν + Mρ) and W_kept left as the symbols <see cref="R"/> and <see cref="KeptWeightSymbol"/> (their values
    /// in <see cref="RValue"/> and <see cref="KeptWeight"/>): the intermediate the replica limit is taken of.
    /// </summary>
    internal sealed record ShellExpansion(Series LogWeight, Expr KeptWeight, Expr RValue);

    /// <summary>The symbol r = ρ/(σ² + ν + Mρ) of the shell expansion.</summary>
    internal static Symbol R { get; } = Ex.Sym("r");
    /// <summary>The symbol W_kept of the shell expansion.</summary>
    internal static Symbol KeptWeightSymbol { get; } = Ex.Sym("W", Ex.Sym("kept"));

    /// <summary>Derives the O(λ²) flow, step by step (afresh on every call).</summary>
    public static Derivation Derive() => DeriveWithShell().Derivation;

    // Derived once per process for the registry and the numeric twins (immutable, so the cache is invisible).
    private static readonly Lazy<(Derivation Derivation, ShellExpansion Shell)> Cached = new(DeriveWithShell);

    /// <summary>The derivation, computed once.</summary>
    internal static Derivation CachedDerivation => Cached.Value.Derivation;

    /// <summary>The shell expansion of the cached derivation.</summary>
    internal static ShellExpansion Shell => Cached.Value.Shell;

    /// <summary>The derivation and the shell expansion it passes through (for numeric twins at integer M).</summary>
    internal static (Derivation Derivation, ShellExpansion Shell) DeriveWithShell()
    {
        Symbol nu = Nu, rho = Rho, za = Z(A), z0 = Z(0), phi = Phi(Q), fa = F(A), yq = Y(Q), lq = Lambda(Q), w = Ex.Sym("w", A);
        Symbol s1 = ReplicaSum(1), s2 = ReplicaSum(2), t = T, k = KappaNu;
        var kappa = Sigma2 + nu;
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();
        ImmutableArray<Assumption> equivalence = [Assumption.GaussianEquivalence, Assumption.ReplicaSymmetricSaddle];
        ImmutableArray<Assumption> shell = [Assumption.FeatureStatistics, Assumption.ThinShell];
        var unit = new Expr[,] { { Number.One } };
        // results are shown in κ_ν = σ² + ν: the coefficients depend on ν only through κ_ν
        Expr InKappaNu(Expr e) => Engine.Normalize(Engine.Substitute(e, nu, k - Sigma2));

        // 1. the replica-private part of the overlap: h_a = √ν z_a + w_a, z_a ~ N(0, 1) per replica
        var exponent = -Ex.Pow(Ex.Sqrt(nu) * za + w, 2) / (2 * Sigma2);
        var single = GaussianIntegral.ExpectationFactor(exponent, [za], unit);
        var replicated = GaussianIntegral.ReplicatedExpectation(exponent, [za], unit, A, M);
        steps.Add(new("The replica-private part of the misfit",
            @"Under Gaussian-equivalent features the misfits $h_a(x) = \sum_k (f^a_k - y_k)\phi_k(x)$ of the replicas are jointly Gaussian under the data measure, with the overlaps $Q_{ab} = \sum_k (f^a_k - y_k)(f^b_k - y_k)$ as covariance, and the Poisson-averaged data term is $\eta\,\mathbb{E}_\mu[e^{-\sum_a h_a^2/(2\sigma^2)} - 1]$. For replica-symmetric overlaps $Q_{ab} = \nu\,\delta_{ab} + \rho$ write $h_a = \sqrt{\nu}\,z_a + w_a$ with i.i.d.\ $z_a \sim \mathcal{N}(0,1)$ and a shared part $w_a$. The Gaussian integral over each $z_a$ (completing the square) and the product over the $M$ replicas give",
            Expectation(za, Ex.Exp(IndexedSum.Of(exponent, A, 1, M))), replicated, equivalence));

        // 2. the shared part with one removed mode: w_a = √ρ z₀ + (f_a − y_q) φ_q; replica sums S₁, S₂
        var wValue = Ex.Sqrt(rho) * z0 + (fa - yq) * phi;
        var summed = IndexSums.Sum(Engine.Substitute(single.Exponent, w, wValue), [A], Number.One, M);
        var inS = -(M * rho * Ex.Pow(z0, 2) + 2 * Ex.Sqrt(rho) * z0 * phi * s1 + Ex.Pow(phi, 2) * s2) / kappa / 2;
        var sums = new Dictionary<Expr, Expr>
        {
            [s1] = IndexSums.Sum(fa - yq, [A], Number.One, M),
            [s2] = IndexSums.Sum(Ex.Pow(fa - yq, 2), [A], Number.One, M),
        };
        Engine.Require(Engine.Same(summed, Substitute.Apply(inS, sums)), "the replica sum of w_a^2 is M rho z_0^2 + 2 sqrt(rho) z_0 phi S_1 + phi^2 S_2");
        steps.Add(new("One removed mode in the shared part",
            @"The shared part is $w_a = \sqrt{\rho}\,z_0 + (f_a - y_q)\,\phi_q$: a common $z_0 \sim \mathcal{N}(0,1)$ carries the off-diagonal overlap, and the removed mode $q$ enters with its replica amplitudes $f_a$, its target component $y_q$ and its feature $\phi_q$, independent of the kept features. Expanding the replica sum with $\sum_{a=1}^{M} 1 = M$, the removed mode appears only through $S_1 = \sum_a (f_a - y_q)$ and $S_2 = \sum_a (f_a - y_q)^2$",
            IndexedSum.Of(Engine.Substitute(single.Exponent, w, wValue), A, 1, M), inS, [Assumption.GaussianEquivalence, Assumption.FeatureStatistics]));

        // 3. the common variable z₀: Gaussian integral at fixed φ_q; the removed mode enters through exp(−φ_q² Δ/2)
        var zFactor = GaussianIntegral.ExpectationFactor(inS, [z0], unit);
        var keptWeight = single.Prefactor(M / 2) * zFactor.Prefactor(Number.Half);
        var delta = Engine.Normalize(-2 * zFactor.Exponent / Ex.Pow(phi, 2));
        Engine.Require(!Structure.DependsOn(delta, phi), "the z_0 integral leaves exp(-phi_q^2 Delta/2) with Delta free of phi_q");
        Symbol deltaSymbol = Ex.Sym("Delta"), keptSymbol = KeptWeightSymbol;
        steps.Add(new("The common variable",
            @"The Gaussian integral over $z_0$ at fixed $\phi_q$ leaves the data weight of one point as the weight $W_{\mathrm{kept}}$ of the kept modes times a factor of the removed mode",
            Expectation(z0, single.Prefactor(M / 2) * Ex.Exp(inS)), keptSymbol * Ex.Exp(-Ex.Pow(phi, 2) * deltaSymbol / 2), [Assumption.GaussianEquivalence]));
        steps.Add(new("The weight of the kept modes",
            @"The weight of the kept modes is the prefactor of the two Gaussian integrals,",
            keptSymbol, keptWeight, [Assumption.GaussianEquivalence], "≡"));
        steps.Add(new("The argument of the removed mode",
            @"and the removed mode enters through",
            deltaSymbol, delta, [Assumption.GaussianEquivalence], "≡"));

        // 4. the kept-mode action: no removed mode (S = 0), per replica as M → 0
        var action = Engine.Expand(Engine.Substitute(Series.Limit(Eta * (keptWeight - 1) / M, M), nu, k - Sigma2));
        steps.Add(new("The kept-mode action per replica",
            @"Without the removed mode the data term is $\eta(W_{\mathrm{kept}}-1)$. It is proportional to $M$, and its coefficient as $M \to 0$ (the constant term of the power series in $M$) is the action per replica of the kept modes, written with $\kappa_\nu = \sigma^2 + \nu$",
            Eta * (keptWeight - 1) / M, action, [Assumption.ReplicaLimit], "→"));

        // 5. the feature average to second order in Δ: E φ² = 1, E φ⁴ = 3 + U_qqqq
        Expr FeatureMoment(int n) => n switch
        {
            0 => Number.One,
            2 => Wick.Expectation(Ex.Pow(phi, 2), phi, 1),
            4 => Wick.Expectation(Ex.Pow(phi, 4), phi, 1) + Uqqqq,
            _ => throw new InvalidOperationException($"the second-order shell needs no feature moment of order {n}"),
        };
        var featureSeries = Series.Expand(Ex.Exp(-Ex.Pow(phi, 2) * deltaSymbol / 2), [deltaSymbol], 2);
        var featureAverage = Engine.Expand(Enumerable.Range(0, 3).Aggregate((Expr)Number.Zero, (acc, n) =>
            acc + AverageOver(featureSeries.Coefficient(n), phi, FeatureMoment) * Ex.Pow(deltaSymbol, n)));
        steps.Add(new("The data measure averages the removed feature",
            @"$\Delta$ is of the order of the shell, $\lambda_q$ or $y_q^2$. To second order in $\Delta$ the average over the data measure needs $\mathbb{E}\,\phi_q^2 = 1$ and $\mathbb{E}\,\phi_q^4 = 3 + U_{qqqq}$, the Wick contraction plus the fourth cumulant of the removed feature",
            Expectation(phi, Ex.Exp(-Ex.Pow(phi, 2) * deltaSymbol / 2)), featureAverage, shell, "≈"));

        // 6. the prior moments of S₁, S₂ over f_a ~ N(0, λ_q), M symbolic
        var moments = new Dictionary<(int, int), Expr>();
        foreach (var (n, m) in new[] { (0, 0), (2, 0), (0, 1), (4, 0), (2, 1), (0, 2) })
            moments[(n, m)] = ReplicaMoments.Of(n, m);
        steps.Add(new("Prior moments of the replica sums",
            @"The removed amplitudes are drawn from their prior, $f_a \sim \mathcal{N}(0,\lambda_q)$ i.i.d.\ over the replicas. $\mathbb{E}[S_1^n S_2^m]$ is a sum over $n+m$ replica indices of Wick contractions with $\mathbb{E}\,f_a f_b = \lambda_q\,\delta_{ab}$, the Kronecker deltas contracted in the replica sums; it is a polynomial in $M$, for instance",
            Expectation(fa, Ex.Pow(s1, 2) * s2), moments[(2, 1)], [Assumption.FeatureStatistics]));

        // 7. the cumulant expansion: log E_f exp(η(W − 1)) to second order in t (S₁² and S₂ of order t)
        // Δ = (S₂ − r S₁²)/κ_ν with r = ρ/(κ_ν + Mρ); r and W_kept stay symbols until the replica limit
        Symbol r = R;
        var rValue = rho / (kappa + M * rho);
        var deltaInR = (s2 - r * Ex.Pow(s1, 2)) / kappa;
        Engine.Require(Engine.Same(Engine.Substitute(deltaInR, r, rValue), delta), "Delta = (S_2 - r S_1^2)/(sigma^2 + nu)");
        var scaledDelta = Substitute.Apply(deltaInR, new Dictionary<Expr, Expr> { [s1] = Ex.Sqrt(t) * s1, [s2] = t * s2 });
        var averagedWeight = Series.Expand(keptSymbol * Engine.Substitute(featureAverage, deltaSymbol, scaledDelta), [t], 2);
        var dataTerm = Eta * (averagedWeight + Number.MinusOne);
        var exponential = Series.Exp(dataTerm);
        var averagedExp = Series.Of([t], 2, Enumerable.Range(0, 3).Select(n =>
            new KeyValuePair<Monomial, Expr>(Monomial.Of(n), AverageOverReplicaSums(exponential.Coefficient(n), moments))));
        var logWeight = Series.Log(averagedExp);
        var firstCumulantSeries = Series.Of([t], 2, Enumerable.Range(0, 3).Select(n =>
            new KeyValuePair<Monomial, Expr>(Monomial.Of(n), AverageOverReplicaSums(dataTerm.Coefficient(n), moments))));
        // the structure of the expansion, on symbols: X = X₀ + t X₁ + t² X₂ with E[X₁] = m₁, E[X₁²] = m₁₁, E[X₂] = m₂
        Symbol x0 = Ex.Sym("X", 0), m1 = Ex.Sym("m", 1), m11 = Ex.Sym("m", 11), m2 = Ex.Sym("m", 2);
        var generic = Series.Log(Series.Of([t], 2, [
            new(Monomial.Of(0), Ex.Exp(x0)), new(Monomial.Of(1), Ex.Exp(x0) * m1), new(Monomial.Of(2), Ex.Exp(x0) * (m2 + m11 / 2))]));
        steps.Add(new("Cumulant expansion over the removed mode",
            @"Let $t$ count the order of the shell, $S_1 \to \sqrt{t}\,S_1$ and $S_2 \to t\,S_2$. The data term is $X = \eta(W-1) = X_0 + tX_1 + t^2X_2 + O(t^3)$, and the removed mode is integrated out with its prior: $\log\mathbb{E}_f\,e^X$ is the logarithm of the averaged power series in $t$, computed with the moments above. With $m_1 = \mathbb{E}X_1$, $m_{11} = \mathbb{E}X_1^2$ and $m_2 = \mathbb{E}X_2$ its structure is the first cumulant plus, at second order, the second cumulant $\tfrac12(m_{11} - m_1^2)$. This relaxes the unlearnability of the removed mode (A1) to second order",
            Ex.Log(Expectation(fa, Ex.Exp(x0 + t * Ex.Sym("X", 1) + t * t * Ex.Sym("X", 2)))), generic.ToExpr(), [Assumption.ThinShell], "≈"));

        // 8. per replica as M → 0: every coefficient is a polynomial in M, r and W_kept; with r and W_kept replaced by
        // their power series in M to first order, the coefficient of M¹ is the limit of e/M (the M⁰ coefficient vanishes)
        var keptInM = Series.Expand(keptWeight, [M], 1).ToExpr();
        var rInM = Series.Expand(rValue, [M], 1).ToExpr();
        Expr PerReplica(Expr e)
        {
            var inM = Collect.Coefficients(Engine.Expand(Substitute.Apply(e, new Dictionary<Expr, Expr> { [keptSymbol] = keptInM, [r] = rInM })), M);
            Engine.Require(!inM.ContainsKey(0) || Engine.Same(inM[0], Number.Zero), "the shell's log-weight is proportional to M");
            return InKappaNu(inM.TryGetValue(1, out var c) ? c : Number.Zero);
        }
        var first = PerReplica(logWeight.Coefficient(1));
        var second = PerReplica(logWeight.Coefficient(2));
        var firstCumulant = PerReplica(firstCumulantSeries.Coefficient(2));
        var secondCumulant = Engine.Normalize(second - firstCumulant);
        steps.Add(new("Replica limit of the first order",
            @"Every coefficient is proportional to $M$ (the $M^0$ term vanishes identically); divided by $M$, its limit $M \to 0$ is the contribution of the shell to the action per replica. At first order in $t$",
            m1 / M, first, [Assumption.ReplicaLimit], "→"));
        steps.Add(new("Replica limit of the second order",
            @"and at second order",
            (m2 + (m11 - m1 * m1) / 2) / M, second, [Assumption.ReplicaLimit], "→"));

        // 9. leading order: the ridge shift λ_q and the quenched noise y_q²
        var dK = Differentiate.Of(action, k);
        var dRho = Differentiate.Of(action, rho);
        var leading = Engine.Expand(lq * dK + Ex.Pow(yq, 2) * dRho);
        Engine.Require(Engine.Same(first, leading), "the first order is lambda_q df/dkappa_nu + y_q^2 df/drho");
        steps.Add(new("First order: the ridge shift and the quenched label noise",
            @"The first order is $\lambda_q\,\partial f/\partial\kappa_\nu + y_q^2\,\partial f/\partial\rho$. A ridge $\sigma^2 + \delta$ changes $f$ by $\delta\,\partial f/\partial\kappa_\nu$ up to a constant free of $\kappa_\nu$ and $\rho$ (from the prefactor $(\sigma^2)^{M/2}$, which moves no saddle point), and label noise of variance $\delta'$ shared by the replicas adds $\delta'$ to $\rho$. So the removed mode shifts the ridge by $\lambda_q$ and leaves its target power $y_q^2$ as quenched noise, the results of the derivations \texttt{gaussian-step} and \texttt{target-power}",
            first, leading, [Assumption.ReplicaSymmetricSaddle]));

        // 10. second order: (1 + χ + η) H with χ = Var φ_q² = 2 + U_qqqq
        var d2K = Differentiate.Of(dK, k);
        var h = Engine.Expand(lq * lq / 2 * d2K + lq * Ex.Pow(yq, 2) * Differentiate.Of(dK, rho));
        Engine.Require(Engine.Same(Differentiate.Of(dRho, rho), Number.Zero), "f is linear in rho, so the exact shift's second order is H");
        var featureVariance = Engine.Expand(FeatureMoment(4) - Ex.Pow(FeatureMoment(2), 2));
        Engine.Require(Engine.Same(firstCumulant, (1 + featureVariance) * h), "the first cumulant's second order is (1 + Var phi_q^2) H");
        Engine.Require(Engine.Same(secondCumulant, Eta * h), "the second cumulant is eta H");
        Symbol hSymbol = Ex.Sym("H");
        steps.Add(new("Second order of the exact shift",
            @"The exact shift $(\sigma^2, \varepsilon^2) \to (\sigma^2 + \lambda_q, \varepsilon^2 + y_q^2)$ contributes at second order $H = \tfrac12\lambda_q^2\,\partial^2 f/\partial\kappa_\nu^2 + \lambda_q y_q^2\,\partial^2 f/\partial\kappa_\nu\partial\rho$, since $f$ is linear in $\rho$",
            hSymbol, h, [Assumption.ReplicaSymmetricSaddle], "≡"));
        steps.Add(new("First cumulant: the fluctuation of the removed feature",
            @"The second order of the first cumulant $\eta\,\mathbb{E}_f W$ is $(1 + \operatorname{Var}\phi_q^2)H$ with $\operatorname{Var}\phi_q^2 = \mathbb{E}\phi_q^4 - (\mathbb{E}\phi_q^2)^2 = 2 + U_{qqqq}$. The part beyond $H$ is the harmonic-mean correction of the input-dependent ridge $\sigma^2 + \lambda_q\phi_q(x)^2$, $\tfrac12\operatorname{Var}_\mu(v)\,\partial^2 f/\partial\kappa_\nu^2$ with $v = \lambda_q\phi_q^2$; when several modes are removed, $\operatorname{Var}_\mu v$ with $v(x) = \sum_k \lambda_k\phi_k(x)^2$ takes the place of $\lambda_q^2\operatorname{Var}\phi_q^2$",
            firstCumulant, (1 + featureVariance) * h, [Assumption.FeatureStatistics]));
        steps.Add(new("Second cumulant: the relaxed unlearnability",
            @"The second cumulant $\tfrac{\eta^2}{2}\operatorname{Var}_f W$ per replica is $\eta H$. It exceeds the second order of the exact shift by the factor $\eta$, so it is of relative order $\eta\lambda_q/\kappa_{\mathrm{eff}}$, the learnability of the removed mode, and it does not depend on the feature statistics",
            secondCumulant, Eta * h, [Assumption.FeatureStatistics]));
        var chi = Chi;
        var remainder = Engine.Expand((chi + Eta) * h);
        Engine.Require(Engine.Same(Engine.Substitute(remainder, chi, featureVariance), second - h), "the second order beyond the exact shift is (chi + eta) H");
        steps.Add(new("The second order beyond the exact shift",
            @"The second order beyond the exact shift is therefore $(\chi + \eta)H$ with $\chi = \operatorname{Var}_\mu\phi_q^2 = 2 + U_{qqqq}$",
            Engine.Normalize(second - h), (featureVariance + Eta) * h, [Assumption.FeatureStatistics, Assumption.ThinShell]));

        // 11. a complete degenerate level has Var_μ(v) = 0: the degree-1 level of S^{d−1}, φ_i = √d x_i
        Symbol i = Ex.Sym("i"), j = Ex.Sym("j");
        var d = D;
        // E[φ_i² φ_j²] = d²E[x_i² x_j²] = d/(d+2) + δ_ij 2d/(d+2) for the uniform law on the sphere
        var pairMoment = d / (d + 2) + KroneckerDelta.Of(i, j) * 2 * d / (d + 2);
        var levelVariance = Engine.Normalize(IndexSums.Sum(pairMoment - 1, [i, j], Number.One, d));
        Engine.Require(levelVariance is Number { Value.IsZero: true }, "Var(sum_i phi_i^2) = 0 for the complete degree-1 level");
        steps.Add(new("A complete degenerate level does not fluctuate",
            @"For a complete level of spherical harmonics $v(x) = \lambda_\ell\sum_m Y_{\ell m}(x)^2 = \lambda_\ell N(d,\ell)$ is constant (the addition theorem), so $\operatorname{Var}_\mu v = 0$ and the feature-fluctuation term vanishes: $\chi = 0$ on the sphere. For the degree-1 level of $S^{d-1}$, $\phi_i = \sqrt{d}\,x_i$ with $\mathbb{E}[\phi_i^2\phi_j^2] = d/(d+2) + 2d\,\delta_{ij}/(d+2)$ (the sphere moments of the derivation \texttt{linear-sphere}), and $\operatorname{Var}\sum_i\phi_i^2 = \sum_{i,j}(\mathbb{E}[\phi_i^2\phi_j^2] - 1)$ is",
            IndexedSum.Of(IndexedSum.Of(pairMoment - 1, j, 1, d), i, 1, d), levelVariance, [Assumption.FeatureStatistics]));

        // 12. projection on the running couplings at the saddle point: δσ² ∂f/∂κ_ν + δε² ∂f/∂ρ with the same gradient
        var couplings = new Expr[,]
        {
            { d2K, Differentiate.Of(dRho, k) },
            { Differentiate.Of(dK, rho), Differentiate.Of(dRho, rho) },
        };
        var inverse = SymbolicMatrix.Inverse(couplings);
        Expr gK = Differentiate.Of(remainder, k), gRho = Differentiate.Of(remainder, rho);
        var ridgeCorrection = Engine.Normalize(inverse[0, 0] * gK + inverse[0, 1] * gRho);
        var noiseCorrection = Engine.Normalize(inverse[1, 0] * gK + inverse[1, 1] * gRho);
        // the couplings are constants at the saddle point: the gradient of δσ² ∂f/∂κ_ν + δε² ∂f/∂ρ is the matrix times them
        Engine.Require(Engine.Same(ridgeCorrection * couplings[0, 0] + noiseCorrection * couplings[0, 1], gK)
            && Engine.Same(ridgeCorrection * couplings[1, 0] + noiseCorrection * couplings[1, 1], gRho), "the projected couplings reproduce the gradient of the remainder");
        var dS = Ex.Sym("delta", Sigma2);
        var dN = Ex.Sym("delta", Noise);
        steps.Add(new("Projection on the ridge at the saddle point",
            @"The saddle point of the kept modes, and with it every observable, moves with the gradient of the action in $(\kappa_\nu, \rho)$ at the saddle. To first order the remainder therefore acts like a ridge correction $\delta\sigma^2$ and a noise correction $\delta\varepsilon^2$ whose term $\delta\sigma^2\,\partial f/\partial\kappa_\nu + \delta\varepsilon^2\,\partial f/\partial\rho$ has the same gradient there. Solving the $2\times 2$ linear system, the ridge correction is",
            dS, ridgeCorrection, [Assumption.ReplicaSymmetricSaddle], "⇒"));
        steps.Add(new("Projection on the label noise",
            @"and the noise correction is",
            dN, noiseCorrection, [Assumption.ReplicaSymmetricSaddle], "⇒"));

        // 13. the saddle point: κ_ν* = κ_eff (docs/theory.md §5), ρ* = the test MSE
        var ridgeAtSaddle = Engine.Expand(Engine.Substitute(ridgeCorrection, k, KappaEff));
        var noiseAtSaddle = Engine.Expand(Engine.Substitute(noiseCorrection, k, KappaEff));
        steps.Add(new("The couplings at the saddle point",
            @"At the replica-symmetric saddle point $\nu^* = \sum_{k\le\kappa}\operatorname{Var} f_k$ is the posterior variance of the kept modes, $\kappa_\nu^* = \sigma^2 + \nu^* = \kappa_{\mathrm{eff}}$ is the self-consistent ridge of docs/theory.md §5, and $\rho^*$ is the test MSE of the kept-mode theory including the label noise. The coefficient of every removed mode is the infrared value $\kappa_{\mathrm{eff}}$, not the running ridge",
            ridgeCorrection, ridgeAtSaddle, [Assumption.ReplicaSymmetricSaddle], "⇒"));

        // 14. the flows: one removed mode per unit of κ, q → κ
        Expr AtCutoff(Expr e) => Engine.Expand(Substitute.Apply(e, new Dictionary<Expr, Expr> { [lq] = LambdaKappa, [yq] = Y(Kappa) }));
        var flow = AtCutoff(-(lq + ridgeAtSaddle));
        steps.Add(new("Ridge flow to second order",
            @"Removing the mode $\kappa$ raises the ridge by $\lambda_\kappa + \delta\sigma^2$, and $d\sigma^2/d\kappa = \sigma^2_\kappa - \sigma^2_{\kappa-1}$",
            RidgeAt(Kappa) - RidgeAt(Kappa - 1), flow, [Assumption.ThinShell, Assumption.ReplicaSymmetricSaddle], "⇒"));
        var rhoPart = Engine.Normalize(Engine.Coefficient(Engine.Expand(noiseAtSaddle), rho, 1));
        var noiseRest = Engine.Normalize(Engine.Substitute(noiseAtSaddle, rho, Number.Zero));
        Engine.Require(Engine.Same(noiseAtSaddle, rhoPart * rho + noiseRest), "the noise correction is linear in rho");
        var noiseFlow = AtCutoff(-(Ex.Pow(yq, 2) + noiseRest));
        var omegaFlow = AtCutoff(-rhoPart);
        steps.Add(new("Label-noise flow: the removed target power, partially learned",
            @"The part of $\delta\varepsilon^2$ free of $\rho^*$, together with the removed target power $y_\kappa^2$, is the flow of the quenched label noise",
            Ex.SymSup("epsilon", 2, Kappa) - Ex.SymSup("epsilon", 2, Kappa - 1), noiseFlow, [Assumption.ThinShell, Assumption.ReplicaSymmetricSaddle], "⇒"));
        steps.Add(new("Variance amplification",
            @"The part proportional to $\rho^*$ is label noise $\omega\rho^*$ proportional to the test error itself. The variance-amplification coupling $\omega$ flows as",
            Ex.Sym("omega", Kappa) - Ex.Sym("omega", Kappa - 1), omegaFlow, [Assumption.ThinShell, Assumption.ReplicaSymmetricSaddle], "⇒"));

        // 15. E₀: ρ* = E₀^kept (B + ε² + ω ρ*) solved for ρ*
        var equation = rho - KeptE0 * (Residual + Noise + Omega * rho);
        var rhoStar = Engine.Normalize(-Engine.Substitute(equation, rho, Number.Zero) / Differentiate.Of(equation, rho));
        var e0 = Engine.Normalize(rhoStar / (Residual + Noise));
        Engine.Require(Engine.Same(1 / e0, 1 / KeptE0 - Omega), "1/E_0 = 1/E_0^kept - omega");
        steps.Add(new("The overfitting factor",
            @"For label noise $\varepsilon^2$ the kept-mode theory predicts $\rho^* = E_0^{\mathrm{kept}}(B + \varepsilon^2)$, with $B = \sum_{k\le\kappa}(1-L_k)^2 y_k^2$ and $E_0^{\mathrm{kept}}$ its overfitting factor (docs/theory.md §5). With the noise $\varepsilon^2 + \omega\rho^*$ the equation $\rho^* = E_0^{\mathrm{kept}}(B + \varepsilon^2 + \omega\rho^*)$ is linear in $\rho^*$; its solution is $\rho^* = E_0\,(B + \varepsilon^2)$ with $1/E_0 = 1/E_0^{\mathrm{kept}} - \omega$",
            E0, e0, [Assumption.ReplicaSymmetricSaddle], "⇒"));

        // 16. RG covariance: at χ = 0 the removed-mode terms of the self-consistent theory
        var selfConsistentRidge = Series.Expand(KappaEff * lq / (Eta * lq + KappaEff), [lq], 2).ToExpr();
        var selfConsistentResidual = Series.Expand(Ex.Pow(KappaEff / (Eta * lq + KappaEff), 2) * Ex.Pow(yq, 2), [lq], 1).ToExpr();
        var selfConsistentAmplification = Series.Expand(Ex.Pow(Eta * lq / (Eta * lq + KappaEff), 2) / Eta, [lq], 2).ToExpr();
        Expr AtZeroChi(Expr e) => Engine.Substitute(e, chi, Number.Zero);
        Expr AtMode(Expr e) => Substitute.Apply(e, new Dictionary<Expr, Expr> { [LambdaKappa] = lq, [Y(Kappa)] = yq });
        Engine.Require(Engine.Same(AtZeroChi(AtMode(-flow)), selfConsistentRidge), "at chi = 0 the ridge increment is the O(lambda^2) expansion of kappa lambda/(eta lambda + kappa)");
        Engine.Require(Engine.Same(AtZeroChi(AtMode(-noiseFlow)), selfConsistentResidual), "at chi = 0 the noise increment is (1 - L)^2 y^2 to O(lambda y^2)");
        Engine.Require(Engine.Same(AtZeroChi(AtMode(-omegaFlow)), selfConsistentAmplification), "at chi = 0 the amplification increment is L^2/eta to O(lambda^2)");
        steps.Add(new("Covariance of the self-consistent ridge",
            @"At $\chi = 0$ the three increments are the $O(\lambda_q^2)$ expansions of the removed-mode terms of the self-consistent theory (docs/theory.md §5): the term $\kappa_{\mathrm{eff}}\lambda_q/(\eta\lambda_q + \kappa_{\mathrm{eff}})$ of its ridge equation",
            KappaEff * lq / (Eta * lq + KappaEff), selfConsistentRidge, [Assumption.ThinShell], "≈"));
        steps.Add(new("Covariance of the residual",
            @"the term $(1-L_q)^2 y_q^2$ of its residual",
            Ex.Pow(KappaEff / (Eta * lq + KappaEff), 2) * Ex.Pow(yq, 2), selfConsistentResidual, [Assumption.ThinShell], "≈"));
        steps.Add(new("Covariance of the overfitting factor",
            @"and the term $L_q^2/\eta$ of $1/E_0 = 1 - \sum_k L_k^2/\eta$. Solving the self-consistent theory on the kept modes with the renormalized couplings therefore reproduces it on all modes up to $O(\lambda^3)$; the leading order alone misses the $O(\lambda^2)$ terms",
            Ex.Pow(Eta * lq / (Eta * lq + KappaEff), 2) / Eta, selfConsistentAmplification, [Assumption.ThinShell], "≈"));

        var derivation = new Derivation(Name, @"Beyond leading order: the $O(\lambda^2)$ flow",
            @"One removed mode is integrated out to second order in its eigenvalue $\lambda_q$ and its target power $y_q^2$, the data measure averaged under Gaussian-equivalent features in the replica-symmetric representation of the overlaps. Beyond the exact shift the second order is $(\chi + \eta)H$: the fluctuation $\chi = \operatorname{Var}_\mu\phi_q^2$ of the removed feature from the first cumulant (2 for a Gaussian feature, 0 for a complete degenerate level) and the relaxed unlearnability $\eta$ from the second cumulant. Projected on the couplings at the saddle point, $d\sigma^2/d\kappa = -\lambda_\kappa + (\eta+\chi)\lambda_\kappa^2/\kappa_{\mathrm{eff}}$, $d\varepsilon^2/d\kappa = -y_\kappa^2(1 - 2(\eta+\chi)\lambda_\kappa/\kappa_{\mathrm{eff}})$ and $d\omega/d\kappa = -(\eta+\chi)\lambda_\kappa^2/\kappa_{\mathrm{eff}}^2$ with $1/E_0 = 1/E_0^{\mathrm{kept}} - \omega$; at $\chi = 0$ these reproduce the self-consistent ridge and $E_0$ to $O(\lambda^3)$ (docs/theory.md, eqs. (8.10)--(8.12)).",
            steps.ToImmutable(), "d sigma^2/d kappa", flow)
        {
            Introduction = Introduction,
            ResultLatex = @"\frac{d\sigma^2}{d\kappa}",
            Quantities =
            [
                new(KeptAction, action, @"The action per replica of the kept modes, $f(\kappa_\nu, \rho; \sigma^2)$"),
                new(FirstOrder, first, @"The first order of the removed mode per replica"),
                new(SecondOrder, second, @"The second order of the removed mode per replica"),
                new(FirstCumulant, firstCumulant, @"The second order of the first cumulant"),
                new(SecondCumulant, secondCumulant, @"The second cumulant"),
                new(ShiftSecondOrder, h, @"The second order $H$ of the exact shift"),
                new(RidgeCorrection, ridgeAtSaddle, @"The ridge correction $\delta\sigma^2$ per removed mode at the saddle point"),
                new(NoiseCorrection, noiseAtSaddle, @"The noise correction $\delta\varepsilon^2$ per removed mode at the saddle point"),
                new(NoiseFlow, noiseFlow, @"The flow $d\varepsilon^2/d\kappa$ of the quenched label noise"),
                new(VarianceAmplificationFlow, omegaFlow, @"The flow $d\omega/d\kappa$ of the variance amplification"),
                new(AmplifiedE0, e0, @"The overfitting factor $E_0$ with the variance amplification"),
                new(LevelVariance, levelVariance, @"$\operatorname{Var}_\mu v$ for the complete degree-1 level of $S^{d-1}$"),
            ],
        };
        return (derivation, new ShellExpansion(logWeight, keptWeight, rValue));
    }

    private const string Introduction =
        @"The leading-order step of the derivation \texttt{gaussian-step} treats the removed modes as unlearnable: their posterior is their prior, and each shifts the ridge by its eigenvalue. Howard, Jefferson, Maiti and Ringel stop there. Its error is of second order in the eigenvalues of the removed modes, and the largest second-order term is not a property of the features but of the data: a removed mode with eigenvalue $\lambda$ is learned in the fraction $\eta\lambda/\kappa_{\mathrm{eff}}$, which the self-consistent theory of docs/theory.md §5 includes as $\kappa_{\mathrm{eff}}\lambda/(\eta\lambda + \kappa_{\mathrm{eff}}) = \lambda - \eta\lambda^2/\kappa_{\mathrm{eff}} + \dots$ in its ridge equation and as $\sum_k L_k^2$ in its overfitting factor $E_0$.

This appendix derives the complete $O(\lambda^2)$ step. The data term is averaged over the data measure under Gaussian-equivalent features (A5), the premise of the self-consistent theory, with replica-symmetric overlaps (A6); one removed mode is integrated out by the cumulant expansion of its prior to second order (A3). The second order splits into the exact shift, a term from the first cumulant that measures the fluctuation of the removed feature over the data measure (the harmonic-mean correction of an input-dependent ridge, present for a non-degenerate Gaussian feature and absent for a complete degenerate level), and the second cumulant, which relaxes the unlearnability and is larger by the factor $\eta$. Projected on the running couplings at the saddle point of the kept modes, the step renormalizes the ridge, leaves the removed target power as partially learned label noise, and amplifies the variance; the three flows, eq.~\eqref{eq:next-order:result} and the quantities at the end, are the $O(\lambda^2)$ expansions of the removed-mode terms of the self-consistent theory.";

    // c(φ) a polynomial in φ (even powers up to 4): Σ_j c_j φ^j → Σ_j c_j moment(j).
    private static Expr AverageOver(Expr c, Symbol phi, Func<int, Expr> moment)
    {
        var sum = new SumBuilder();
        foreach (var (power, coefficient) in Collect.Coefficients(c, phi))
            sum.Add(coefficient * moment(power));
        return Engine.Expand(sum.ToExpr());
    }

    // c(S₁, S₂) a polynomial: S₁^n S₂^m → E[S₁^n S₂^m].
    private static Expr AverageOverReplicaSums(Expr c, IReadOnlyDictionary<(int, int), Expr> moments)
    {
        var sum = new SumBuilder();
        foreach (var (n, inS2) in Collect.Coefficients(c, ReplicaSum(1)))
            foreach (var (m, coefficient) in Collect.Coefficients(inS2, ReplicaSum(2)))
                sum.Add(coefficient * (moments.TryGetValue((n, m), out var value) ? value
                    : throw new InvalidOperationException($"the second-order shell needs no moment E[S_1^{n} S_2^{m}]")));
        return sum.ToExpr();
    }
}
