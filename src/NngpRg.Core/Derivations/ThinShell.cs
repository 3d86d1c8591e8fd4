using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>The thin-shell average of docs/theory.md §2 step 2 as power series in δ_c, and its reading as a ridge shift.</summary>
/// <param name="Integrand">exp(−U/(2(σ² + δ_c φ_q²))).</param>
/// <param name="Series">The averaged power series in δ_c.</param>
/// <param name="Averaged">The series as a polynomial in δ_c.</param>
/// <param name="Shift">The ridge shift read off the first-order coefficient: δ_c·c₁/(∂c₀/∂σ²).</param>
internal sealed record ThinShell(Expr Integrand, Series Series, Expr Averaged, Expr Shift)
{
    /// <summary>exp(−U/(2·ridge)), the replica weight of the kept misfit U = Σ_a u_a² at a given ridge.</summary>
    public static Expr Weight(Expr ridge) => Ex.Exp(-U / (2 * ridge));

    /// <summary>
    /// E_φ[exp(−U/(2(σ² + δ_c φ²)))] to order <paramref name="order"/> in δ_c: each series coefficient is a polynomial in φ
    /// whose powers φⁿ are replaced by <paramref name="moment"/>(n) (Wick with unit variance for a Gaussian feature).
    /// </summary>
    public static ThinShell Average(int order, Symbol phi, Func<int, Expr> moment)
    {
        var integrand = Weight(Sigma2 + DeltaC * Ex.Pow(phi, 2));
        var raw = Series.Expand(integrand, [DeltaC], order);
        var terms = Enumerable.Range(0, order + 1).Select(n =>
            new KeyValuePair<Monomial, Expr>(Monomial.Of(n), AverageOver(raw.Coefficient(n), phi, moment, 2 * n)));
        var averaged = Series.Of([DeltaC], order, terms);
        var c0 = averaged.Coefficient(0);
        var shift = Engine.Expand(DeltaC * averaged.Coefficient(1) / Differentiate.Of(c0, Sigma2));
        return new ThinShell(integrand, averaged, averaged.ToExpr(), shift);
    }

    /// <summary>The Gaussian shell average: moments of φ ~ N(0, 1) by Wick contraction.</summary>
    public static ThinShell Average(int order, Symbol phi, int variance) =>
        Average(order, phi, n => Wick.Expectation(Ex.Pow(phi, n), phi, variance));

    // c(φ) = Σ_j c_j φ^j up to degree maxDegree; E[c] = Σ_j c_j moment(j)
    private static Expr AverageOver(Expr c, Symbol phi, Func<int, Expr> moment, int maxDegree)
    {
        var sum = new SumBuilder();
        Expr rest = c;
        for (int j = 0; j <= maxDegree; j++)
        {
            var cj = Engine.Coefficient(c, phi, j);
            if (cj is Number { Value.IsZero: true }) continue;
            sum.Add(cj * moment(j));
            rest = rest - cj * Ex.Pow(phi, j);
        }
        Engine.Require(Engine.Expand(rest) is Number { Value.IsZero: true }, $"the coefficient '{c}' is a polynomial in {phi} of degree at most {maxDegree}");
        return Engine.Expand(sum.ToExpr());
    }
}
