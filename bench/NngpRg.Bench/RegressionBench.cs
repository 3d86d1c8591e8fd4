using BenchmarkDotNet.Attributes;
using NngpRg.Core.Regression;

namespace NngpRg.Bench;

/// <summary>
/// Exact GP regression (docs/theory.md (1.4)) with the native LAPACK provider: K(X, X) + σ² I with K = exp(x·x') on n random
/// points of S⁹, σ² = 10⁻², targets y = sin(3 x₀) + x₁x₂; fit = Cholesky (dpotrf) + solve (dpotrs) for α, predictions
/// K(Z, X) α on 1000 test points. The same workload in numpy: bench/numpy_krr.py.
/// </summary>
public class RegressionBench
{
    private const int Dimension = 10, TestCount = 1000;
    private const double Ridge = 1e-2;
    private double[,] _gram = new double[0, 0];
    private double[,] _cross = new double[0, 0];
    private double[] _targets = [];
    private ILinearAlgebra _provider = LinearAlgebra.Managed;

    /// <summary>Number of training points n.</summary>
    [Params(1000, 2000, 4000)]
    public int N { get; set; }

    /// <summary>Points, kernel matrices and targets, once per n.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _provider = LinearAlgebra.Select("native");
        var random = new Random(20240506);
        var train = SphereSampler.Uniform(Dimension, N, random);
        var test = SphereSampler.Uniform(Dimension, TestCount, random);
        _gram = KernelMatrix.Build(train, Math.Exp);
        _cross = KernelMatrix.Cross(test, train, Math.Exp);
        _targets = [.. train.Select(x => Math.Sin(3 * x[0]) + x[1] * x[2])];
    }

    /// <summary>α = (K + σ²I)⁻¹ y by Cholesky.</summary>
    [Benchmark(Baseline = true)]
    public KernelRidgeFit Fit() => KernelRidge.Fit(_gram, _targets, Ridge, _provider);

    /// <summary>Fit, then the posterior mean on the test points.</summary>
    [Benchmark]
    public double[] FitAndPredict() => KernelRidge.Fit(_gram, _targets, Ridge, _provider).Predict(_cross);
}
