using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The exactly solvable example of docs/theory.md §4: the linear kernel K = x·x' on the uniform sphere S^{d−1},
/// φ_k = √d x_k, λ_k = 1/d. The fourth cumulants follow from the sphere moments, the first-order Edgeworth m₂ agrees
/// with the exact E[φ_q² | x_&lt;] = d(1 − |x_&lt;|²)/(d − m) at O(1) and O(1/d), and removing every mode above m
/// gives σ²(x) = σ² + 1 − |x_&lt;|².
/// </summary>
/// <remarks>
/// The Edgeworth comparison is done for m = 2 kept coordinates written out (ρ = |φ_&lt;|² = φ_1² + φ_2² = d|x_&lt;|²);
/// the full removal is done for symbolic m and d with r = |x_&lt;|².
/// </remarks>
public static class LinearSphere
{
    /// <summary>The command-line name.</summary>
    public const string Name = "linear-sphere";

    /// <summary>The number of kept coordinates in the Edgeworth comparison.</summary>
    public const int KeptCount = 2;

    /// <summary>Label of U_qqqq.</summary>
    public const string Uqqqq = "U_qqqq";
    /// <summary>Label of U_qqkk.</summary>
    public const string Uqqkk = "U_qqkk";
    /// <summary>Label of the Edgeworth m₂ on the sphere.</summary>
    public const string EdgeworthM2 = "Edgeworth m_2";
    /// <summary>Label of the exact m₂ on the sphere.</summary>
    public const string ExactM2 = "exact m_2";

    /// <summary>The dimension d.</summary>
    public static Symbol D { get; } = Ex.Sym("d");
    /// <summary>r = |x_&lt;|², the squared norm of the kept coordinates.</summary>
    public static Symbol R { get; } = Ex.Sym("r");

    /// <summary>Derives the sphere example, step by step.</summary>
    public static Derivation Derive()
    {
        var d = D;
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();
        ImmutableArray<Assumption> sphere = [Assumption.FeatureStatistics];
        Symbol xq = Ex.Sym("x", Q), xk = Ex.Sym("x", K);

        // 1. moments of φ = √d x from E[x_i⁴] = 3/(d(d+2)), E[x_i² x_j²] = 1/(d(d+2))
        var scale = Ex.Sqrt(d);
        var fourth = Engine.Normalize(Ex.Pow(scale, 4) * 3 / (d * (d + 2)));
        var mixed = Engine.Normalize(Ex.Pow(scale, 4) / (d * (d + 2)));
        steps.Add(new("Fourth moment of a feature on the sphere",
            @"The features are $\phi_q = \sqrt{d}\,x_q$, and $\mathbb{E}[x_i^4] = 3/(d(d+2))$ for the uniform law on $S^{d-1}$",
            Expectation(Ex.Sym("x"), Ex.Pow(scale * xq, 4)), fourth, sphere));
        steps.Add(new("Mixed fourth moment",
            @"Likewise $\mathbb{E}[x_i^2x_j^2] = 1/(d(d+2))$ for $i \ne j$",
            Expectation(Ex.Sym("x"), Ex.Pow(scale * xq, 2) * Ex.Pow(scale * xk, 2)), mixed, sphere));

        // 2. fourth cumulants: moment minus the Gaussian (Wick) part with identity covariance
        Expr Identity(Expr i, Expr j) => i.Equals(j) ? Number.One : Number.Zero;
        var wickQqqq = Wick.Moment([Phi(Q), Phi(Q), Phi(Q), Phi(Q)], Identity);
        var wickQqkk = Wick.Moment([Phi(Q), Phi(Q), Phi(K), Phi(K)], Identity);
        var uqqqq = Engine.Normalize(fourth - wickQqqq);
        var uqqkk = Engine.Normalize(mixed - wickQqkk);
        steps.Add(new(@"Fourth cumulant $U_{qqqq}$",
            @"The fourth cumulant is the connected part, the moment minus the sum over the three Wick pairings with covariance $\delta_{ij}$",
            fourth - wickQqqq, uqqqq, sphere));
        steps.Add(new(@"Fourth cumulant $U_{qqkk}$",
            @"For the mixed cumulant only the pairing $\delta_{qq}\delta_{kk}$ survives; the third cumulants and $U_{qqkl}$ with $k \ne l$ vanish by the symmetry $x \to -x$",
            mixed - wickQqkk, uqqkk, sphere));

        // 3. the Edgeworth m₂ for m = 2 kept coordinates
        var m2 = Edgeworth.ConditionalMoments(Q, Ex.Num(KeptCount)).M2;
        var generic = m2;
        for (int a = 1; a <= KeptCount; a++)
        {
            m2 = Engine.Substitute(m2, SymmetricTensor.Of("kappa", [Q, Q, Ex.Num(a)]), 0);
            for (int b = a; b <= KeptCount; b++)
                m2 = Engine.Substitute(m2, SymmetricTensor.Of("U", [Q, Q, Ex.Num(a), Ex.Num(b)]), a == b ? uqqkk : Number.Zero);
        }
        m2 = Engine.Expand(m2);
        steps.Add(new("Edgeworth conditional second moment, two kept coordinates",
            @"Substituting $\kappa_{qqk} = 0$, $U_{qqkk} = -2/(d+2)$ and $U_{qqkl} = 0$ ($k \ne l$) into the first-order Edgeworth $m_2$ of \texttt{non-gaussian-step}",
            generic, m2, sphere, "⇒"));

        // 4. the exact conditional moment: the remaining d − m coordinates share 1 − |x_<|² uniformly
        var rho = Ex.Sym("rho");
        var exact = d * (1 - rho / d) / (d - KeptCount);
        var rhoValue = Sum.Of(Enumerable.Range(1, KeptCount).Select(k => Ex.Pow(Phi(k), 2)));
        var exactInPhi = Engine.Normalize(Engine.Substitute(exact, rho, rhoValue));
        steps.Add(new("Exact conditional second moment",
            @"Given $x_<$, the other $d - m$ coordinates are uniform on a sphere of squared radius $1 - |x_<|^2$, so $\mathbb{E}[x_q^2 \mid x_<] = (1 - |x_<|^2)/(d - m)$, with $\rho = d|x_<|^2 = |\phi_<|^2$",
            Expectation(Ex.Sym("x", Ex.Sym("q")), Ex.Pow(Phi(Q), 2)), exactInPhi, sphere));

        // 5. both as series in ε = 1/d
        var epsilon = Ex.Sym("epsilon");
        Series InEpsilon(Expr e) => Series.Expand(Engine.Substitute(e, d, 1 / epsilon), [epsilon], 2);
        var edgeworthSeries = InEpsilon(m2);
        var exactSeries = InEpsilon(exactInPhi);
        Engine.Require(edgeworthSeries.Truncate(1).Equals(exactSeries.Truncate(1)), "Edgeworth and exact m_2 agree at O(1) and O(1/d)");
        Engine.Require(!edgeworthSeries.Coefficient(2).Equals(exactSeries.Coefficient(2)), "Edgeworth and exact m_2 differ at O(1/d^2)");
        steps.Add(new(@"Exact $m_2$ in powers of $1/d$",
            @"In powers of $\epsilon = 1/d$ to second order",
            exactInPhi, exactSeries.ToExpr(), sphere, "≈"));
        steps.Add(new(@"Edgeworth $m_2$ in powers of $1/d$: agreement at $O(1)$ and $O(1/d)$",
            @"The Edgeworth $m_2$ in powers of $\epsilon = 1/d$ has the same coefficients of $\epsilon^0$ and $\epsilon^1$ as the exact one; the coefficients of $\epsilon^2$ differ",
            m2, edgeworthSeries.ToExpr(), sphere, "≈"));

        // 6. full removal with λ_q = 1/d: σ²(x) = σ² + Σ_{q=m+1}^{d} λ_q E[φ_q² | x_<]
        var m = Ex.Sym("m");
        var exactGeneral = d * (1 - R) / (d - m);
        var removed = IndexSums.Sum(exactGeneral / d, [Q], m + 1, d);
        var ridge = Engine.Normalize(Sigma2 + removed);
        steps.Add(new(@"Renormalized input-dependent ridge after removing every mode above $m$",
            @"Removing every mode above $m$ sums $\lambda_q\mathbb{E}[\phi_q^2 \mid x_<]$ over $q = m+1,\dots,d$ with $\lambda_q = 1/d$ and $r = |x_<|^2$; the summand does not depend on $q$, so the sum is the range length $d - m$ times it",
            Sigma2 + IndexedSum.Of(exactGeneral / d, Q, m + 1, d), ridge, [Assumption.UnlearnableRemovedModes, Assumption.ThinShell, Assumption.ReplicaLimit]));

        return new Derivation(Name, "Linear kernel on the sphere: the exactly solvable non-Gaussian example",
            @"For $K = x\cdot x'$ on the uniform sphere $S^{d-1}$, $\phi_k = \sqrt{d}\,x_k$ and $\lambda_k = 1/d$. The fourth cumulants follow from the sphere moments, $U_{qqqq} = -6/(d+2)$ and $U_{qqkk} = -2/(d+2)$; the first-order Edgeworth $m_2$ agrees with the exact $\mathbb{E}[\phi_q^2 \mid x_<] = d(1 - |x_<|^2)/(d - m)$ at $O(1)$ and $O(1/d)$, and removing every mode above $m$ gives $\sigma^2(x) = \sigma^2 + 1 - |x_<|^2$ (docs/theory.md, eqs. (4.11)--(4.12)).",
            steps.ToImmutable(), "sigma^2(x)", ridge)
        {
            Introduction = @"The linear kernel $K(x, x') = x\cdot x'$ on the uniform sphere $S^{d-1}$ is the exactly solvable non-Gaussian example of docs/theory.md §4. Its $d$ features $\phi_k = \sqrt{d}\,x_k$ have equal eigenvalues $\lambda_k = 1/d$ and are uncorrelated but not independent, since $\sum_k x_k^2 = 1$. Their cumulants follow from the moments of the sphere, the conditional moment of a removed coordinate is known in closed form, and the first-order Edgeworth $m_2$ of \texttt{non-gaussian-step} can be compared with it. The renormalized input-dependent ridge after removing every coordinate above $m$ is eq.~\eqref{eq:linear-sphere:result}. The same sphere moments show, in \texttt{next-order}, that a complete degenerate level does not fluctuate.",
            ResultLatex = @"\sigma^2(x)",
            Quantities = [new(Uqqqq, uqqqq, @"The fourth cumulant $U_{qqqq}$"), new(Uqqkk, uqqkk, @"The mixed fourth cumulant $U_{qqkk}$"), new(EdgeworthM2, m2, @"The Edgeworth $m_2$ with two kept coordinates"), new(ExactM2, exactInPhi, @"The exact $m_2$ with two kept coordinates")],
        };
    }
}
