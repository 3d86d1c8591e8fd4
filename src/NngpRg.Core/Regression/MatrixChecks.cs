namespace NngpRg.Core.Regression;

/// <summary>Input validation shared by the providers.</summary>
internal static class MatrixChecks
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Square, finite, symmetric to 1e-10 of the largest entry; the message names the entry.</summary>
    public static void Symmetric(double[,] a, string operation)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n)
            throw new ArgumentException($"{operation}: the matrix is {n}×{a.GetLength(1)}; it must be square.", "matrix");
        if (n == 0)
            throw new ArgumentException($"{operation}: the matrix is empty.", "matrix");
        double max = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = a[i, j];
                if (!double.IsFinite(v))
                    throw new ArgumentException($"{operation}: entry [{i}, {j}] = {v:R} is not finite.", "matrix");
                max = Math.Max(max, Math.Abs(v));
            }
        double tolerance = 1e-10 * max;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(a[i, j] - a[j, i]) > tolerance)
                    throw new ArgumentException($"{operation}: the matrix is not symmetric: [{i}, {j}] = {a[i, j]:R} but [{j}, {i}] = {a[j, i]:R} (tolerance 1e-10 · max|a| = {tolerance:G3}).", "matrix");
    }

    /// <summary>B has as many rows as the factor.</summary>
    public static void RightHandSides(CholeskyFactor factor, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(factor);
        ArgumentNullException.ThrowIfNull(b);
        if (b.GetLength(0) != factor.Size)
            throw new ArgumentException($"Cholesky solve: the right-hand side has {b.GetLength(0)} rows but the factor is {factor.Size}×{factor.Size}.", "rightHandSides");
        foreach (double v in b)
            if (!double.IsFinite(v))
                throw new ArgumentException("Cholesky solve: the right-hand side has a non-finite entry.", "rightHandSides");
    }

    /// <summary>The exception for a failed factorization, from the spectrum of the input.</summary>
    public static NotPositiveDefiniteException NotPositiveDefinite(ILinearAlgebra provider, double[,] a)
    {
        var eig = provider.SymmetricEigen(a);
        int n = a.GetLength(0);
        double min = eig.Eigenvalues[0], max = eig.Eigenvalues[^1];
        double scale = Math.Max(Math.Abs(min), Math.Abs(max));
        double jitter = Math.Max(0, -min) + 10 * n * MachineEpsilon * scale;
        return new NotPositiveDefiniteException(n, min, max, jitter, provider.Name);
    }
}
