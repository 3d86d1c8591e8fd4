using System.Collections.Immutable;
using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// Target power in a removed mode (docs/theory.md §3), for a symbolic number M of replicas: the replica weight with
/// u_a − y_q φ_q is averaged over a Gaussian feature φ_q exactly (one Gaussian integral, the replica sums Σ_a u_a and
/// Σ_a u_a² as atoms), and its logarithm to order y_q² is −Σ_a u_a²/(2σ²) + (y_q²/(2σ⁴))(Σ_a u_a)² − M y_q²/(2σ²): the
/// coefficient of Σ_a u_a² (the ridge) is unchanged, the cross-replica term is quenched label noise of variance y_q², and
/// the u-free part is proportional to M, so it vanishes as M → 0.
/// </summary>
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
    /// <summary>Label of the replica log-weight to order y_q².</summary>
    public const string LogWeight = "replica log-weight to order y_q^2";

    /// <summary>Σ_a u_a, the replica sum of the kept misfits.</summary>
    public static Expr SumU { get; } = IndexedSum.Of(Misfit(A), A, 1, M);
    /// <summary>Σ_a u_a², the replica sum of the squared kept misfits.</summary>
    public static Expr SumU2 { get; } = IndexedSum.Of(Ex.Pow(Misfit(A), 2), A, 1, M);

    /// <summary>Derives the cross-replica term of target power in a removed mode, step by step.</summary>
    public static Derivation Derive()
    {
        Symbol yq = Y(Q), phi = Phi(Q), ua = Misfit(A);
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();
        ImmutableArray<Assumption> gaussian = [Assumption.FeatureStatistics];
        var unit = new Expr[,] { { Number.One } };

        // 1. the replica sum of the exponent with M symbolic
        var perReplica = -Ex.Pow(ua - yq * phi, 2) / (2 * Sigma2);
        var exponent = IndexSums.Sum(perReplica, [A], Number.One, M);
        var form = -SumU2 / (2 * Sigma2) + yq * phi * SumU / Sigma2 - M * Ex.Pow(yq, 2) * Ex.Pow(phi, 2) / (2 * Sigma2);
        Engine.Require(Engine.Same(exponent, form), "the replica sum is -sum u^2/(2 sigma^2) + y phi sum u/sigma^2 - M y^2 phi^2/(2 sigma^2)");
        steps.Add(new("Target power in the removed mode",
            @"When the target has the component $y_q$ on a removed mode $q$, the misfit of replica $a$ at a data point is $u_a - y_q\phi_q$, with $u_a$ the misfit of the kept modes. Expanding the sum over the $M$ replicas with $\sum_{a=1}^M 1 = M$, the feature enters through $\sum_a u_a$ and $M$",
            IndexedSum.Of(perReplica, A, 1, M), form, []));

        // 2. the Gaussian integral over φ_q, exact, M symbolic
        var factor = GaussianIntegral.ExpectationFactor(form, [phi], unit);
        var averaged = factor.ToExpr();
        steps.Add(new("Average over the removed feature",
            @"The removed feature is Gaussian, $\phi_q \sim \mathcal{N}(0,1)$, independent of the kept modes; the average over the data measure is one Gaussian integral, done exactly by completing the square",
            Expectation(phi, Ex.Exp(form)), averaged, gaussian));

        // 3. its logarithm to order y_q²
        var logWeight = Series.Expand(Ex.Log(factor.Prefactor(Number.Half)) + factor.Exponent, [yq], 2);
        var log = Engine.Expand(logWeight.ToExpr());
        steps.Add(new("Replica log-weight to second order",
            @"Its logarithm, as a power series in $y_q$ to second order",
            Ex.Log(averaged), log, gaussian, "≈"));
        Engine.Require(Engine.Same(logWeight.Coefficient(1), Number.Zero), "the linear term in y_q vanishes");
        steps.Add(new("The linear term vanishes",
            @"The coefficient of $y_q$ vanishes: the odd moments of the Gaussian feature are zero",
            Ex.Sym("c", 1), logWeight.Coefficient(1), gaussian, "≡"));

        // 4. the decomposition α Σu² + β (Σu)² + M c, read off with the replica sums as atoms
        Symbol p1 = Ex.Sym("P", 1), p2 = Ex.Sym("P", 2);
        var atoms = Substitute.Apply(log, new Dictionary<Expr, Expr> { [SumU] = p1, [SumU2] = p2 });
        var alpha = Engine.Normalize(Engine.Coefficient(atoms, p2, 1));
        var beta = Engine.Normalize(Engine.Coefficient(atoms, p1, 2));
        var free = Engine.Normalize(Engine.Substitute(Engine.Substitute(atoms, p1, Number.Zero), p2, Number.Zero));
        var general = alpha * SumU2 + beta * Ex.Pow(SumU, 2) + free;
        Engine.Require(Engine.Same(atoms, alpha * p2 + beta * Ex.Pow(p1, 2) + free), "the log-weight is alpha sum u^2 + beta (sum u)^2 + constant");
        var perReplicaFree = Engine.Normalize(free / M);
        Engine.Require(!Structure.DependsOn(perReplicaFree, M), "the u-free part is proportional to M");
        steps.Add(new("Decomposition into replica-diagonal and cross-replica parts",
            @"With the replica sums as atoms the log-weight is $\alpha\sum_a u_a^2 + \beta\,(\sum_a u_a)^2$ plus a part free of the misfits, and that part is proportional to $M$",
            log, general, gaussian));

        // 5. the ridge is unchanged
        var atZero = Substitute.Apply(Engine.Substitute(atoms, yq, Number.Zero), new Dictionary<Expr, Expr>());
        var alphaAtZero = Engine.Normalize(Engine.Coefficient(atZero, p2, 1));
        Engine.Require(Engine.Same(alpha, alphaAtZero), "the coefficient of sum_a u_a^2 is that of y_q = 0");
        steps.Add(new("No ridge shift",
            @"The coefficient $\alpha$ of $\sum_a u_a^2$ is $-1/(2\sigma^2)$, its value without target power: the ridge is unchanged at order $y_q^2$",
            alpha, alphaAtZero, gaussian));

        // 6. the u-free part vanishes as M → 0
        var limit = Series.Limit(free, M);
        steps.Add(new("Replica limit of the constant",
            @"The part free of the misfits is proportional to $M$ and vanishes in the replica limit",
            free, limit, [Assumption.ReplicaLimit], "→"));

        // 7. quenched label noise e ~ N(0, s²) shared by the replicas reproduces β for s² = 2σ⁴β
        var crossTerm = beta * Ex.Pow(SumU, 2);
        var noise = Engine.Normalize(2 * Ex.Pow(Sigma2, 2) * beta);
        var e = Ex.Sym("e");
        var noisyExponent = IndexSums.Sum(-Ex.Pow(ua + e, 2) / (2 * Sigma2), [A], Number.One, M);
        var noisy = GaussianIntegral.ExpectationFactor(noisyExponent, [e], new Expr[,] { { noise } });
        var noisyLog = Substitute.Apply(Engine.Expand(Series.Expand(Ex.Log(noisy.Prefactor(Number.Half)) + noisy.Exponent, [yq], 2).ToExpr()),
            new Dictionary<Expr, Expr> { [SumU] = p1, [SumU2] = p2 });
        var noisyBeta = Engine.Normalize(Engine.Coefficient(noisyLog, p1, 2));
        Engine.Require(Engine.Same(noisyBeta, beta), "label noise of variance 2 sigma^4 beta reproduces beta");
        steps.Add(new("Quenched label noise",
            @"Label noise $e \sim \mathcal{N}(0, s^2)$ shared by the replicas gives, by the exact Gaussian integral of $e^{-\sum_a (u_a + e)^2/(2\sigma^2)}$ over $e$ expanded to the same order, the coefficient $s^2/(2\sigma^4)$ of $(\sum_a u_a)^2$; it equals $\beta$ for $s^2 = 2\sigma^4\beta$, the target power of the removed mode",
            crossTerm, noise, [Assumption.ReplicaLimit], "⇒"));

        return new Derivation(Name, "Target power in a removed mode: quenched label noise, not a ridge shift",
            @"When the target has power $y_q^2$ in a removed Gaussian mode, the replicated weight contains $u_a - y_q\phi_q$. Averaged exactly over $\phi_q$ for a symbolic number $M$ of replicas and expanded to order $y_q^2$, the linear term vanishes and the quadratic one is a cross-replica term $(y_q^2/(2\sigma^4))(\sum_a u_a)^2$: quenched label noise of variance $y_q^2$. The coefficient of $\sum_a u_a^2$, the ridge, is unchanged, and the part free of the misfits is proportional to $M$ (docs/theory.md, eq. (3.5)).",
            steps.ToImmutable(), "cross-replica term", crossTerm)
        {
            Introduction = @"The leading-order flow of \texttt{gaussian-step} assumes that the target has no power in the removed modes. When it does, the misfit of every replica contains the same extra term $-y_q\phi_q(x)$, and averaging over the removed feature couples the replicas. This appendix shows, for a symbolic number of replicas $M$ and with the Gaussian integral over the feature done exactly, that the coupling is a cross-replica term $(\sum_a u_a)^2$ --- the signature of label noise shared by the replicas, i.e.\ quenched noise of variance $y_q^2$ --- while the coefficient of $\sum_a u_a^2$, the ridge, does not change (docs/theory.md §3). The result is eq.~\eqref{eq:target-power:result}. At second order in the removed mode the noise is partially learned; see \texttt{next-order}.",
            Quantities =
            [
                new(Alpha, alpha, @"The coefficient $\alpha$ of $\sum_a u_a^2$"),
                new(Beta, beta, @"The coefficient $\beta$ of $(\sum_a u_a)^2$"),
                new(NoiseVariance, noise, @"The variance $2\sigma^4\beta$ of the quenched label noise"),
                new(LogWeight, log, @"The replica log-weight to order $y_q^2$"),
            ],
        };
    }
}
