using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class KernelRidgeTests
{
    private static (double[][] Train, double[][] Test, double[] Y) Problem(int n, int m, int seed)
    {
        var random = new Random(seed);
        var train = SphereSampler.Uniform(4, n, random);
        var test = SphereSampler.Uniform(4, m, random);
        var y = train.Select(x => Math.Sin(3 * x[0]) + x[1] * x[2]).ToArray();
        return (train, test, y);
    }

    // Plain Gauss–Jordan inverse: an independent route to (K + σ²I)⁻¹.
    private static double[,] Inverse(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n, 2 * n];
        for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) m[i, j] = a[i, j]; m[i, n + i] = 1; }
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[p, c])) p = r;
            for (int j = 0; j < 2 * n; j++) (m[c, j], m[p, j]) = (m[p, j], m[c, j]);
            double pivot = m[c, c];
            for (int j = 0; j < 2 * n; j++) m[c, j] /= pivot;
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                double f = m[r, c];
                for (int j = 0; j < 2 * n; j++) m[r, j] -= f * m[c, j];
            }
        }
        var inv = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) inv[i, j] = m[i, n + j];
        return inv;
    }

    [Theory]
    [InlineData("managed")]
    [InlineData("native")]
    public void Weights_prediction_and_posterior_variance_match_an_explicit_inverse(string providerName)
    {
        var provider = LinearAlgebra.Select(providerName);
        var (train, test, y) = Problem(40, 9, 1);
        const double ridge = 0.03;
        var k = KernelMatrix.Build(train, Math.Exp);
        var cross = KernelMatrix.Cross(test, train, Math.Exp);
        var fit = KernelRidge.Fit(k, y, ridge, provider);

        var shifted = (double[,])k.Clone();
        for (int i = 0; i < 40; i++) shifted[i, i] += ridge;
        var inverse = Inverse(shifted);
        for (int i = 0; i < 40; i++)
            Assert.Equal(Enumerable.Range(0, 40).Sum(j => inverse[i, j] * y[j]), fit.Weights[i], 1e-8);

        var mean = fit.Predict(cross);
        var variance = fit.PosteriorVariance([.. test.Select(_ => Math.E)], cross);
        for (int t = 0; t < 9; t++)
        {
            Assert.Equal(Enumerable.Range(0, 40).Sum(j => cross[t, j] * fit.Weights[j]), mean[t], 1e-12);
            double quadratic = 0;
            for (int i = 0; i < 40; i++) for (int j = 0; j < 40; j++) quadratic += cross[t, i] * inverse[i, j] * cross[t, j];
            Assert.Equal(Math.E - quadratic, variance[t], 1e-8);
            Assert.InRange(variance[t], 0, Math.E);
        }
    }

    [Fact]
    public void One_training_point_gives_the_closed_form_posterior()
    {
        // K = [[k]], test covariance k_zx: mean = k_zx y/(k + σ²), variance = k_zz − k_zx²/(k + σ²).
        var fit = KernelRidge.Fit(new double[,] { { 2.0 } }, [3.0], 0.5);
        var cross = new double[,] { { 0.8 } };
        Assert.Equal(0.8 * 3 / 2.5, fit.Predict(cross)[0], 1e-14);
        Assert.Equal(1.5 - 0.64 / 2.5, fit.PosteriorVariance([1.5], cross)[0], 1e-14);
    }

    [Fact]
    public void Log_marginal_likelihood_matches_the_eigen_decomposition()
    {
        // ln p(y) = −½ Σ_k (v_kᵀy)²/(λ_k + σ²) − ½ Σ_k ln(λ_k + σ²) − (n/2) ln 2π.
        var (train, _, y) = Problem(30, 1, 2);
        const double ridge = 0.1;
        var k = KernelMatrix.Build(train, Math.Exp);
        var eigen = LinearAlgebra.Managed.SymmetricEigen(k);
        double expected = -0.5 * 30 * Math.Log(2 * Math.PI);
        for (int q = 0; q < 30; q++)
        {
            double projection = Enumerable.Range(0, 30).Sum(i => eigen[i, q] * y[i]);
            expected += -0.5 * projection * projection / (eigen.Eigenvalues[q] + ridge) - 0.5 * Math.Log(eigen.Eigenvalues[q] + ridge);
        }
        Assert.Equal(expected, KernelRidge.Fit(k, y, ridge).LogMarginalLikelihood, 1e-9);
    }

    [Theory]
    [InlineData("managed")]
    [InlineData("native")]
    public void An_indefinite_kernel_names_size_ridge_smallest_eigenvalue_and_the_ridge_needed(string providerName)
    {
        // Eigenvalues of [[1, 2], [2, 1]] are 3 and −1: with σ² = 0.5 the shifted matrix has λ_min = −0.5.
        var e = Assert.Throws<KernelRidgeNotPositiveDefiniteException>(
            () => KernelRidge.Fit(new double[,] { { 1, 2 }, { 2, 1 } }, [1, 1], 0.5, LinearAlgebra.Select(providerName)));
        Assert.Contains("n = 2 training points (2×2)", e.Message);
        Assert.Contains("ridge σ² = 0.5", e.Message);
        Assert.Contains("smallest eigenvalue -0.5", e.Message);
        Assert.Equal(-0.5, e.SmallestEigenvalue, 1e-12);
        Assert.Equal(1.0, e.RequiredRidge, 1e-9);
        Assert.IsType<NotPositiveDefiniteException>(e.InnerException);
        KernelRidge.Fit(new double[,] { { 1, 2 }, { 2, 1 } }, [1, 1], e.RequiredRidge * 1.01, LinearAlgebra.Select(providerName));
    }

    [Fact]
    public void Bad_shapes_and_ridges_are_rejected_precisely()
    {
        var k = new double[,] { { 1, 0 }, { 0, 1 } };
        Assert.Contains("y has 3 entries but K(X, X) is 2×2", Assert.Throws<ArgumentException>(() => KernelRidge.Fit(k, [1, 2, 3], 0.1)).Message);
        Assert.Contains("σ² must be finite and ≥ 0", Assert.Throws<ArgumentOutOfRangeException>(() => KernelRidge.Fit(k, [1, 2], -1)).Message);
        Assert.Contains("y[1] = NaN", Assert.Throws<ArgumentException>(() => KernelRidge.Fit(k, [1, double.NaN], 0.1)).Message);
        var fit = KernelRidge.Fit(k, [1, 2], 0.1);
        Assert.Contains("3 columns but the fit has n = 2", Assert.Throws<ArgumentException>(() => fit.Predict(new double[1, 3])).Message);
    }
}
