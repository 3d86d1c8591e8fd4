using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Kernels;

/// <summary>
/// The three entries of a layer's kernel on a pair of inputs (x, y): K(x,x), K(y,y), K(x,y), as expressions.
/// <see cref="Norm"/> is √(K_xx K_yy), carried separately so that the diagonal (x = y), where it equals K_xx,
/// stays in closed form instead of √(K_xx²), which the canonical form cannot reduce without a sign.
/// </summary>
/// <param name="Kxx">K(x, x).</param>
/// <param name="Kyy">K(y, y).</param>
/// <param name="Kxy">K(x, y).</param>
/// <param name="Norm">√(K_xx K_yy).</param>
public sealed record KernelEntries(Expr Kxx, Expr Kyy, Expr Kxy, Expr Norm)
{
    /// <summary>The symbols K_xx, K_yy, K_xy of a generic layer.</summary>
    public static readonly Symbol Kxx0 = Ex.Sym("K", Ex.Sym("xx")), Kyy0 = Ex.Sym("K", Ex.Sym("yy")), Kxy0 = Ex.Sym("K", Ex.Sym("xy"));

    /// <summary>Generic entries in terms of the symbols K_xx, K_yy, K_xy.</summary>
    public static KernelEntries Generic => new(Kxx0, Kyy0, Kxy0, Ex.Sqrt(Kxx0 * Kyy0));

    /// <summary>Entries of the input layer K⁰(x, x') = σ_w² x·x' + σ_b² for inputs with squared norms nx, ny and dot product t.</summary>
    public static KernelEntries Input(Expr sigmaW2, Expr sigmaB2, Expr nx, Expr ny, Expr t)
    {
        var kxx = sigmaW2 * nx + sigmaB2;
        var kyy = sigmaW2 * ny + sigmaB2;
        return new KernelEntries(kxx, kyy, sigmaW2 * t + sigmaB2, Ex.Sqrt(kxx * kyy));
    }

    /// <summary>The same point twice: K_yy = K_xy = K_xx and the norm is K_xx (kernels are positive on the diagonal).</summary>
    public static KernelEntries Diagonal(Expr kxx) => new(kxx, kxx, kxx, kxx);
}
