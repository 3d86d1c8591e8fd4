using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Kernels;

/// <summary>
/// The angular functions of the arc-cosine kernels (Cho–Saul; docs/theory.md (6.2)) J₀ = π − θ, J₁ = sin θ + (π − θ) cos θ,
/// J₂ = 3 sin θ cos θ + (π − θ)(1 + 2 cos²θ), written in three placeholder symbols <see cref="Cos"/>, <see cref="Sin"/>
/// and <see cref="Theta"/> on the unit circle cos²θ + sin²θ = 1.
/// <para>
/// Evaluation (<see cref="At"/>) uses the stable form: c = clamp(cos θ, −1, 1) (rounding pushes K_xy/√(K_xx K_yy) an ulp
/// past 1 near the diagonal, where arccos is NaN), θ = arccos c, and sin θ = √((1 − c)(1 + c)), which keeps relative
/// accuracy near c = ±1 where √(1 − c²) loses it (1 − c is exact there, c² is not).
/// </para>
/// <para>
/// The derivative dJ/dc (<see cref="DerivativeInCos"/>) is obtained by symbolic differentiation with the chain rule on the
/// circle, dθ/dc = −1/sin θ and d sin θ/dc = −cos θ/sin θ: dJ/dc = ∂_C J − (C ∂_S J + ∂_Θ J)/S. Each of the two last
/// terms is singular at θ = 0, π; their sum is not for n ≥ 1, but the cancellation needs C² = 1 − S², which the canonical
/// form does not apply. So the numerator C ∂_S J + ∂_Θ J is reduced with C² → 1 − S² before the division by S:
/// J₁′ = π − θ = J₀ and J₂′ = 4 J₁ come out with no 0/0 (the derivative of an arc-cosine layer, i.e. the NTK's K̇, stays
/// finite on the diagonal), while J₀′ = 1/sin θ keeps its genuine singularity (the step function's derivative is δ).
/// </para>
/// </summary>
public static class AngularFunction
{
    /// <summary>Placeholder symbols cos θ, sin θ and θ.</summary>
    public static readonly Symbol Cos = Ex.Sym("c"), Sin = Ex.Sym("s"), Theta = Ex.Sym("theta");

    /// <summary>J_n in the placeholders, n = 0, 1, 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Other degrees.</exception>
    public static Expr J(int degree) => degree switch
    {
        0 => Ex.Pi - Theta,
        1 => Sin + (Ex.Pi - Theta) * Cos,
        2 => 3 * Sin * Cos + (Ex.Pi - Theta) * (1 + 2 * Cos * Cos),
        _ => throw new ArgumentOutOfRangeException(nameof(degree), degree, "AngularFunction: the arc-cosine degree must be 0, 1 or 2."),
    };

    /// <summary>The stable angular variables (c, s, θ) for a cosine: c = clamp(cos, −1, 1), s = √((1 − c)(1 + c)), θ = arccos c.</summary>
    public static Dictionary<Expr, Expr> Variables(Expr cos)
    {
        ArgumentNullException.ThrowIfNull(cos);
        var c = Ex.Clamp(cos, -1, 1);
        return new Dictionary<Expr, Expr>
        {
            [Cos] = c,
            [Sin] = Ex.Sqrt((1 - c) * (1 + c)),
            [Theta] = Ex.Arccos(c),
        };
    }

    /// <summary>An expression in the placeholders evaluated at a cosine through the stable variables of <see cref="Variables"/>.</summary>
    public static Expr At(Expr angular, Expr cos) => Substitute.Apply(angular, Variables(cos));

    /// <summary>
    /// dJ_n/dc in the placeholders, by the chain rule on the circle with the numerator reduced modulo C² + S² = 1 (see the
    /// type's remarks): J₀′ = 1/S, J₁′ = π − Θ, J₂′ = 4S + 4C(π − Θ).
    /// </summary>
    public static Expr DerivativeInCos(int degree)
    {
        var j = J(degree);
        var numerator = Cos * Differentiate.Of(j, Sin) + Differentiate.Of(j, Theta);
        // C^k → C^(k mod 2) (1 − S²)^(k div 2), then divide by S term by term
        var reduced = new SumBuilder();
        foreach (var (k, coefficient) in Collect.Coefficients(numerator, Cos))
            reduced.Add(coefficient * Ex.Pow(Cos, k % 2) * Ex.Pow(1 - Sin * Sin, k / 2));
        var quotient = new SumBuilder();
        foreach (var (m, coefficient) in Collect.Coefficients(reduced.ToExpr(), Sin))
            quotient.Add(coefficient * Ex.Pow(Sin, m - 1));
        return Differentiate.Of(j, Cos) - quotient.ToExpr();
    }
}
