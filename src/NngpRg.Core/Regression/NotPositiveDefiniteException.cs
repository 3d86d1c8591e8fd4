namespace NngpRg.Core.Regression;

/// <summary>
/// A matrix handed to a Cholesky factorization is not numerically positive definite. Carries the smallest
/// eigenvalue and the diagonal jitter that would make the factorization succeed.
/// </summary>
public sealed class NotPositiveDefiniteException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public NotPositiveDefiniteException(int size, double smallestEigenvalue, double largestEigenvalue, double requiredJitter, string provider)
        : base($"Cholesky ({provider}): the {size}×{size} matrix is not numerically positive definite: smallest eigenvalue " +
               $"{smallestEigenvalue:G6}, largest {largestEigenvalue:G6}. Adding a jitter of at least {requiredJitter:G3} to the diagonal " +
               "(or a ridge σ² of that size) would make it positive definite.")
    {
        SmallestEigenvalue = smallestEigenvalue;
        LargestEigenvalue = largestEigenvalue;
        RequiredJitter = requiredJitter;
    }

    /// <summary>λ_min of the symmetric input.</summary>
    public double SmallestEigenvalue { get; }

    /// <summary>λ_max of the symmetric input.</summary>
    public double LargestEigenvalue { get; }

    /// <summary>max(0, −λ_min) + 10 n ε max|λ|: a diagonal shift under which the factorization succeeds.</summary>
    public double RequiredJitter { get; }
}
