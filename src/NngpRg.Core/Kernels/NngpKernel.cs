using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Kernels;

/// <summary>
/// The NNGP kernel (and NTK) of a fully connected network of depth <see cref="Depth"/> with one activation: the input
/// layer K⁰(x, x') = σ_w² x·x' + σ_b², then <see cref="Depth"/> applications of the <see cref="LayerMap"/>
/// (PHYSICS.md §6). All results are expressions; compile them for evaluation on data.
/// </summary>
/// <param name="Map">The layer map of every hidden layer.</param>
/// <param name="Depth">The number of hidden layers L ≥ 1.</param>
public sealed record NngpKernel(LayerMap Map, int Depth)
{
    /// <summary>Symbols of the input: squared norms |x|², |y|² and the dot product x·y.</summary>
    public static readonly Symbol NormX = Ex.Sym("n", Ex.Sym("x")), NormY = Ex.Sym("n", Ex.Sym("y")), Dot = Ex.Sym("t");

    // R stands for √(K_xx K_yy) while differentiating with respect to K_xy at fixed diagonals.
    private static readonly Symbol R = Ex.Sym("R");

    /// <summary>A kernel of depth <paramref name="depth"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When depth &lt; 1 or &gt; 64.</exception>
    public static NngpKernel Of(LayerMap map, int depth)
    {
        if (depth is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be between 1 and 64 hidden layers");
        return new NngpKernel(map, depth);
    }

    /// <summary>The input layer's entries for inputs with squared norms nx, ny and dot product t.</summary>
    public KernelEntries InputEntries(Expr nx, Expr ny, Expr t) => KernelEntries.Input(Map.SigmaW2, Map.SigmaB2, nx, ny, t);

    /// <summary>The entries after all hidden layers, as expressions of (|x|², |y|², x·y).</summary>
    public KernelEntries Entries(Expr nx, Expr ny, Expr t)
    {
        var k = InputEntries(nx, ny, t);
        for (int l = 0; l < Depth; l++) k = Map.Apply(k);
        return k;
    }

    /// <summary>K(x, y) as an expression of the symbols <see cref="NormX"/>, <see cref="NormY"/>, <see cref="Dot"/>.</summary>
    public Expr Kernel() => Entries(NormX, NormY, Dot).Kxy;

    /// <summary>K(t) for inputs on the unit sphere (|x| = |y| = 1, t = x·y): a dot-product kernel in the symbol <see cref="Dot"/>.</summary>
    public Expr DotProductKernel() => Entries(1, 1, Dot).Kxy;

    /// <summary>K(x, x) on the unit sphere, obtained through the diagonal map (so that it is exact at t = 1).</summary>
    public Expr DotProductDiagonal() => Entries(1, 1, 1).Kxx;

    /// <summary>
    /// The derivative K̇ = ∂K'/∂K_xy of the layer map at fixed diagonals, obtained by symbolic differentiation of
    /// <see cref="LayerMap.OffDiagonal"/>; it multiplies the previous layer's NTK in Θ' = K' + K̇ Θ.
    /// </summary>
    public Expr LayerDerivative(KernelEntries k)
    {
        var generic = new KernelEntries(KernelEntries.Kxx0, KernelEntries.Kyy0, KernelEntries.Kxy0, R);
        var derivative = Differentiate.Of(Map.OffDiagonal(generic), KernelEntries.Kxy0);
        return Substitute.Apply(derivative, new Dictionary<Expr, Expr>
        {
            [KernelEntries.Kxx0] = k.Kxx,
            [KernelEntries.Kyy0] = k.Kyy,
            [KernelEntries.Kxy0] = k.Kxy,
            [R] = k.Norm,
        });
    }

    /// <summary>The neural tangent kernel Θ(x, y) of the same network: Θ⁰ = K⁰, Θ^{l+1} = K^{l+1} + K̇^{l+1} Θ^l.</summary>
    public Expr Ntk(Expr nx, Expr ny, Expr t)
    {
        var k = InputEntries(nx, ny, t);
        var theta = k.Kxy;
        for (int l = 0; l < Depth; l++)
        {
            var dot = LayerDerivative(k);
            k = Map.Apply(k);
            theta = k.Kxy + dot * theta;
        }
        return theta;
    }

    /// <summary>The NTK on the unit sphere as a function of t.</summary>
    public Expr DotProductNtk() => Ntk(1, 1, Dot);
}
