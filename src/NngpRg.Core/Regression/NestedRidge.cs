using System.Collections.Immutable;

namespace NngpRg.Core.Regression;

/// <summary>
/// Kernel ridge regression α = [K(X_η, X_η) + σ² I]⁻¹ Y_η (docs/theory.md §1) for nested training sets X_η = the first η of one
/// ordering, every η of a grid and every output column of Y at once. The Cholesky factor L of K(X_ηmax, X_ηmax) + σ² I holds
/// the factor of every smaller leading block as its own leading block, so one factorization (η_max³/3 flops) serves the whole
/// grid and all outputs; each η then costs two triangular solves with C right-hand sides.
/// </summary>
internal static class NestedRidge
{
    /// <summary>
    /// α for each η of <paramref name="etas"/> (increasing, the last = <paramref name="train"/>.Length), column-major η × C
    /// (α[i + c η]). <paramref name="gram"/> is the flat symmetric N × N kernel matrix over all points; <paramref name="factor"/>
    /// a scratch buffer of at least η_max² doubles that receives L.
    /// </summary>
    /// <exception cref="KernelRidgeNotPositiveDefiniteException">K + σ² I is not numerically positive definite for some η of the grid.</exception>
    public static double[][] Fit(double[] gram, int n, int[] train, ImmutableArray<int> etas, double[][] targets, double ridge, double[] factor)
    {
        int size = train.Length, outputs = targets[0].Length;
        if (etas[^1] != size) throw new ArgumentException($"NestedRidge: the largest η = {etas[^1]} must equal the {size} training points.", nameof(etas));
        if (factor.LongLength < (long)size * size) throw new ArgumentException($"NestedRidge: the factor buffer holds {factor.LongLength} entries, fewer than η_max² = {(long)size * size}.", nameof(factor));
        var native = NativeDense.Instance;
        // lower triangle (column-major, leading dimension η_max) of K(X, X) + σ² I
        Parallel.For(0, size, j =>
        {
            long column = (long)j * size, row = (long)train[j] * n;
            for (int i = j; i < size; i++) factor[column + i] = gram[row + train[i]];
            factor[column + j] += ridge;
        });
        int info = native.CholeskyInPlace(factor, size, size);
        var result = new double[etas.Length][];
        for (int e = 0; e < etas.Length; e++)
        {
            int eta = etas[e];
            if (info > 0 && eta >= info) throw NotPositiveDefinite(gram, n, train[..eta], ridge);
            var b = new double[(long)eta * outputs];
            for (int c = 0; c < outputs; c++)
                for (int i = 0; i < eta; i++) b[i + (long)c * eta] = targets[train[i]][c];
            native.CholeskySolve(factor, eta, size, b, outputs);
            result[e] = b;
        }
        return result;
    }

    // the error of KernelRidge.Fit, with the spectrum of the failing block
    private static KernelRidgeNotPositiveDefiniteException NotPositiveDefinite(double[] gram, int n, int[] train, double ridge)
    {
        int eta = train.Length;
        var block = new double[eta, eta];
        for (int i = 0; i < eta; i++)
            for (int j = 0; j < eta; j++) block[i, j] = gram[(long)train[i] * n + train[j]] + (i == j ? ridge : 0);
        return new KernelRidgeNotPositiveDefiniteException(eta, ridge, MatrixChecks.NotPositiveDefinite(LinearAlgebra.Default, block));
    }
}
