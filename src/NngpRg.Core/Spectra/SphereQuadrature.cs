using System.Collections.Immutable;

namespace NngpRg.Core.Spectra;

/// <summary>
/// A quadrature rule for the law of t = x·x' when x is uniform on S^{d−1}: density ∝ (1 − t²)^{(d−3)/2} on [−1, 1].
/// Weights are normalized (Σ w_j = 1), so Σ_j w_j f(t_j) ≈ Γ(d/2)/(√π Γ((d−1)/2)) ∫ f(t)(1 − t²)^{(d−3)/2} dt,
/// the Funk–Hecke average of PHYSICS.md §6, with no Gamma functions to overflow at large d.
/// </summary>
public sealed record SphereQuadrature
{
    private SphereQuadrature(int dimension, string rule, ImmutableArray<double> nodes, ImmutableArray<double> weights)
    {
        Dimension = dimension;
        Rule = rule;
        Nodes = nodes;
        Weights = weights;
    }

    /// <summary>The ambient dimension d of S^{d−1}.</summary>
    public int Dimension { get; }

    /// <summary>Which construction produced the rule ("Gauss–Gegenbauer" or "angular Gauss–Legendre").</summary>
    public string Rule { get; }

    /// <summary>Nodes t_j in [−1, 1].</summary>
    public ImmutableArray<double> Nodes { get; }

    /// <summary>Normalized weights w_j ≥ 0, Σ w_j = 1.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Σ_j w_j f(t_j).</summary>
    public double Integrate(Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var sum = new CompensatedSum();
        for (int j = 0; j < Nodes.Length; j++) sum.Add(Weights[j] * f(Nodes[j]));
        return sum.Value;
    }

    /// <summary>
    /// Gauss quadrature for the weight (1 − t²)^{(d−3)/2} (Gauss–Gegenbauer; Gauss–Chebyshev at d = 2, Gauss–Legendre
    /// at d = 3) by Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix of the normalized Gegenbauer
    /// recurrence, with off-diagonal β_k = √(k(k + 2λ − 1)/(4(k + λ)(k + λ − 1))), λ = d/2 − 1 (β₁ = 1/√2 at d = 2),
    /// and the weights are the squared first eigenvector components. Exact for polynomials of degree ≤ 2n − 1.
    /// Best for kernels smooth at t = ±1 and for large d.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">d &lt; 2 or n &lt; 1.</exception>
    public static SphereQuadrature GaussGegenbauer(int dimension, int nodes)
    {
        Gegenbauer.CheckDimension(dimension);
        CheckNodes(nodes);
        var (t, w) = GaussJacobiSymmetric(dimension, nodes);
        return new SphereQuadrature(dimension, "Gauss–Gegenbauer", [.. t], [.. w]);
    }

    /// <summary>
    /// Angular rule: t = cos θ, density ∝ sin^{d−2} θ on [0, π], Gauss–Legendre in θ with weights
    /// (π/2) w_j sin^{d−2} θ_j / I_{d−2}, I_m = ∫₀^π sin^m θ dθ by Wallis' recursion in log space. Converges
    /// spectrally for kernels that are smooth in the angle but not in t, such as the arc-cosine kernels
    /// (√(1 − t²), arccos t at t = ±1), where the Gauss–Gegenbauer rule converges only algebraically.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">d &lt; 2 or n &lt; 1.</exception>
    public static SphereQuadrature Angular(int dimension, int nodes)
    {
        Gegenbauer.CheckDimension(dimension);
        CheckNodes(nodes);
        var (x, w) = GaussJacobiSymmetric(3, nodes); // Gauss–Legendre, weights normalized to sum 1
        double logNormalization = LogWallis(dimension - 2);
        var t = new double[nodes];
        var weights = new double[nodes];
        for (int j = 0; j < nodes; j++)
        {
            double theta = Math.PI * (x[j] + 1) / 2;
            t[j] = Math.Cos(theta);
            // ∫₀^π g dθ ≈ Σ π w_j g(θ_j) with Σ w_j = 1.
            double logWeight = Math.Log(Math.PI * w[j]) + (dimension - 2) * Math.Log(Math.Sin(theta)) - logNormalization;
            weights[j] = Math.Exp(logWeight);
        }
        return new SphereQuadrature(dimension, "angular Gauss–Legendre", [.. t], [.. weights]);
    }

    /// <summary>ln ∫₀^π sin^m θ dθ; I₀ = π, I₁ = 2, I_m = ((m − 1)/m) I_{m−2}.</summary>
    internal static double LogWallis(int m)
    {
        double log = m % 2 == 0 ? Math.Log(Math.PI) : Math.Log(2);
        for (int k = m; k >= 2; k -= 2) log += Math.Log((k - 1.0) / k);
        return log;
    }

    private static (double[] Nodes, double[] Weights) GaussJacobiSymmetric(int dimension, int n)
    {
        double lambda = dimension / 2.0 - 1;
        var diagonal = new double[n];
        var off = new double[Math.Max(n - 1, 0)];
        for (int k = 1; k < n; k++)
            off[k - 1] = dimension == 2
                ? (k == 1 ? Math.Sqrt(0.5) : 0.5)
                : Math.Sqrt(k * (k + 2 * lambda - 1) / (4 * (k + lambda) * (k + lambda - 1)));
        var (nodes, weights) = SymmetricTridiagonal.Solve(diagonal, off);
        // Symmetrize: the exact rule is symmetric about 0, which makes odd moments vanish to rounding.
        for (int j = 0; j < n / 2; j++)
        {
            double x = 0.5 * (nodes[n - 1 - j] - nodes[j]);
            double w = 0.5 * (weights[j] + weights[n - 1 - j]);
            nodes[j] = -x; nodes[n - 1 - j] = x;
            weights[j] = w; weights[n - 1 - j] = w;
        }
        if (n % 2 == 1) nodes[n / 2] = 0;
        return (nodes, weights);
    }

    private static void CheckNodes(int nodes)
    {
        if (nodes < 1)
            throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "SphereQuadrature: the number of nodes must be ≥ 1.");
    }
}
