using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Spectra;

public class EmpiricalSpectrumTests
{
    private static double[,] Gram(double[][] x, Func<double[], double[], double> k)
    {
        int n = x.Length;
        var g = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                g[i, j] = k(x[i], x[j]);
        return g;
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();

    private static double[][] SpherePoints(int n, int d, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ =>
        {
            var v = Enumerable.Range(0, d).Select(_ =>
                Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();
            double norm = Math.Sqrt(Dot(v, v));
            return v.Select(c => c / norm).ToArray();
        })];
    }

    [Fact]
    public void Uniform_grid_on_the_circle_recovers_the_Funk_Hecke_spectrum()
    {
        // K = exp(x·x') on S¹ sampled on a uniform grid: K/N is circulant, its eigenvalues are I_ℓ(1) up to aliasing
        // by I_{N−ℓ}(1), i.e. the d = 2 analytic spectrum with multiplicity 2 for ℓ ≥ 1.
        int n = 64;
        var x = Enumerable.Range(0, n).Select(i => new[] { Math.Cos(2 * Math.PI * i / n), Math.Sin(2 * Math.PI * i / n) }).ToArray();
        var empirical = EmpiricalSpectrum.FromKernelMatrix(Gram(x, (a, b) => Math.Exp(Dot(a, b))), LinearAlgebra.Managed);
        var analytic = FunkHecke.ToSpectrum(FunkHecke.FromTaylor(j => 1 / MathNet.Numerics.SpecialFunctions.Factorial(j), 2, 12, 150), 2);
        for (int k = 1; k <= 25; k++)
            Assert.Equal(analytic.Eigenvalue(k), empirical.Eigenvalues[k - 1], 1e-13);
        Assert.Equal(Math.E, empirical.Eigenvalues.Sum(), 1e-12); // trace of K/N = K(1)
    }

    [Fact]
    public void Eigenfunctions_are_orthonormal_under_the_empirical_measure()
    {
        var x = SpherePoints(40, 3, 7);
        var e = EmpiricalSpectrum.FromKernelMatrix(Gram(x, (a, b) => Math.Exp(-(2 - 2 * Dot(a, b)))), LinearAlgebra.Managed);
        for (int k = 0; k < 6; k++)
            for (int q = 0; q <= k; q++)
            {
                double inner = Enumerable.Range(0, 40).Sum(i => e.Eigenfunction(k, i) * e.Eigenfunction(q, i)) / 40;
                Assert.Equal(k == q ? 1.0 : 0.0, inner, 1e-12);
            }
        Assert.True(e.Eigenvalues.Zip(e.Eigenvalues.Skip(1), (a, b) => a >= b).All(ok => ok));
    }

    [Fact]
    public void Nystrom_extension_reproduces_the_eigenfunction_at_training_points()
    {
        var x = SpherePoints(50, 3, 11);
        Func<double[], double[], double> kernel = (a, b) => Math.Exp(-(2 - 2 * Dot(a, b)) / 0.7);
        var e = EmpiricalSpectrum.FromKernelMatrix(Gram(x, kernel), LinearAlgebra.Managed);
        foreach (int k in new[] { 0, 1, 4, 9 })
            foreach (int j in new[] { 0, 17, 49 })
            {
                var row = x.Select(xi => kernel(x[j], xi)).ToArray();
                Assert.Equal(e.Eigenfunction(k, j), e.Nystrom(k, row), 1e-9);
            }
        Assert.Throws<ArgumentException>(() => e.Nystrom(0, new double[3]));
    }

    [Fact]
    public void Random_points_approach_the_analytic_spectrum()
    {
        // Linear kernel on S^{d−1}: λ = 1/d with multiplicity d (docs/theory.md §4.4); K/N has d eigenvalues → 1/d, the rest 0.
        int d = 4, n = 400;
        var x = SpherePoints(n, d, 3);
        var e = EmpiricalSpectrum.FromKernelMatrix(Gram(x, Dot), LinearAlgebra.Managed);
        for (int k = 0; k < d; k++) Assert.Equal(0.25, e.Eigenvalues[k], 0.06); // Monte Carlo error ~ 1/√N
        Assert.Equal(1.0, e.Eigenvalues.Take(d).Sum(), 1e-12);                // trace is exact: |x|² = 1
        Assert.All(e.Eigenvalues.Skip(d), v => Assert.True(v < 1e-13));
    }

    [Fact]
    public void Rounding_negatives_are_clipped_and_counted()
    {
        // Rank-one Gram matrix: 59 zero eigenvalues, computed as ± rounding.
        int n = 60;
        var v = Enumerable.Range(0, n).Select(i => Math.Sin(1.3 * i + 0.2)).ToArray();
        var k = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) k[i, j] = v[i] * v[j];
        var raw = LinearAlgebra.Managed.SymmetricEigen(Divided(k, n));
        int negatives = raw.Eigenvalues.Count(l => l < 0);
        var e = EmpiricalSpectrum.FromKernelMatrix(k, LinearAlgebra.Managed);
        Assert.True(negatives > 0);
        Assert.Equal(negatives, e.ClippedNegativeCount);
        Assert.All(e.Eigenvalues, l => Assert.True(l >= 0));
        Assert.True(e.MostNegativeClipped < 0);
        Assert.Throws<InvalidOperationException>(() => e.Nystrom(n - 1, new double[n]));
    }

    [Fact]
    public void Indefinite_matrices_are_rejected()
    {
        var k = new double[,] { { 1, 2 }, { 2, 1 } };
        var e = Assert.Throws<ArgumentException>(() => EmpiricalSpectrum.FromKernelMatrix(k, LinearAlgebra.Managed));
        Assert.Contains("not positive semi-definite", e.Message);
    }

    private static double[,] Divided(double[,] a, double c)
    {
        var r = (double[,])a.Clone();
        for (int i = 0; i < r.GetLength(0); i++) for (int j = 0; j < r.GetLength(1); j++) r[i, j] /= c;
        return r;
    }
}
