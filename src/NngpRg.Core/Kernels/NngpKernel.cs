using System.Numerics;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Kernels;

/// <summary>
/// The NNGP kernel (and NTK) of a fully connected network of depth <see cref="Depth"/> with one activation: the input
/// layer K⁰(x, x') = σ_w² x·x' + σ_b², then <see cref="Depth"/> applications of the <see cref="LayerMap"/>
/// (docs/theory.md §6.1). All results are expressions; compile them for evaluation on data.
/// </summary>
/// <param name="Map">The layer map of every hidden layer.</param>
/// <param name="Depth">The number of hidden layers L ≥ 1.</param>
public sealed record NngpKernel(LayerMap Map, int Depth)
{
    /// <summary>Symbols of the input: squared norms |x|², |y|² and the dot product x·y.</summary>
    public static readonly Symbol NormX = Ex.Sym("n", Ex.Sym("x")), NormY = Ex.Sym("n", Ex.Sym("y")), Dot = Ex.Sym("t");

    /// <summary>A kernel of depth <paramref name="depth"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When depth &lt; 1 or &gt; 64.</exception>
    public static NngpKernel Of(LayerMap map, int depth)
    {
        if (depth is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be between 1 and 64 hidden layers");
        return new NngpKernel(map, depth);
    }

    /// <summary>The input layer's entries for inputs with squared norms nx, ny and dot product t.</summary>
    public KernelEntries InputEntries(Expr nx, Expr ny, Expr t) => KernelEntries.Input(Map.SigmaW2, Map.SigmaB2, nx, ny, t);

    /// <summary>
    /// Numbers on the diagonal of a layer are kept exact while numerator and denominator have at most this many bits; a
    /// larger one is replaced by the nearest double (exactly what evaluating it would give). Without this bound the exact
    /// diagonal of the degree-2 maps, q' ∝ q², doubles its size at every layer.
    /// </summary>
    public const int MaxExactDiagonalBits = 256;

    /// <summary>The entries after all hidden layers, as expressions of (|x|², |y|², x·y).</summary>
    /// <exception cref="ArgumentException">When a numeric diagonal K(x, x) leaves the double range at some layer (e.g. arccos2,
    /// whose diagonal grows like 3^(2^l)), or the exact expressions of that layer exceed <see cref="Rational.MaxBits"/>.</exception>
    public KernelEntries Entries(Expr nx, Expr ny, Expr t)
    {
        var k = InputEntries(nx, ny, t);
        for (int l = 1; l <= Depth; l++)
        {
            try { k = Bounded(Map.Apply(k), l); }
            catch (RationalOverflowException e)
            {
                throw new ArgumentException($"NngpKernel: the exact expressions of layer {l} of {Activations.Name(Map.Activation)} exceed {Rational.MaxBits} bits ({e.Message}); use fewer layers.", e);
            }
        }
        return k;
    }

    private KernelEntries Bounded(KernelEntries k, int layer)
    {
        Expr Round(Expr e)
        {
            if (e is not Number n) return e;
            var v = n.Value;
            if (Math.Max(BigInteger.Abs(v.Numerator).GetBitLength(), v.Denominator.GetBitLength()) <= MaxExactDiagonalBits) return e;
            double value = v.ToDouble();
            if (!double.IsFinite(value) || value == 0)
                throw new ArgumentException(
                    $"NngpKernel: K(x, x) = {(value == 0 ? "0 (underflow)" : "∞ (overflow)")} in double precision at layer {layer} of {Activations.Name(Map.Activation)} (depth {Depth}); the diagonal leaves the double range: use fewer layers or smaller variances.");
            return Number.Of(Rational.FromDouble(value));
        }
        var kxx = Round(k.Kxx);
        var kyy = Round(k.Kyy);
        var kxy = Round(k.Kxy); // a number when the inputs are numbers (the NTK's diagonal)
        if (ReferenceEquals(kxx, k.Kxx) && ReferenceEquals(kyy, k.Kyy) && ReferenceEquals(kxy, k.Kxy)) return k;
        var norm = kxx.Equals(kyy) ? kxx : Ex.Sqrt(kxx * kyy);
        return new KernelEntries(kxx, kyy, ReferenceEquals(kxy, k.Kxy) ? Ex.Clamp(kxy, -norm, norm) : kxy, norm);
    }

    /// <summary>K(x, y) as an expression of the symbols <see cref="NormX"/>, <see cref="NormY"/>, <see cref="Dot"/>.</summary>
    public Expr Kernel() => Entries(NormX, NormY, Dot).Kxy;

    /// <summary>K(t) for inputs on the unit sphere (|x| = |y| = 1, t = x·y): a dot-product kernel in the symbol <see cref="Dot"/>.</summary>
    public Expr DotProductKernel() => Entries(1, 1, Dot).Kxy;

    /// <summary>K(x, x) on the unit sphere, obtained through the diagonal map (so that it is exact at t = 1).</summary>
    public Expr DotProductDiagonal() => Entries(1, 1, 1).Kxx;

    /// <summary>
    /// The derivative K̇ = ∂K'/∂K_xy of the layer map at fixed diagonals (<see cref="LayerMap.OffDiagonalDerivative"/>: the
    /// circle chain rule for the arc-cosine maps, symbolic differentiation for erf and RBF); it multiplies the previous
    /// layer's NTK in Θ' = K' + K̇ Θ.
    /// </summary>
    public Expr LayerDerivative(KernelEntries k) => Map.OffDiagonalDerivative(k);

    /// <summary>Whether the network has a finite NTK: not for the degree-0 arc-cosine kernel, whose activation Θ(u) has derivative δ(u).</summary>
    public bool HasNtk => Map.Activation != Activation.ArcCos0;

    /// <summary>
    /// The neural tangent kernel Θ(x, y) of the same network (docs/theory.md (6.7)): Θ⁰ = K⁰, Θ^{l+1} = K^{l+1} + K̇^{l+1} Θ^l.
    /// For the Cho–Saul kernels it is the NTK of the network with input layer x·y and hidden layers of Θ(u)uⁿ at σ_w² = 2.
    /// </summary>
    /// <exception cref="InvalidOperationException">For arccos0 (<see cref="HasNtk"/> is false).</exception>
    public Expr Ntk(Expr nx, Expr ny, Expr t)
    {
        if (!HasNtk)
            throw new InvalidOperationException("NngpKernel: the arc-cosine kernel of degree 0 has no NTK: its activation Θ(u) has derivative δ(u), and K̇ = (1/π)/sin θ diverges on the diagonal.");
        var k = InputEntries(nx, ny, t);
        var theta = k.Kxy;
        for (int l = 1; l <= Depth; l++)
        {
            var dot = LayerDerivative(k);
            k = Bounded(Map.Apply(k), l);
            theta = k.Kxy + dot * theta;
        }
        return theta;
    }

    /// <summary>The NTK on the unit sphere as a function of t.</summary>
    /// <exception cref="InvalidOperationException">For arccos0.</exception>
    public Expr DotProductNtk() => Ntk(1, 1, Dot);

    /// <summary>Θ(x, x) on the unit sphere through the diagonal entries (the cosines fold to 1), so that it is exact at t = 1.</summary>
    /// <exception cref="InvalidOperationException">For arccos0.</exception>
    public Expr DotProductNtkDiagonal() => Ntk(1, 1, 1);
}
