using System.Collections.Immutable;
using NngpRg.Core.Derivations;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.FieldTheory;

/// <summary>How the one-neuron moments μ_n of a <see cref="NeuronMoments"/> table are evaluated.</summary>
public enum MomentMethod
{
    /// <summary>Gauss-net: the closed form derived by the engine's Gaussian integral (docs/theory.md (9.6)).</summary>
    ClosedForm,
    /// <summary>ReLU, d = 1 (or d = 2 at σ_b = 0): the integrand is homogeneous of degree n in (w, b) (or w ∈ ℝ²); the radial moment 2^{n/2}Γ(n/2 + 1) times an angular Gauss–Legendre integral split at the kinks (exact to rounding).</summary>
    PolarQuadrature,
    /// <summary>Erf, d = 1: tensor Gauss–Hermite quadrature in (w, b), 160 nodes per direction.</summary>
    GaussHermite,
}

/// <summary>
/// The one-neuron moments μ_n(x_{i₁}, …, x_{i_n}) = E Π_k h(x_{i_k}) of an architecture on fixed input points
/// (docs/theory.md (9.3)): in closed form for the Gauss-net (any d), by quadrature over (w, b) for ReLU and Erf in d = 1,
/// and over w ∈ ℝ² for the ReLU-net at σ_b = 0 in d = 2.
/// Every moment is a weighted sum over one table of unit values, so the 126 four-point and 462 six-point moments of six
/// inputs cost one product per node each. Immutable and thread-safe.
/// </summary>
public sealed class NeuronMoments
{
    /// <summary>Gauss–Hermite nodes per direction of the Erf rule.</summary>
    public const int HermiteNodes = 160;

    /// <summary>Gauss–Legendre nodes per kink-free arc of the ReLU rule (the integrand is a trigonometric polynomial of degree ≤ n there).</summary>
    public const int ArcNodes = 32;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, double> _cache = new();
    private readonly double[] _weights = [];
    private readonly double[][] _values = [];
    private readonly double[] _squaredNorms;
    private readonly double[][] _points;

    /// <summary>The architecture.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The input points.</summary>
    public ImmutableArray<ImmutableArray<double>> Points { get; }

    /// <summary>How the moments are evaluated.</summary>
    public MomentMethod Method { get; }

    /// <summary>Whether exact moments are available for this architecture and dimension (else <see cref="For"/> throws).</summary>
    public static bool Available(NetworkArchitecture architecture) =>
        architecture.Kind == NetworkKind.Gauss || architecture.InputDimension == 1 || IsPlanarRelu(architecture);

    // ReLU at σ_b = 0 in d = 2: the pre-activation W⁰·x spans the two dimensions of W⁰, so the polar rule applies.
    internal static bool IsPlanarRelu(NetworkArchitecture a) => a.Kind == NetworkKind.Relu && a.InputDimension == 2 && a.SigmaB == 0;

    /// <summary>The moment table of <paramref name="architecture"/> on <paramref name="points"/>.</summary>
    /// <exception cref="ArgumentException">No points, a point of the wrong dimension or not finite, or ReLU/Erf with d &gt; 1 other than ReLU
    /// with d = 2, σ_b = 0 (no exact rule: the pre-activations span more than two dimensions; use the Monte Carlo).</exception>
    public static NeuronMoments For(NetworkArchitecture architecture, IReadOnlyList<IReadOnlyList<double>> points)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("NeuronMoments: give at least one input point.");
        for (int i = 0; i < points.Count; i++)
        {
            if (points[i].Count != architecture.InputDimension)
                throw new ArgumentException($"input point {i + 1} has {points[i].Count} coordinates; the network has d = {architecture.InputDimension}.");
            if (points[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"input point {i + 1} has a non-finite coordinate.");
        }
        if (!Available(architecture))
            throw new ArgumentException($"exact correlators of the {NetworkKinds.Name(architecture.Kind)}-net need d = 1 (its pre-activations (w·x, b) then span two dimensions " +
                $"and the moments are two-dimensional integrals), or for the ReLU-net d = 2 with σ_b = 0 (then w ∈ ℝ² spans them); d = {architecture.InputDimension}, " +
                $"σ_b = {architecture.SigmaB.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is covered by the Monte Carlo only. The Gauss-net has closed forms in every d.");
        return new NeuronMoments(architecture, points);
    }

    private NeuronMoments(NetworkArchitecture architecture, IReadOnlyList<IReadOnlyList<double>> points)
    {
        Architecture = architecture;
        Points = [.. points.Select(p => p.ToImmutableArray())];
        _points = [.. points.Select(p => p.ToArray())];
        _squaredNorms = [.. _points.Select(p => p.Sum(v => v * v))];
        switch (architecture.Kind)
        {
            case NetworkKind.Gauss:
                Method = MomentMethod.ClosedForm;
                break;
            case NetworkKind.Relu:
                Method = MomentMethod.PolarQuadrature;
                (_weights, _values) = PolarRule(architecture, _points);
                break;
            default:
                Method = MomentMethod.GaussHermite;
                (_weights, _values) = HermiteRule(architecture, _points);
                break;
        }
    }

    /// <summary>The number of input points.</summary>
    public int Count => _points.Length;

    /// <summary>μ_n at the points with the given indices (repetitions allowed; n = 0 gives 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index outside 0 … Count − 1.</exception>
    public double Moment(ReadOnlySpan<int> indices)
    {
        foreach (int i in indices)
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"NeuronMoments: point index {i} outside 0 … {Count - 1}.");
        if (indices.Length == 0) return 1;
        if (Method == MomentMethod.ClosedForm) return GaussClosedForm(indices);
        // μ is symmetric: cache by the sorted indices (base 16, at most 15 of them)
        Span<int> sorted = stackalloc int[indices.Length];
        indices.CopyTo(sorted);
        sorted.Sort();
        long key = indices.Length <= 15 && Count < 16 ? 1 : -1;
        if (key > 0) foreach (int i in sorted) key = key * 16 + i;
        if (key > 0 && _cache.TryGetValue(key, out double cached)) return cached;
        double value = Quadrature(indices);
        if (key > 0) _cache[key] = value;
        return value;
    }

    private double Quadrature(ReadOnlySpan<int> indices)
    {
        var sum = new CompensatedSum();
        for (int k = 0; k < _weights.Length; k++)
        {
            double p = _weights[k];
            foreach (int i in indices) p *= _values[i][k];
            sum.Add(p);
        }
        return Method == MomentMethod.PolarQuadrature ? RadialMoment(indices.Length) * sum.Value : sum.Value;
    }

    /// <summary>K̃ = μ₂ at two points (from the kernel's closed form, which the quadrature reproduces).</summary>
    public double NeuronKernel(int i, int j) => Architecture.NeuronKernel(_points[i], _points[j]);

    // E r^n for the radius of a standard two-dimensional normal: 2^{n/2} Γ(n/2 + 1).
    private static double RadialMoment(int n) => Math.Pow(2, n / 2.0) * Math.Exp(SpecialFunctions.LogGamma(n / 2.0 + 1));

    // μ_n = exp[σ_b²(n²/2 − n) + σ_W²(|S|² − 2Q)/(2d)], S = Σ x_i, Q = Σ |x_i|² (derivation nnqft-correlators).
    private double GaussClosedForm(ReadOnlySpan<int> indices)
    {
        int d = Architecture.InputDimension;
        double s2 = 0, q = 0;
        for (int k = 0; k < d; k++)
        {
            double s = 0;
            foreach (int i in indices) s += _points[i][k];
            s2 += s * s;
        }
        foreach (int i in indices) q += _squaredNorms[i];
        return NnqftCorrelators.GaussNetMoment(Architecture.SigmaW2, Architecture.SigmaB2, d, indices.Length, s2, q);
    }

    // (w, b) = r (σ_W cos φ, σ_b sin φ) in d = 1: h_i = r · relu(σ_W x_i cos φ + σ_b sin φ); in d = 2 at σ_b = 0,
    // w = r (σ_W/√2)(cos φ, sin φ): h_i = r · relu((σ_W/√2)(x_i1 cos φ + x_i2 sin φ)). Either way h_i = r · relu(u_i cos φ + v_i sin φ);
    // the arcs between the zeros of the brackets are integrated by Gauss–Legendre, exact for the trigonometric polynomial
    // the product is on each arc.
    private static (double[] Weights, double[][] Values) PolarRule(NetworkArchitecture a, double[][] points)
    {
        double scale = a.SigmaW / Math.Sqrt(a.InputDimension);
        var uv = points.Select(p => a.InputDimension == 1 ? (U: a.SigmaW * p[0], V: a.SigmaB) : (U: scale * p[0], V: scale * p[1])).ToArray();
        var kinks = new List<double> { 0, 2 * Math.PI };
        foreach (var (u, v) in uv)
        {
            if (u == 0 && v == 0) continue;
            double alpha = Math.Atan2(v, u);
            foreach (double z in new[] { alpha + Math.PI / 2, alpha - Math.PI / 2 })
            {
                double t = z % (2 * Math.PI);
                if (t < 0) t += 2 * Math.PI;
                kinks.Add(t);
            }
        }
        kinks.Sort();
        var rule = SphereQuadrature.GaussGegenbauer(3, ArcNodes);
        var phi = new List<double>();
        var weights = new List<double>();
        for (int k = 0; k + 1 < kinks.Count; k++)
        {
            double lo = kinks[k], hi = kinks[k + 1];
            if (hi - lo < 1e-15) continue;
            for (int j = 0; j < rule.Nodes.Length; j++)
            {
                phi.Add(lo + (hi - lo) * (rule.Nodes[j] + 1) / 2);
                weights.Add(rule.Weights[j] * (hi - lo) / (2 * Math.PI));
            }
        }
        var values = uv.Select(p => phi.Select(f => Math.Max(0, p.U * Math.Cos(f) + p.V * Math.Sin(f))).ToArray()).ToArray();
        return ([.. weights], values);
    }

    // (w, b) = (σ_W z₁, σ_b z₂), z ~ N(0, I₂), on the tensor Gauss–Hermite rule (one direction when σ_b = 0).
    private static (double[] Weights, double[][] Values) HermiteRule(NetworkArchitecture a, double[][] points)
    {
        var (z, w) = Hermite.Value;
        var weights = new List<double>();
        var nodes = new List<(double W, double B)>();
        if (a.SigmaB == 0)
            for (int i = 0; i < z.Length; i++) { weights.Add(w[i]); nodes.Add((a.SigmaW * z[i], 0)); }
        else
            for (int i = 0; i < z.Length; i++)
                for (int j = 0; j < z.Length; j++) { weights.Add(w[i] * w[j]); nodes.Add((a.SigmaW * z[i], a.SigmaB * z[j])); }
        var values = points.Select((p, i) => nodes.Select(n => a.Activation(n.W * p[0] + n.B, p[0] * p[0])).ToArray()).ToArray();
        return ([.. weights], values);
    }

    private static readonly Lazy<(double[] Nodes, double[] Weights)> Hermite = new(() =>
    {
        // Golub–Welsch for the probabilists' Hermite weight: Jacobi matrix with off-diagonal √k; weights sum to 1.
        var diagonal = new double[HermiteNodes];
        var off = Enumerable.Range(1, HermiteNodes - 1).Select(k => Math.Sqrt(k)).ToArray();
        return SymmetricTridiagonal.Solve(diagonal, off);
    });
}
