using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class LinearAlgebraTests
{
    // Native tests must not be skipped silently: a missing library is a failure naming the packages.
    private static ILinearAlgebra NativeOrFail() =>
        LinearAlgebra.Native ?? throw new Xunit.Sdk.XunitException("Native LAPACK tests need the library: " + LinearAlgebra.NativeFailure);

    private static double[,] RandomSpd(int n, int seed)
    {
        var random = new Random(seed);
        var b = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b[i, j] = random.NextDouble() - 0.5;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += b[i, k] * b[j, k];
                a[i, j] = a[j, i] = s / n + (i == j ? 0.05 : 0);
            }
        return a;
    }

    private static double[,] RandomMatrix(int n, int m, int seed)
    {
        var random = new Random(seed);
        var b = new double[n, m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) b[i, j] = random.NextDouble() * 2 - 1;
        return b;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), k = a.GetLength(1), m = b.GetLength(1);
        var c = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int q = 0; q < k; q++) s += a[i, q] * b[q, j];
                c[i, j] = s;
            }
        return c;
    }

    private static double MaxAbsDifference(double[,] a, double[,] b)
    {
        double max = 0;
        for (int i = 0; i < a.GetLength(0); i++) for (int j = 0; j < a.GetLength(1); j++) max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
        return max;
    }

    [Fact]
    public void Native_provider_loads_and_is_the_default()
    {
        var native = NativeOrFail();
        Assert.Equal("native", native.Name);
        Assert.Same(native, LinearAlgebra.Select("native"));
        Assert.Same(native, LinearAlgebra.Select("AUTO"));
        Assert.Same(native, LinearAlgebra.Default);
        Assert.Same(LinearAlgebra.Managed, LinearAlgebra.Select("managed"));
        var e = Assert.Throws<ArgumentException>(() => LinearAlgebra.Select("mkl"));
        Assert.Contains("'mkl'", e.Message);
    }

    [Fact]
    public void A_missing_library_is_explained_with_the_packages_to_install()
    {
        var provider = NativeLapackLinearAlgebra.TryLoad(["libnngprg-no-such-lapacke.so.9"], out var failure);
        Assert.Null(provider);
        Assert.Contains("libnngprg-no-such-lapacke.so.9: not found", failure);
        Assert.Contains("apt-get install -y liblapacke libopenblas0-pthread", failure);
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(120, 2)]
    [InlineData(200, 3)]
    public void Cholesky_factors_and_solves_agree_between_providers(int n, int seed)
    {
        var a = RandomSpd(n, seed);
        var b = RandomMatrix(n, 3, seed + 100);
        foreach (var provider in new[] { LinearAlgebra.Managed, NativeOrFail() })
        {
            var factor = provider.Cholesky(a);
            Assert.Equal(provider.Name, factor.Provider);
            var l = factor.ToArray();
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) Assert.Equal(0.0, l[i, j]);
            var lt = new double[n, n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) lt[i, j] = l[j, i];
            Assert.True(MaxAbsDifference(Multiply(l, lt), a) < 1e-13, $"{provider.Name}: L Lᵀ ≠ A");
            var x = provider.Solve(factor, b);
            Assert.True(MaxAbsDifference(Multiply(a, x), b) < 1e-10, $"{provider.Name}: residual of A X = B");
        }
        var managed = LinearAlgebra.Managed.Cholesky(a);
        var native = NativeOrFail().Cholesky(a);
        Assert.True(MaxAbsDifference(managed.ToArray(), native.ToArray()) < 1e-11);
        Assert.Equal(managed.LogDeterminant, native.LogDeterminant, 1e-9);
        // Factors are interchangeable between providers.
        Assert.True(MaxAbsDifference(LinearAlgebra.Managed.Solve(native, b), NativeOrFail().Solve(managed, b)) < 1e-9);
    }

    [Theory]
    [InlineData(50, 4)]
    [InlineData(150, 5)]
    public void Symmetric_eigendecompositions_agree_between_providers(int n, int seed)
    {
        var a = RandomSpd(n, seed);
        var managed = LinearAlgebra.Managed.SymmetricEigen(a);
        var native = NativeOrFail().SymmetricEigen(a);
        double scale = native.Eigenvalues[^1];
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(managed.Eigenvalues[k], native.Eigenvalues[k], 1e-12 * scale);
            if (k > 0) Assert.True(native.Eigenvalues[k] >= native.Eigenvalues[k - 1]);
            var u = managed.Eigenvector(k);
            var v = native.Eigenvector(k);
            double gap = Math.Min(k > 0 ? native.Eigenvalues[k] - native.Eigenvalues[k - 1] : double.MaxValue,
                                  k < n - 1 ? native.Eigenvalues[k + 1] - native.Eigenvalues[k] : double.MaxValue);
            // Eigenvectors agree up to sign; the angle between them is bounded by rounding / gap.
            double dot = u.Zip(v, (p, q) => p * q).Sum();
            Assert.True(1 - Math.Abs(dot) < 1e-20 / (gap * gap) + 1e-12, $"k = {k}: |u·v| = {Math.Abs(dot)}, gap {gap}");
            // A v = λ v for the native vector.
            for (int i = 0; i < n; i++)
            {
                double av = 0;
                for (int j = 0; j < n; j++) av += a[i, j] * v[j];
                Assert.Equal(native.Eigenvalues[k] * v[i], av, 1e-12 * scale);
            }
        }
    }

    [Fact]
    public void Log_determinant_is_the_sum_of_log_eigenvalues()
    {
        var a = RandomSpd(40, 9);
        var eig = LinearAlgebra.Managed.SymmetricEigen(a);
        Assert.Equal(eig.Eigenvalues.Sum(Math.Log), LinearAlgebra.Managed.Cholesky(a).LogDeterminant, 1e-10);
    }

    [Fact]
    public void Indefinite_input_reports_smallest_eigenvalue_and_required_jitter()
    {
        int n = 30;
        var a = RandomSpd(n, 12);
        var shift = LinearAlgebra.Managed.SymmetricEigen(a).Eigenvalues[0] + 0.5; // makes λ_min = −0.5
        for (int i = 0; i < n; i++) a[i, i] -= shift;
        foreach (var provider in new[] { LinearAlgebra.Managed, NativeOrFail() })
        {
            var e = Assert.Throws<NotPositiveDefiniteException>(() => provider.Cholesky(a));
            Assert.Equal(-0.5, e.SmallestEigenvalue, 1e-12);
            Assert.True(e.RequiredJitter > 0.5);
            Assert.Contains("smallest eigenvalue -0.5", e.Message);
            Assert.Contains("jitter", e.Message);
            var jittered = (double[,])a.Clone();
            for (int i = 0; i < n; i++) jittered[i, i] += e.RequiredJitter;
            provider.Cholesky(jittered); // the advertised jitter suffices
        }
    }

    [Fact]
    public void Malformed_input_is_named()
    {
        var nonSymmetric = new double[,] { { 2, 1 }, { 0.5, 2 } };
        foreach (var provider in new[] { LinearAlgebra.Managed, NativeOrFail() })
        {
            var e = Assert.Throws<ArgumentException>(() => provider.Cholesky(nonSymmetric));
            Assert.Contains("[1, 0] = 0.5", e.Message);
            e = Assert.Throws<ArgumentException>(() => provider.SymmetricEigen(new double[2, 3]));
            Assert.Contains("2×3", e.Message);
            e = Assert.Throws<ArgumentException>(() => provider.Cholesky(new double[,] { { 1, double.NaN }, { double.NaN, 1 } }));
            Assert.Contains("not finite", e.Message);
            var f = provider.Cholesky(new double[,] { { 4, 0 }, { 0, 9 } });
            Assert.Contains("3 rows", Assert.Throws<ArgumentException>(() => provider.Solve(f, new double[3, 1])).Message);
        }
    }
}
