using System.Collections.Immutable;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.Kernels;

/// <summary>
/// The Taylor coefficients K(t) = Σ_j b_j t^j of an NNGP kernel or NTK on the unit sphere (docs/theory.md §6.5, the series route), computed to
/// relative accuracy by composing series with non-negative coefficients. Every layer map is a function of the previous
/// layer's cosine c(t) = K(t)/K(1), whose coefficients are non-negative (Schoenberg), through functions whose own
/// coefficients are non-negative: arcsin, exp, and J₀ = π/2 + arcsin c, J₁ = J₁(c₀) + ∫J₀, J₂ = J₂(c₀) + 4∫J₁ (since J₁′ = J₀,
/// J₂′ = 4J₁), and for the NTK products with K̇ ∝ J_{n−1}(c). Composition is done by the first-order recurrences of the
/// derivative (h = f(g) ⇒ h′ = f′(g) g′), which add non-negative terms only: no cancellation, so every b_j carries a
/// relative error, however small it is. (Double-precision quadrature has an absolute error ε·K(1) instead.)
/// <para>
/// Error model: a positive recurrence of length j amplifies a relative perturbation of its input's total mass by j (moving
/// g(1) moves the singularity of f(g)), so b_j is given the relative error bound
/// <see cref="RoundingPerLayerAndIndex"/>·L·(j + 1)·ε for depth L (twice that for the NTK).
/// </para>
/// </summary>
/// <param name="Coefficients">b_0 … b_J, all ≥ 0.</param>
/// <param name="Depth">L, the number of hidden layers.</param>
/// <param name="Kind">NNGP kernel or NTK.</param>
/// <param name="AtOne">K(1) = Σ_{all j} b_j (Θ(1) for the NTK) from the engine's diagonal map, evaluated in double precision.</param>
public sealed record DotProductSeries(ImmutableArray<double> Coefficients, int Depth, KernelKind Kind, double AtOne)
{
    /// <summary>The constant γ of the rounding model γ·L·(j + 1)·ε (a bound: measured errors are smaller, see the tests).</summary>
    public const double RoundingPerLayerAndIndex = 16;

    /// <summary>
    /// The default highest index, J = 2048: with the asymptotic tail of <see cref="SeriesEigenvalues"/> it gives eigenvalues
    /// to about 1e-14 relative (measured against 60-digit quadrature), and costs O(J²) per layer.
    /// </summary>
    public const int DefaultMaxIndex = 2048;

    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>The highest index J.</summary>
    public int MaxIndex => Coefficients.Length - 1;

    /// <summary>The relative error bound of b_j.</summary>
    public double RelativeError(int j) => (Kind == KernelKind.Ntk ? 2 : 1) * RoundingPerLayerAndIndex * Depth * (j + 1.0) * Epsilon;

    /// <summary>
    /// The series of a kernel's dot-product form (NNGP or NTK) to index <paramref name="maxIndex"/>. The input layer is
    /// σ_w² t + σ_b²; each hidden layer maps (K(t), q = K(1)) by its closed form in the cosine c = K/q.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">maxIndex &lt; 1 or &gt; 65536.</exception>
    /// <exception cref="ArgumentException">Variances that are not plain numbers, or the NTK of arccos0 (which diverges).</exception>
    public static DotProductSeries Of(NngpKernel kernel, KernelKind kind = KernelKind.Nngp, int maxIndex = DefaultMaxIndex)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (maxIndex is < 1 or > 65536)
            throw new ArgumentOutOfRangeException(nameof(maxIndex), maxIndex, "DotProductSeries: the number of coefficients J must lie in 1 … 65536.");
        if (kind == KernelKind.Ntk && !kernel.HasNtk)
            throw new ArgumentException("DotProductSeries: arccos0 has no NTK (its activation's derivative is δ).", nameof(kind));
        var map = kernel.Map;
        double w2 = Value(map.SigmaW2, "σ_w²"), b2 = Value(map.SigmaB2, "σ_b²"), s = Value(map.RbfScale, "σ²_W0");
        int n = maxIndex + 1;
        var k = new double[n];
        k[0] = b2;
        if (n > 1) k[1] = w2;
        double q = w2 + b2;
        double[]? theta = kind == KernelKind.Ntk ? (double[])k.Clone() : null;
        for (int layer = 0; layer < kernel.Depth; layer++)
        {
            var (next, nextQ, dot) = Layer(map, w2, b2, s, k, q, theta is not null);
            if (theta is not null)
            {
                var product = Multiply(dot!, theta);
                for (int j = 0; j < n; j++) product[j] += next[j];
                theta = product;
            }
            k = next;
            q = nextQ;
        }
        var result = theta ?? k;
        for (int j = 0; j < n; j++)
            if (!double.IsFinite(result[j]) || result[j] < 0)
                throw new ArgumentException($"DotProductSeries: coefficient b_{j} = {result[j]:R} of {Activations.Name(map.Activation)} (depth {kernel.Depth}) is not a finite non-negative number.", nameof(kernel));
        double atOne = Evaluate.Constant(kind == KernelKind.Nngp ? kernel.DotProductDiagonal() : kernel.DotProductNtkDiagonal());
        return new DotProductSeries([.. result], kernel.Depth, kind, atOne);
    }

    /// <summary>
    /// K(R) (or Θ(R)) at real R ≥ 1 for the kernels analytic beyond the unit disc (erf, RBF), by the layer maps in doubles with
    /// no clamps; NaN past the radius of convergence (where an arcsin argument exceeds 1). Null for the arc-cosine family,
    /// whose kernels are singular at t = 1. With b_j ≥ 0 the Cauchy bound b_j ≤ K(R)/R^j holds (Pringsheim).
    /// </summary>
    public static Func<double, double>? BeyondOne(NngpKernel kernel, KernelKind kind = KernelKind.Nngp)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var map = kernel.Map;
        if (map.Activation is not (Activation.Erf or Activation.Rbf)) return null;
        double w2 = Value(map.SigmaW2, "σ_w²"), b2 = Value(map.SigmaB2, "σ_b²"), s = Value(map.RbfScale, "σ²_W0");
        return r =>
        {
            double q = w2 + b2, k = w2 * r + b2, theta = k;
            for (int l = 0; l < kernel.Depth; l++)
            {
                double nextQ, next, dot;
                if (map.Activation == Activation.Erf)
                {
                    double a = 2 / (1 + 2 * q);
                    nextQ = b2 + w2 * 2 / Math.PI * Math.Asin(a * q);
                    next = b2 + w2 * 2 / Math.PI * Math.Asin(a * k);
                    dot = w2 * 2 * a / Math.PI / Math.Sqrt((1 - a * k) * (1 + a * k));
                }
                else
                {
                    nextQ = b2 + w2;
                    next = b2 + w2 * Math.Exp(s * (k - q));
                    dot = w2 * s * Math.Exp(s * (k - q));
                }
                theta = next + dot * theta;
                (q, k) = (nextQ, next);
            }
            return kind == KernelKind.Ntk ? theta : k;
        };
    }

    private static double Value(Symbolic.Expressions.Expr e, string name) => e is Symbolic.Expressions.Number v
        ? v.Value.ToDouble()
        : throw new ArgumentException($"DotProductSeries: {name} = {e} must be a number (bind symbolic variances first).", nameof(e));

    // One hidden layer on the sphere: (series of K, q = K(1)) ↦ (series of K', q', series of K̇ when asked).
    private static (double[] K, double Q, double[]? Dot) Layer(LayerMap map, double w2, double b2, double s, double[] k, double q, bool derivative)
    {
        int n = k.Length;
        var result = new double[n];
        double[]? dot = null;
        switch (map.Activation)
        {
            case Activation.Relu or Activation.ArcCos0 or Activation.ArcCos1 or Activation.ArcCos2:
                {
                    int degree = map.ArcCosineDegree!.Value;
                    var c = Scale(k, 1 / q);
                    var j0 = ArcSin(c);
                    j0[0] += Math.PI / 2;                   // J₀(c) = π/2 + arcsin c
                    var j1 = degree >= 1 ? Integrate(c, j0, J1(c[0])) : null;
                    var j2 = degree >= 2 ? Integrate(c, Scale(j1!, 4), J2(c[0])) : null;
                    var jn = degree switch { 0 => j0, 1 => j1!, _ => j2! };
                    double jnAtOne = degree == 2 ? 3 * Math.PI : Math.PI;
                    if (map.Activation == Activation.Relu)
                    {
                        for (int j = 0; j < n; j++) result[j] = w2 * q * jn[j] / (2 * Math.PI);
                        result[0] += b2;
                        if (derivative) dot = Scale(j0, w2 / (2 * Math.PI));
                        return (result, b2 + w2 * q / 2, dot);
                    }
                    double qn = Math.Pow(q, degree);
                    for (int j = 0; j < n; j++) result[j] = qn * jn[j] / Math.PI;
                    // Cho–Saul: K̇ = n² q^(n−1) J_(n−1)(c)/π
                    if (derivative && degree >= 1) dot = Scale(degree == 1 ? j0 : j1!, degree * degree * Math.Pow(q, degree - 1) / Math.PI);
                    return (result, qn * jnAtOne / Math.PI, dot);
                }
            case Activation.Erf:
                {
                    // K' = σ_b² + σ_w² (2/π) arcsin(a K), a = 2/(1 + 2q); K̇ = σ_w² (4/π)/√((1 + 2q)² − 4K²) = σ_w² (2a/π) (1 − (aK)²)^(−1/2)
                    double a = 2 / (1 + 2 * q);
                    var g = Scale(k, a);
                    var (arcsin, root) = ArcSinWithRoot(g);
                    for (int j = 0; j < n; j++) result[j] = w2 * 2 / Math.PI * arcsin[j];
                    result[0] += b2;
                    if (derivative) dot = Scale(root, w2 * 2 * a / Math.PI);
                    return (result, b2 + w2 * 2 / Math.PI * Math.Asin(a * q), dot);
                }
            case Activation.Rbf:
                {
                    // K' = σ_b² + σ_w² exp(−s(2q − 2K)/2) = σ_b² + σ_w² exp(s(K − q)); K̇ = σ_w² s exp(s(K − q))
                    var g = Scale(k, s);
                    g[0] = s * (k[0] - q);
                    var e = Exp(g);
                    for (int j = 0; j < n; j++) result[j] = w2 * e[j];
                    result[0] += b2;
                    if (derivative) dot = Scale(e, w2 * s);
                    return (result, b2 + w2, dot);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(map), map.Activation, "unknown activation");
        }
    }

    private static double J1(double c) => Math.Sqrt((1 - c) * (1 + c)) + (Math.PI - Math.Acos(c)) * c;

    private static double J2(double c) => 3 * Math.Sqrt((1 - c) * (1 + c)) * c + (Math.PI - Math.Acos(c)) * (1 + 2 * c * c);

    private static double[] Scale(double[] a, double factor)
    {
        var r = new double[a.Length];
        for (int j = 0; j < a.Length; j++) r[j] = a[j] * factor;
        return r;
    }

    /// <summary>(a·b)_j = Σ_{k≤j} a_k b_{j−k}, truncated to the length of a.</summary>
    internal static double[] Multiply(double[] a, double[] b)
    {
        int n = a.Length;
        var r = new double[n];
        for (int j = 0; j < n; j++)
        {
            var sum = new CompensatedSum();
            for (int k = 0; k <= j; k++) sum.Add(a[k] * b[j - k]);
            r[j] = sum.Value;
        }
        return r;
    }

    /// <summary>h with h′ = f·g′ and h_0 = start: h_j = (1/j) Σ_{k=1}^{j} k g_k f_{j−k}.</summary>
    private static double[] Integrate(double[] g, double[] f, double start)
    {
        int n = g.Length;
        var h = new double[n];
        h[0] = start;
        for (int j = 1; j < n; j++)
        {
            var sum = new CompensatedSum();
            for (int k = 1; k <= j; k++) sum.Add(k * g[k] * f[j - k]);
            h[j] = sum.Value / j;
        }
        return h;
    }

    private static double[] ArcSin(double[] g) => ArcSinWithRoot(g).ArcSin;

    /// <summary>
    /// arcsin(g) and w = (1 − g²)^(−1/2) for g with g_k ≥ 0 and 0 ≤ g_0 &lt; 1. With u = g², w solves (1 − u) w′ = ½ u′ w:
    /// j(1 − u_0) w_j = Σ_{k=1}^{j} (j − k/2) u_k w_{j−k} (every term ≥ 0); then arcsin(g)′ = w g′.
    /// </summary>
    private static (double[] ArcSin, double[] Root) ArcSinWithRoot(double[] g)
    {
        int n = g.Length;
        if (!(g[0] >= 0 && g[0] < 1))
            throw new ArgumentException($"DotProductSeries: the cosine at t = 0 is {g[0]:R}; it must lie in [0, 1) (non-negative coefficients, K(0) < K(1)).", nameof(g));
        var u = Multiply(g, g);
        double denominator = (1 - g[0]) * (1 + g[0]);
        var w = new double[n];
        w[0] = 1 / Math.Sqrt(denominator);
        for (int j = 1; j < n; j++)
        {
            var sum = new CompensatedSum();
            for (int k = 1; k <= j; k++) sum.Add((j - k / 2.0) * u[k] * w[j - k]);
            w[j] = sum.Value / (j * denominator);
        }
        return (Integrate(g, w, Math.Asin(g[0])), w);
    }

    /// <summary>exp(g) for g with g_k ≥ 0 (k ≥ 1): h_0 = e^{g_0}, j h_j = Σ_{k=1}^{j} k g_k h_{j−k}.</summary>
    private static double[] Exp(double[] g)
    {
        int n = g.Length;
        var h = new double[n];
        h[0] = Math.Exp(g[0]);
        for (int j = 1; j < n; j++)
        {
            var sum = new CompensatedSum();
            for (int k = 1; k <= j; k++) sum.Add(k * g[k] * h[j - k]);
            h[j] = sum.Value / j;
        }
        return h;
    }
}
