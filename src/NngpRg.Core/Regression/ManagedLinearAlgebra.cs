using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace NngpRg.Core.Regression;

/// <summary>The provider backed by MathNet.Numerics' managed code: always available, slow for n in the thousands.</summary>
public sealed class ManagedLinearAlgebra : ILinearAlgebra
{
    /// <summary>The single instance.</summary>
    public static ManagedLinearAlgebra Instance { get; } = new();

    private ManagedLinearAlgebra() { }

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public CholeskyFactor Cholesky(double[,] matrix)
    {
        MatrixChecks.Symmetric(matrix, "Cholesky (managed)");
        int n = matrix.GetLength(0);
        // Symmetrize from the lower triangle, as LAPACK reads only that triangle.
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => i >= j ? matrix[i, j] : matrix[j, i]);
        Matrix<double> factor;
        try
        {
            factor = a.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            throw MatrixChecks.NotPositiveDefinite(this, matrix);
        }
        var lower = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                lower[i, j] = factor[i, j];
        for (int i = 0; i < n; i++)
            if (!(lower[i, i] > 0) || !double.IsFinite(lower[i, i]))
                throw MatrixChecks.NotPositiveDefinite(this, matrix);
        return new CholeskyFactor(lower, Name);
    }

    /// <inheritdoc />
    public double[,] Solve(CholeskyFactor factor, double[,] rightHandSides)
    {
        MatrixChecks.RightHandSides(factor, rightHandSides);
        int n = factor.Size, m = rightHandSides.GetLength(1);
        var l = factor.Lower;
        var x = new double[n, m];
        var column = new double[n];
        for (int c = 0; c < m; c++)
        {
            for (int i = 0; i < n; i++) column[i] = rightHandSides[i, c];
            // L y = b, row i of L is contiguous.
            for (int i = 0; i < n; i++)
            {
                double s = column[i];
                for (int k = 0; k < i; k++) s -= l[i, k] * column[k];
                column[i] = s / l[i, i];
            }
            // Lᵀ x = y, column-oriented so that the row of L stays contiguous.
            for (int i = n - 1; i >= 0; i--)
            {
                column[i] /= l[i, i];
                double xi = column[i];
                for (int k = 0; k < i; k++) column[k] -= l[i, k] * xi;
            }
            for (int i = 0; i < n; i++) x[i, c] = column[i];
        }
        return x;
    }

    /// <inheritdoc />
    public SymmetricEigen SymmetricEigen(double[,] matrix)
    {
        MatrixChecks.Symmetric(matrix, "Symmetric eigendecomposition (managed)");
        int n = matrix.GetLength(0);
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => i >= j ? matrix[i, j] : matrix[j, i]);
        var evd = a.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(z => z.Real).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(k => values[k]).ToArray();
        var vectors = new double[n, n];
        var v = evd.EigenVectors;
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                vectors[i, k] = v[i, order[k]];
        return new SymmetricEigen([.. order.Select(k => values[k])], vectors, Name);
    }
}
