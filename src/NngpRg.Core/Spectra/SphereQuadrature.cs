using System.Collections.Immutable;

namespace NngpRg.Core.Spectra;

/// <summary>
/// A quadrature rule for the law of t = x·x' when x is uniform on S^{d−1}: density ∝ (1 − t²)^{(d−3)/2} on [−1, 1].
/// Weights are normalized (Σ w_j = 1), so Σ_j w_j f(t_j) ≈ Γ(d/2)/(√π Γ((d−1)/2)) ∫ f(t)(1 − t²)^{(d−3)/2} dt,
/// the Funk–Hecke average of docs/theory.md (6.8), with no Gamma functions to overflow at large d.
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
    /// polished by Newton steps on the orthonormal polynomial, and the weights are the Christoffel numbers
    /// 1/Σ_{ℓ&lt;n} p̃_ℓ(t_j)² (equal to the squared first eigenvector components, but accurate to a few ulps).
    /// Exact for polynomials of degree ≤ 2n − 1.
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
        // β_k for k = 1..n: the last one is needed by the polishing recurrence below.
        var beta = new double[n + 1];
        double lambda = dimension / 2.0 - 1;
        for (int k = 1; k <= n; k++)
            beta[k] = dimension == 2
                ? (k == 1 ? Math.Sqrt(0.5) : 0.5)
                : Math.Sqrt(k * (k + 2 * lambda - 1) / (4 * (k + lambda) * (k + lambda - 1)));
        var (nodes, _) = SymmetricTridiagonal.Solve(new double[n], beta.AsSpan(1, n - 1));
        var weights = new double[n];
        for (int j = 0; j < n; j++)
        {
            // Newton on the orthonormal p̃_n, then the Christoffel weight 1/Σ_{ℓ<n} p̃_ℓ(t)²: both from the
            // recurrence t p̃_ℓ = β_{ℓ+1} p̃_{ℓ+1} + β_ℓ p̃_{ℓ−1}, accurate to a few ulps where the QL eigenvectors are not.
            double t = nodes[j];
            for (int iteration = 0; iteration < 2; iteration++)
            {
                var (value, derivative, _) = Orthonormal(beta, n, t);
                if (derivative == 0 || !double.IsFinite(value / derivative)) break;
                double step = value / derivative;
                if (Math.Abs(step) > 1e-8) break; // the eigenvalue was already a good start; a large step means a bad one
                t -= step;
            }
            nodes[j] = t;
            double christoffel = Orthonormal(beta, n, t).SumOfSquares;
            weights[j] = double.IsFinite(christoffel) ? 1 / christoffel : 0;
        }
        // Symmetrize: the exact rule is symmetric about 0, which makes odd moments vanish to rounding.
        for (int j = 0; j < n / 2; j++)
        {
            double x = 0.5 * (nodes[n - 1 - j] - nodes[j]);
            double w = 0.5 * (weights[j] + weights[n - 1 - j]);
            nodes[j] = -x; nodes[n - 1 - j] = x;
            weights[j] = w; weights[n - 1 - j] = w;
        }
        if (n % 2 == 1) nodes[n / 2] = 0;
        // Σ w = 1 holds in exact arithmetic (the rule integrates p̃₀² = 1); remove the rounding.
        var total = new CompensatedSum();
        foreach (double w in weights) total.Add(w);
        double norm = total.Value;
        for (int j = 0; j < n; j++) weights[j] /= norm;
        return (nodes, weights);
    }

    // p̃_n(t), p̃_n'(t) and Σ_{ℓ<n} p̃_ℓ(t)² for the orthonormal polynomials of the normalized sphere measure.
    private static (double Value, double Derivative, double SumOfSquares) Orthonormal(double[] beta, int n, double t)
    {
        double previous = 0, current = 1, dPrevious = 0, dCurrent = 0;
        var squares = new CompensatedSum();
        for (int l = 0; l < n; l++)
        {
            squares.Add(current * current);
            double betaLow = l == 0 ? 0 : beta[l];
            double next = (t * current - betaLow * previous) / beta[l + 1];
            double dNext = (current + t * dCurrent - betaLow * dPrevious) / beta[l + 1];
            previous = current; current = next;
            dPrevious = dCurrent; dCurrent = dNext;
        }
        return (current, dCurrent, squares.Value);
    }

    private static void CheckNodes(int nodes)
    {
        if (nodes < 1)
            throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "SphereQuadrature: the number of nodes must be ≥ 1.");
    }
}
