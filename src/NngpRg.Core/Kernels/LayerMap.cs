using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Kernels;

/// <summary>
/// One layer's kernel map K ↦ K' as expressions in the previous layer's entries (docs/theory.md (6.1)–(6.6)):
/// <list type="bullet">
/// <item>NNGP layers (relu, erf, rbf): K' = σ_b² + σ_w² E_{(u,v)~N(0,K)}[φ(u) φ(v)]; for ReLU
/// K' = σ_b² + (σ_w²/2π) √(K_xx K_yy) J₁(θ).</item>
/// <item>Cho–Saul arc-cosine layers of degree n (arccos0, arccos1, arccos2): K' = (1/π) (K_xx K_yy)^{n/2} J_n(θ), with no
/// weight or bias variance (it is 2 E[Θ(u)uⁿ Θ(v)vⁿ], the NNGP of Θ(u)uⁿ at σ_w² = 2, σ_b² = 0).</item>
/// </list>
/// Here cos θ = K_xy/√(K_xx K_yy), clamped to [−1, 1] against rounding, with the stable forms of <see cref="AngularFunction"/>.
/// </summary>
/// <param name="Activation">φ, or the arc-cosine degree.</param>
/// <param name="SigmaW2">Weight variance σ_w² (1 for the arc-cosine kernels, whose input layer is x·y).</param>
/// <param name="SigmaB2">Bias variance σ_b² (0 for the arc-cosine kernels).</param>
/// <param name="RbfScale">σ²_W0 of the Gauss-net (used only by <see cref="Activation.Rbf"/>).</param>
public sealed record LayerMap(Activation Activation, Expr SigmaW2, Expr SigmaB2, Expr RbfScale)
{
    /// <summary>
    /// A map with numeric variances, read as the decimals they print as (0.1 is 1/10: <see cref="Rational.FromShortestDecimal"/>),
    /// so that exact folding works with the number the user typed.
    /// </summary>
    /// <exception cref="ArgumentException">When a variance is negative or not finite, or an arc-cosine kernel is given σ_w² ≠ 1 or σ_b² ≠ 0.</exception>
    public static LayerMap Of(Activation activation, double sigmaW2 = 1, double sigmaB2 = 0, double rbfScale = 1)
    {
        Check(sigmaW2, nameof(sigmaW2));
        Check(sigmaB2, nameof(sigmaB2));
        Check(rbfScale, nameof(rbfScale));
        if (!Activations.HasVariances(activation) && (sigmaW2 != 1 || sigmaB2 != 0))
            throw new ArgumentException(
                $"The Cho–Saul kernel {Activations.Name(activation)} has no weight or bias variance (k⁰ = x·y, k' = (1/π)(k_xx k_yy)^(n/2) J_n(θ)); " +
                $"got σ_w² = {sigmaW2}, σ_b² = {sigmaB2}. Use relu for the ReLU NNGP with σ_w², σ_b².");
        return new LayerMap(activation, Decimal(sigmaW2), Decimal(sigmaB2), Decimal(rbfScale));
    }

    /// <summary>A map with symbolic variances σ_w², σ_b² (symbols sigma_w^{2}, sigma_b^{2}); the arc-cosine kernels keep 1 and 0.</summary>
    public static LayerMap Symbolic(Activation activation) =>
        Activations.HasVariances(activation)
            ? new(activation, Ex.SymSup("sigma", 2, Ex.Sym("w")), Ex.SymSup("sigma", 2, Ex.Sym("b")), Ex.SymSup("sigma", 2, Ex.Sym("W0")))
            : new(activation, Number.One, Number.Zero, Number.One);

    private static Number Decimal(double v) => Number.Of(Rational.FromShortestDecimal(v));

    private static void Check(double v, string name)
    {
        if (!double.IsFinite(v) || v < 0) throw new ArgumentException($"{name} must be a finite non-negative variance, got {v}.", name);
    }

    /// <summary>The degree n of an arc-cosine map (1 for ReLU), or null for erf and RBF.</summary>
    public int? ArcCosineDegree => Activation switch
    {
        Activation.ArcCos0 => 0,
        Activation.Relu or Activation.ArcCos1 => 1,
        Activation.ArcCos2 => 2,
        _ => null,
    };

    /// <summary>The next layer's K(x, y) from this layer's entries.</summary>
    public Expr OffDiagonal(KernelEntries k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return Activation switch
        {
            Activation.Relu => SigmaB2 + SigmaW2 * k.Norm * AngularFunction.At(AngularFunction.J(1), Cosine(k)) / (2 * Ex.Pi),
            Activation.ArcCos0 or Activation.ArcCos1 or Activation.ArcCos2 =>
                Ex.Pow(k.Norm, ArcCosineDegree!.Value) * AngularFunction.At(AngularFunction.J(ArcCosineDegree.Value), Cosine(k)) / Ex.Pi,
            Activation.Erf or Activation.Rbf => SigmaB2 + SigmaW2 * Expectation(k),
            _ => throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "unknown activation"),
        };
    }

    /// <summary>
    /// K̇ = ∂K'/∂K_xy at fixed diagonals, the factor that multiplies the previous layer's NTK in Θ' = K' + K̇ Θ. Arc-cosine
    /// maps: A·r^{n−1} J_n′(c) with J_n′ from <see cref="AngularFunction.DerivativeInCos"/> (finite at θ = 0, π for n ≥ 1;
    /// 1/sin θ for n = 0); erf and RBF: symbolic differentiation of <see cref="OffDiagonal"/>.
    /// </summary>
    public Expr OffDiagonalDerivative(KernelEntries k)
    {
        ArgumentNullException.ThrowIfNull(k);
        if (ArcCosineDegree is { } n)
        {
            var derivative = AngularFunction.At(AngularFunction.DerivativeInCos(n), Cosine(k));
            return Activation == Activation.Relu
                ? SigmaW2 * derivative / (2 * Ex.Pi)
                : Ex.Pow(k.Norm, n - 1) * derivative / Ex.Pi;
        }
        // R stands for √(K_xx K_yy) while differentiating with respect to K_xy at fixed diagonals.
        var r = Ex.Sym("R");
        var generic = new KernelEntries(KernelEntries.Kxx0, KernelEntries.Kyy0, KernelEntries.Kxy0, r);
        var d = Differentiate.Of(OffDiagonal(generic), KernelEntries.Kxy0);
        return Substitute.Apply(d, new Dictionary<Expr, Expr>
        {
            [KernelEntries.Kxx0] = k.Kxx,
            [KernelEntries.Kyy0] = k.Kyy,
            [KernelEntries.Kxy0] = k.Kxy,
            [r] = k.Norm,
        });
    }

    /// <summary>
    /// The next layer's entries: diagonals through <see cref="KernelEntries.Diagonal"/> (exact: the cosine folds to 1), and
    /// K_xy clamped to the Cauchy–Schwarz bound |K_xy| ≤ √(K_xx K_yy), a guard against rounding that keeps K(t) ≤ K(1) in
    /// floating point (it never acts in exact arithmetic).
    /// </summary>
    public KernelEntries Apply(KernelEntries k)
    {
        ArgumentNullException.ThrowIfNull(k);
        var kxx = OffDiagonal(KernelEntries.Diagonal(k.Kxx));
        var kyy = OffDiagonal(KernelEntries.Diagonal(k.Kyy));
        // √(K_xx²) is K_xx (a diagonal is positive); written so, it evaluates to the same double as the diagonal itself
        var norm = kxx.Equals(kyy) ? kxx : Ex.Sqrt(kxx * kyy);
        return new KernelEntries(kxx, kyy, Ex.Clamp(OffDiagonal(k), -norm, norm), norm);
    }

    /// <summary>E[φ(u) φ(v)] for (u, v) ~ N(0, [[K_xx, K_xy], [K_xy, K_yy]]) of the NNGP activations (for ReLU (1/2π) r J₁(θ)).</summary>
    /// <exception cref="InvalidOperationException">For the Cho–Saul kernels, which are not a σ_w²-weighted expectation.</exception>
    public Expr Expectation(KernelEntries k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return Activation switch
        {
            Activation.Relu => k.Norm * AngularFunction.At(AngularFunction.J(1), Cosine(k)) / (2 * Ex.Pi),
            Activation.Erf => 2 / Ex.Pi * Ex.Arcsin(2 * k.Kxy / Ex.Sqrt((1 + 2 * k.Kxx) * (1 + 2 * k.Kyy))),
            Activation.Rbf => Ex.Exp(-RbfScale * (k.Kxx + k.Kyy - 2 * k.Kxy) / 2),
            _ => throw new InvalidOperationException($"LayerMap: the Cho–Saul kernel {Activations.Name(Activation)} is not written as σ_b² + σ_w² E[φφ]; use OffDiagonal."),
        };
    }

    // cos θ = K_xy/√(K_xx K_yy); on the diagonal the norm is K_xx and the cosine folds to 1.
    private static Expr Cosine(KernelEntries k) => k.Kxy / k.Norm;
}
