using BenchmarkDotNet.Attributes;
using NngpRg.Core.Regression;

namespace NngpRg.Bench;

/// <summary>
/// Cholesky factorization (dpotrf) and symmetric eigendecomposition (dsyevd) of a kernel Gram matrix
/// K(X, X) + σ² I — exp(x·x') on random points of S⁹ with σ² = 10⁻² — for the managed and native providers.
/// The managed eigendecomposition at n = 4000 takes minutes; select it deliberately.
/// </summary>
public class LinearAlgebraBench
{
    private double[,] _matrix = new double[0, 0];
    private ILinearAlgebra _provider = LinearAlgebra.Managed;

    /// <summary>Matrix order n.</summary>
    [Params(1000, 2000, 4000)]
    public int N { get; set; }

    /// <summary>Provider name, as accepted by <see cref="LinearAlgebra.Select"/>.</summary>
    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "native";

    /// <summary>The providers to measure: NNGP_BENCH_PROVIDERS (comma-separated), default "managed,native".</summary>
    public static IEnumerable<string> Providers =>
        (Environment.GetEnvironmentVariable("NNGP_BENCH_PROVIDERS") ?? "managed,native").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Builds the Gram matrix once per parameter set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _provider = LinearAlgebra.Select(Provider);
        const int dimension = 10;
        var random = new Random(20240506);
        var points = new double[N][];
        for (int i = 0; i < N; i++)
        {
            var v = new double[dimension];
            double norm = 0;
            for (int c = 0; c < dimension; c++)
            {
                v[c] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                norm += v[c] * v[c];
            }
            norm = Math.Sqrt(norm);
            for (int c = 0; c < dimension; c++) v[c] /= norm;
            points[i] = v;
        }
        _matrix = new double[N, N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j <= i; j++)
            {
                double dot = 0;
                for (int c = 0; c < dimension; c++) dot += points[i][c] * points[j][c];
                _matrix[i, j] = _matrix[j, i] = Math.Exp(dot) + (i == j ? 1e-2 : 0);
            }
    }

    /// <summary>A = L Lᵀ.</summary>
    [Benchmark]
    public CholeskyFactor Cholesky() => _provider.Cholesky(_matrix);

    /// <summary>A = V diag(λ) Vᵀ with eigenvectors.</summary>
    [Benchmark]
    public SymmetricEigen SymmetricEigen() => _provider.SymmetricEigen(_matrix);
}
