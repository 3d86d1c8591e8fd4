using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Kernels;

/// <summary>
/// The NNGP layer map K ↦ K' = σ_b² + σ_w² E_{(u,v)~N(0,K)}[φ(u) φ(v)] of an activation φ (PHYSICS.md §6), as
/// expressions in the previous layer's entries.
/// </summary>
/// <param name="Activation">φ.</param>
/// <param name="SigmaW2">Weight variance σ_w².</param>
/// <param name="SigmaB2">Bias variance σ_b².</param>
/// <param name="RbfScale">σ²_W0 of the Gauss-net (used only by <see cref="Activation.Rbf"/>).</param>
public sealed record LayerMap(Activation Activation, Expr SigmaW2, Expr SigmaB2, Expr RbfScale)
{
    /// <summary>A map with numeric variances.</summary>
    /// <exception cref="ArgumentException">When a variance is negative or not finite.</exception>
    public static LayerMap Of(Activation activation, double sigmaW2 = 1, double sigmaB2 = 0, double rbfScale = 1)
    {
        Check(sigmaW2, nameof(sigmaW2));
        Check(sigmaB2, nameof(sigmaB2));
        Check(rbfScale, nameof(rbfScale));
        return new LayerMap(activation, Number.Of(Rational.FromDouble(sigmaW2)), Number.Of(Rational.FromDouble(sigmaB2)), Number.Of(Rational.FromDouble(rbfScale)));
    }

    /// <summary>A map with symbolic variances σ_w², σ_b² (symbols sigma_w^{2}, sigma_b^{2}).</summary>
    public static LayerMap Symbolic(Activation activation) =>
        new(activation, Ex.SymSup("sigma", 2, Ex.Sym("w")), Ex.SymSup("sigma", 2, Ex.Sym("b")), Ex.SymSup("sigma", 2, Ex.Sym("W0")));

    private static void Check(double v, string name)
    {
        if (!double.IsFinite(v) || v < 0) throw new ArgumentException($"{name} must be a finite non-negative variance, got {v}.", name);
    }

    /// <summary>The next layer's K(x, y) from this layer's entries.</summary>
    public Expr OffDiagonal(KernelEntries k) => SigmaB2 + SigmaW2 * Expectation(k);

    /// <summary>The next layer's entries (diagonals through <see cref="KernelEntries.Diagonal"/>).</summary>
    public KernelEntries Apply(KernelEntries k)
    {
        var kxx = OffDiagonal(KernelEntries.Diagonal(k.Kxx));
        var kyy = OffDiagonal(KernelEntries.Diagonal(k.Kyy));
        return new KernelEntries(kxx, kyy, OffDiagonal(k), Ex.Sqrt(kxx * kyy));
    }

    /// <summary>E[φ(u) φ(v)] for (u, v) ~ N(0, [[K_xx, K_xy], [K_xy, K_yy]]).</summary>
    public Expr Expectation(KernelEntries k)
    {
        var r = k.Norm;
        var cos = k.Kxy / r;                 // cos θ
        var theta = Ex.Arccos(cos);
        var sin = Ex.Sqrt(1 - cos * cos);    // sin θ ≥ 0 on [0, π]
        var twoPi = 2 * Ex.Pi;
        return Activation switch
        {
            Activation.ArcCos0 => (Ex.Pi - theta) / twoPi,
            Activation.Relu or Activation.ArcCos1 => r * (sin + (Ex.Pi - theta) * cos) / twoPi,
            Activation.ArcCos2 => r * r * (3 * sin * cos + (Ex.Pi - theta) * (1 + 2 * cos * cos)) / twoPi,
            Activation.Erf => 2 / Ex.Pi * Ex.Arcsin(2 * k.Kxy / Ex.Sqrt((1 + 2 * k.Kxx) * (1 + 2 * k.Kyy))),
            Activation.Rbf => Ex.Exp(-RbfScale * (k.Kxx + k.Kyy - 2 * k.Kxy) / 2),
            _ => throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "unknown activation"),
        };
    }
}
