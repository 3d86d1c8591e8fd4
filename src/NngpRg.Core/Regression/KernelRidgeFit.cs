using System.Collections.Immutable;

namespace NngpRg.Core.Regression;

/// <summary>
/// A fitted kernel ridge regression (docs/theory.md (1.4)): the weights α = [K(X, X) + σ² I]⁻¹ y, the Cholesky factor of
/// K(X, X) + σ² I, and the Gaussian-process log marginal likelihood of y.
/// </summary>
public sealed record KernelRidgeFit
{
    private readonly ILinearAlgebra _provider;

    internal KernelRidgeFit(ImmutableArray<double> weights, double ridge, CholeskyFactor factor, ILinearAlgebra provider, double logMarginalLikelihood)
    {
        Weights = weights;
        Ridge = ridge;
        Factor = factor;
        _provider = provider;
        LogMarginalLikelihood = logMarginalLikelihood;
    }

    /// <summary>α = [K(X, X) + σ² I]⁻¹ y.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>The ridge σ².</summary>
    public double Ridge { get; }

    /// <summary>Cholesky factor of K(X, X) + σ² I.</summary>
    public CholeskyFactor Factor { get; }

    /// <summary>Number of training points n.</summary>
    public int TrainingPoints => Weights.Length;

    /// <summary>ln p(y | X) = −½ yᵀ(K + σ²I)⁻¹y − ½ ln det(K + σ²I) − (n/2) ln 2π.</summary>
    public double LogMarginalLikelihood { get; }

    /// <summary>Posterior mean f̄(z_i) = Σ_j K(z_i, x_j) α_j for each row of the m × n cross-matrix K(Z, X).</summary>
    /// <exception cref="ArgumentException">K(Z, X) does not have n columns.</exception>
    public double[] Predict(double[,] kernelTestTrain)
    {
        RequireColumns(kernelTestTrain, nameof(kernelTestTrain));
        int m = kernelTestTrain.GetLength(0), n = TrainingPoints;
        var f = new double[m];
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) s += kernelTestTrain[i, j] * Weights[j];
            f[i] = s;
        }
        return f;
    }

    /// <summary>
    /// Posterior variance of the latent f (without label noise): K(z, z) − K(z, X)[K(X, X) + σ² I]⁻¹K(X, z) for each test
    /// point; tiny negative values from rounding are returned as 0.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes disagree or a prior variance is not finite.</exception>
    public double[] PosteriorVariance(double[] kernelTestDiagonal, double[,] kernelTestTrain)
    {
        ArgumentNullException.ThrowIfNull(kernelTestDiagonal);
        RequireColumns(kernelTestTrain, nameof(kernelTestTrain));
        int m = kernelTestTrain.GetLength(0), n = TrainingPoints;
        if (kernelTestDiagonal.Length != m)
            throw new ArgumentException($"KernelRidgeFit.PosteriorVariance: {kernelTestDiagonal.Length} prior variances for {m} rows of K(Z, X).", nameof(kernelTestDiagonal));
        var transposed = new double[n, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) transposed[j, i] = kernelTestTrain[i, j];
        var solved = _provider.Solve(Factor, transposed);
        var variance = new double[m];
        for (int i = 0; i < m; i++)
        {
            if (!double.IsFinite(kernelTestDiagonal[i]))
                throw new ArgumentException($"KernelRidgeFit.PosteriorVariance: K(z_{i}, z_{i}) = {kernelTestDiagonal[i]:R} is not finite.", nameof(kernelTestDiagonal));
            double s = 0;
            for (int j = 0; j < n; j++) s += kernelTestTrain[i, j] * solved[j, i];
            variance[i] = Math.Max(0, kernelTestDiagonal[i] - s);
        }
        return variance;
    }

    private void RequireColumns(double[,] kernelTestTrain, string name)
    {
        ArgumentNullException.ThrowIfNull(kernelTestTrain, name);
        if (kernelTestTrain.GetLength(1) != TrainingPoints)
            throw new ArgumentException($"KernelRidgeFit: K(Z, X) has {kernelTestTrain.GetLength(1)} columns but the fit has n = {TrainingPoints} training points.", name);
    }
}
