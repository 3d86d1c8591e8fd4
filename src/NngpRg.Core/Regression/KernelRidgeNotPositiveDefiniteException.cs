namespace NngpRg.Core.Regression;

/// <summary>
/// K(X, X) + σ² I handed to kernel ridge regression is not numerically positive definite. The message names the
/// number of training points, the ridge, the smallest and largest eigenvalue of K + σ² I and the ridge that would
/// make the factorization succeed; the provider's <see cref="NotPositiveDefiniteException"/> is the inner exception.
/// </summary>
public sealed class KernelRidgeNotPositiveDefiniteException : ArithmeticException
{
    /// <summary>Wraps the provider's failure with the regression's context.</summary>
    public KernelRidgeNotPositiveDefiniteException(int trainingPoints, double ridge, NotPositiveDefiniteException inner)
        : base($"Kernel ridge regression: K(X, X) + σ²I for n = {trainingPoints} training points ({trainingPoints}×{trainingPoints}) " +
               $"with ridge σ² = {ridge:G6} is not numerically positive definite: smallest eigenvalue {inner?.SmallestEigenvalue:G6}, " +
               $"largest {inner?.LargestEigenvalue:G6}. A ridge of at least {ridge + (inner?.RequiredJitter ?? 0):G6} " +
               $"(σ² + {inner?.RequiredJitter:G3}) would make it positive definite; a kernel matrix with negative eigenvalues " +
               "is not a valid covariance.", inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        TrainingPoints = trainingPoints;
        Ridge = ridge;
        SmallestEigenvalue = inner.SmallestEigenvalue;
        RequiredRidge = ridge + inner.RequiredJitter;
    }

    /// <summary>n, the order of K(X, X).</summary>
    public int TrainingPoints { get; }

    /// <summary>The ridge σ² that was used.</summary>
    public double Ridge { get; }

    /// <summary>λ_min of K(X, X) + σ² I.</summary>
    public double SmallestEigenvalue { get; }

    /// <summary>σ² plus the provider's required jitter: a ridge under which the factorization succeeds.</summary>
    public double RequiredRidge { get; }
}
