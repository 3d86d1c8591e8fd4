using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// One Wilsonian step with weakly non-Gaussian features (docs/theory.md §4): the conditional moments m₁ = A and
/// m₂ = 1 + 2B of a removed mode from the first-order Edgeworth law, and the thin-shell average with m₂(φ_&lt;)
/// in place of 1, giving the input-dependent ridge flow ∂σ²(x)/∂κ = −λ_κ m₂(x).
/// </summary>
/// <remarks>
/// σ²(x) is written σ²_κ(x), an undefined function of the input x; m₂(x) is E[φ_q² | φ_&lt;(x)] with the kept modes
/// k = 1…κ summed as indexed sums, and the cumulants κ_{qkl}, U_{qklj} are symbols with sorted indices. The removed
/// mode is written q in the moments (the mode at the cutoff, q = κ + 1 in the kept-mode numbering); the flow's
/// result keeps m₂ as the symbol m_2, and the quantity <see cref="EdgeworthFlow"/> has the Edgeworth m₂ substituted.
/// </remarks>
public static class NonGaussianStep
{
    /// <summary>The command-line name.</summary>
    public const string Name = "non-gaussian-step";

    /// <summary>Label of m₁ = A.</summary>
    public const string A1 = "A = m_1";
    /// <summary>Label of B = (m₂ − 1)/2.</summary>
    public const string B = "B = (m_2 - 1)/2";
    /// <summary>Label of m₂.</summary>
    public const string M2Label = "m_2";
    /// <summary>Label of the flow with the Edgeworth m₂ substituted.</summary>
    public const string EdgeworthFlow = "flow with Edgeworth m_2";

    /// <summary>Derives the input-dependent ridge flow, step by step.</summary>
    public static Derivation Derive()
    {
        var phi = Phi(Q);
        var x = Ex.Sym("x");
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();
        ImmutableArray<Assumption> cumulants = [Assumption.FeatureStatistics];

        // 1. conditional moments from the Edgeworth machinery (kept modes 1…κ as indexed sums)
        var moments = Edgeworth.ConditionalMoments(Q, Number.One, Kappa, CumulantFamily.Default);
        steps.Add(new("Conditional mean of the removed feature",
            @"The conditional mean $m_1 = \mathbb{E}[\phi_q \mid \phi_<]$ of the removed mode $q$ under the first-order Gram--Charlier/Edgeworth density $\mathcal{N}(\phi)[1 + \sum_n \kappa^{(n)}\mathrm{He}_n(\phi)/n!]$, conditioned on the kept modes $k = 1,\dots,\kappa$, follows from Hermite pairings and Kronecker contractions at first order in the cumulants",
            M1, moments.M1, cumulants));
        steps.Add(new("Conditional second moment of the removed feature",
            @"The conditional second moment $m_2 = \mathbb{E}[\phi_q^2 \mid \phi_<]$ under the same law is",
            M2, moments.M2, cumulants));
        var b = Engine.Expand((moments.M2 - 1) / 2);
        steps.Add(new("Hermite coefficient B",
            @"The conditional law $P(\phi_q \mid \phi_<) = \mathcal{N}(\phi_q)[1 + A\,\mathrm{He}_1 + B\,\mathrm{He}_2]$ has $\mathbb{E}[\phi_q^2 \mid \phi_<] = 1 + 2B$, so",
            (M2 - 1) / 2, b, cumulants));

        // 2. thin shell with E[φ_q² | φ_<] = m₂ in place of 1
        var shell = ThinShell.Average(1, phi, n => n switch { 0 => Number.One, 2 => M2, _ => throw new InvalidOperationException($"the first-order shell average needs no moment of order {n}") });
        steps.Add(new("Thin-shell average given the kept modes",
            @"The thin-shell average is the power series in $\delta_c$ to first order; the conditional expectation is linear, so $\phi_q^2$ is replaced by $m_2$",
            Expectation(phi, shell.Integrand), shell.Averaged, [Assumption.FeatureStatistics, Assumption.ThinShell], "≈"));
        var shifted = Series.Expand(ThinShell.Weight(Sigma2 + DeltaC * M2), [DeltaC], 1);
        Engine.Require(shifted.Equals(shell.Series), "the shell average equals exp(-U/(2(sigma^2 + delta_c m_2))) to first order");
        steps.Add(new("Identification with an input-dependent ridge",
            @"The series agrees to $O(\delta_c)$, coefficient by coefficient, with the weight of the input-dependent ridge $\sigma^2 + \delta_c m_2$",
            shell.Averaged, ThinShell.Weight(Sigma2 + DeltaC * M2), [Assumption.ThinShell], "≈"));

        // 3. the flow of σ²(x)
        Expr RidgeOf(Expr cutoff) => Ex.Call(RidgeAt(cutoff), x);
        var difference = RidgeOf(Kappa) - RidgeOf(Kappa - 1);
        var flow = Engine.Expand(Engine.Replace(difference, RidgeOf(Kappa - 1), RidgeOf(Kappa) + Engine.Substitute(shell.Shift, DeltaC, LambdaKappa)));
        steps.Add(new("Input-dependent flow equation",
            @"Removing the mode $\kappa$, $\sigma^2_{\kappa-1}(x) = \sigma^2_\kappa(x) + \text{shift}(\delta_c = \lambda_\kappa)$ with the shift read off the first-order coefficient",
            difference, flow, [Assumption.UnlearnableRemovedModes, Assumption.ThinShell, Assumption.ReplicaLimit], "⇒"));
        var withEdgeworth = Engine.Expand(Engine.Substitute(flow, M2, moments.M2));
        steps.Add(new("Flow with the Edgeworth conditional moment",
            @"With $m_2$ from the first-order Edgeworth law",
            flow, withEdgeworth, [Assumption.FeatureStatistics], "⇒"));

        // 4. μ-average at first order: E[φ_k] = 0, E[φ_kφ_l] = δ_kl under the Gaussian leading marginal
        var twoKept = Edgeworth.ConditionalMoments(Q, Ex.Num(2)).M2;
        var averaged = Wick.Expectation(Wick.Expectation(twoKept, Phi(1), 1), Phi(2), 1);
        Engine.Require(averaged.Equals(Number.One), "the mu-average of m_2 is 1 at first order");
        steps.Add(new("Average over the kept modes (two kept modes written out)",
            @"Averaged over the kept modes with their Gaussian leading marginal (Wick contraction), the cumulant terms vanish: the $\mu$-average of the input-dependent flow is the universal one",
            Expectation(Ex.Sym("phi", Ex.Sym("kept")), twoKept), averaged, [Assumption.FeatureStatistics]));

        return new Derivation(Name, "Non-Gaussian Wilsonian step: the input-dependent ridge",
            @"For weakly non-Gaussian features the conditional law of a removed mode given the kept ones is the first-order Edgeworth density; its moments $m_1 = A$ and $m_2 = 1 + 2B$ carry the third and fourth cumulants with the factors $1/2$ and $1/6$ obtained from Hermite pairings. The thin-shell average with $m_2$ in place of 1 gives the input-dependent flow $\partial\sigma^2(x)/\partial\kappa = -\lambda_\kappa m_2(x)$, whose $\mu$-average is the universal flow (docs/theory.md, eqs. (4.1) and (4.5)--(4.6)).",
            steps.ToImmutable(), "d sigma^2(x)/d kappa", flow)
        {
            Introduction = @"When the features are not Gaussian, the removed modes at a point $x$ are correlated with the kept ones: the local variance $\lambda_q\phi_q(x)^2$ that a removed mode adds to the ridge has a conditional mean $\lambda_q m_2(x)$ that depends on where $x$ sits in the kept features. The ridge becomes input dependent (docs/theory.md §4). This appendix obtains the conditional moments $m_1$ and $m_2$ from the cumulant tensors through the first-order Gram--Charlier/Edgeworth law, the combinatorial factors coming out of the engine's Hermite and Wick machinery, and derives the input-dependent flow, eq.~\eqref{eq:non-gaussian-step:result}. Its average over the data measure is the universal flow of \texttt{gaussian-step}.",
            ResultLatex = @"\frac{\partial\sigma^2(x)}{\partial\kappa}",
            Quantities = [new(A1, moments.M1, @"The conditional mean $A = m_1$"), new(B, b, @"The Hermite coefficient $B = (m_2 - 1)/2$"), new(M2Label, moments.M2, @"The conditional second moment $m_2$"), new(EdgeworthFlow, withEdgeworth, @"The flow with the Edgeworth $m_2$")],
        };
    }
}
