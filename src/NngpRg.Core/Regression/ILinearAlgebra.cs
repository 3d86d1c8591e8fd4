namespace NngpRg.Core.Regression;

/// <summary>
/// Dense symmetric linear algebra for kernel regression and empirical spectra: Cholesky factorization and solve
/// (LAPACK dpotrf/dpotrs) and the symmetric eigendecomposition (dsyevd). Matrices are row-major <c>double[n, n]</c>;
/// inputs are never modified; only the lower triangle of a symmetric input is read after validation.
/// </summary>
public interface ILinearAlgebra
{
    /// <summary>Short provider name ("managed" or "native").</summary>
    string Name { get; }

    /// <summary>A = L Lᵀ for a symmetric positive-definite A.</summary>
    /// <exception cref="NotPositiveDefiniteException">A is not numerically positive definite.</exception>
    /// <exception cref="ArgumentException">A not square, not finite or not symmetric.</exception>
    CholeskyFactor Cholesky(double[,] matrix);

    /// <summary>Solves A X = B given A's Cholesky factor; B is n × m (row-major), returns X.</summary>
    double[,] Solve(CholeskyFactor factor, double[,] rightHandSides);

    /// <summary>Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix.</summary>
    /// <exception cref="ArgumentException">A not square, not finite or not symmetric.</exception>
    SymmetricEigen SymmetricEigen(double[,] matrix);
}
