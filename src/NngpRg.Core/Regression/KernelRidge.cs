using System.Collections.Immutable;

namespace NngpRg.Core.Regression;

/// <summary>
/// Exact Gaussian-process regression, which is kernel ridge regression with ridge σ² (docs/theory.md (1.4)):
/// f̄_D(x) = K(x, X) α with α = [K(X, X) + σ² I]⁻¹ y, by a Cholesky factorization of K(X, X) + σ² I.
/// </summary>
public static class KernelRidge
{
    /// <summary>
    /// Factors K(X, X) + σ² I with <paramref name="provider"/> (default <see cref="LinearAlgebra.Default"/>) and solves for α.
    /// </summary>
    /// <param name="kernelTrain">K(X, X), n × n symmetric.</param>
    /// <param name="targets">y, length n.</param>
    /// <param name="ridge">σ² ≥ 0.</param>
    /// <param name="provider">Linear algebra; null for the default.</param>
    /// <exception cref="KernelRidgeNotPositiveDefiniteException">K + σ² I is not numerically positive definite (names n, σ², λ_min and the ridge needed).</exception>
    /// <exception cref="ArgumentException">Shapes disagree, non-finite y, a non-square, non-symmetric or non-finite K.</exception>
    /// <exception cref="ArgumentOutOfRangeException">σ² negative or not finite.</exception>
    public static KernelRidgeFit Fit(double[,] kernelTrain, double[] targets, double ridge, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(kernelTrain);
        ArgumentNullException.ThrowIfNull(targets);
        if (!double.IsFinite(ridge) || ridge < 0)
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "KernelRidge.Fit: the ridge σ² must be finite and ≥ 0.");
        int n = kernelTrain.GetLength(0);
        if (kernelTrain.GetLength(1) != n)
            throw new ArgumentException($"KernelRidge.Fit: K(X, X) is {n}×{kernelTrain.GetLength(1)}; it must be square.", nameof(kernelTrain));
        if (targets.Length != n)
            throw new ArgumentException($"KernelRidge.Fit: y has {targets.Length} entries but K(X, X) is {n}×{n}.", nameof(targets));
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(targets[i]))
                throw new ArgumentException($"KernelRidge.Fit: y[{i}] = {targets[i]:R} is not finite.", nameof(targets));
        provider ??= LinearAlgebra.Default;

        var shifted = (double[,])kernelTrain.Clone();
        for (int i = 0; i < n; i++) shifted[i, i] += ridge;
        CholeskyFactor factor;
        try
        {
            factor = provider.Cholesky(shifted);
        }
        catch (NotPositiveDefiniteException e)
        {
            throw new KernelRidgeNotPositiveDefiniteException(n, ridge, e);
        }

        var rhs = new double[n, 1];
        for (int i = 0; i < n; i++) rhs[i, 0] = targets[i];
        var solution = provider.Solve(factor, rhs);
        var alpha = new double[n];
        double fit = 0;
        for (int i = 0; i < n; i++)
        {
            alpha[i] = solution[i, 0];
            fit += targets[i] * alpha[i];
        }
        // ln p(y | X) = −½ yᵀ(K + σ²I)⁻¹y − ½ ln det(K + σ²I) − (n/2) ln 2π.
        double logEvidence = -0.5 * fit - 0.5 * factor.LogDeterminant - 0.5 * n * Math.Log(2 * Math.PI);
        return new KernelRidgeFit([.. alpha], ridge, factor, provider, logEvidence);
    }
}
