using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Spectra;

public class KernelEigensolverTests
{
    // The ReLU-like arc-cosine kernel on anisotropic points: a power-law spectrum with distinct leading eigenvalues.
    private static double Kernel(double t) => (Math.Sqrt(1 - t * t) + (Math.PI - Math.Acos(t)) * t) / Math.PI;

    private static double[][] Points(int n, int d, int seed)
    {
        var random = new Random(seed);
        var x = new double[n][];
        for (int i = 0; i < n; i++)
        {
            x[i] = [.. Enumerable.Range(0, d).Select(j => SphereSampler.StandardNormal(random) / (j + 1))];
            double norm = Math.Sqrt(x[i].Sum(v => v * v));
            for (int j = 0; j < d; j++) x[i][j] /= norm;
        }
        return x;
    }

    private static (double[] Flat, double[,] Square) Gram(int n, int seed)
    {
        var x = Points(n, 12, seed);
        var flat = new double[n * n];
        KernelMatrix.BuildDotProductInPlace(x, Kernel, flat);
        return (flat, KernelMatrix.Build(x, Kernel));
    }

    private static double[] Allocate(string name, long length) => new double[length];

    [Fact]
    public void The_BLAS_kernel_matrix_equals_the_entrywise_one()
    {
        var (flat, square) = Gram(150, 1);
        for (int i = 0; i < 150; i++)
            for (int j = 0; j < 150; j++)
                Assert.Equal(square[i, j], flat[i * 150 + j], 1e-13);
    }

    [Fact]
    public void The_full_solver_matches_the_managed_eigensolver_and_gives_K_back_intact()
    {
        int n = 160;
        var (flat, square) = Gram(n, 2);
        var before = (double[])flat.Clone();
        var (spectrum, summary) = KernelEigensolver.Full(flat, n, Allocate, null);
        Assert.Equal(before, flat);
        var reference = EmpiricalSpectrum.FromKernelMatrix(square, LinearAlgebra.Managed);
        Assert.Equal(n, spectrum.ModeCount);
        for (int k = 0; k < n; k++) Assert.Equal(reference.Eigenvalues[k], spectrum.Eigenvalues[k], 1e-12);
        for (int k = 0; k < 10; k++)
        {
            double overlap = Enumerable.Range(0, n).Sum(i => spectrum.Eigenfunction(k, i) * reference.Eigenfunction(k, i)) / n;
            Assert.Equal(1.0, Math.Abs(overlap), 1e-8);
        }
        Assert.Equal(reference.Trace, spectrum.Trace, 1e-12);
        Assert.Equal(32, summary.Residuals.Length);
        Assert.True(summary.MaxResidual < 1e-12, $"max residual {summary.MaxResidual}");
    }

    [Fact]
    public void Top_k_matches_the_full_solver_and_its_residuals_are_the_true_ones()
    {
        int n = 400, count = 20;
        var (flat, square) = Gram(n, 3);
        var full = EmpiricalSpectrum.FromKernelMatrix(square, LinearAlgebra.Default);
        var (top, summary) = KernelEigensolver.TopK(flat, n, count, 11, Allocate, _ => { }, null, tolerance: 1e-10);
        Assert.True(summary.Converged);
        Assert.Equal(count, top.ModeCount);
        Assert.Equal(n, top.SampleCount);
        for (int k = 0; k < count; k++) Assert.Equal(full.Eigenvalues[k], top.Eigenvalues[k], 1e-9 * full.Eigenvalues[0]);
        // the trace is exact, so the missing mass is the full spectrum's tail beyond K
        Assert.Equal(full.Eigenvalues.Skip(count).Sum(), top.MissingTrace, 1e-10);
        for (int k = 0; k < count; k++)
        {
            // independent residual ‖(K/N) v − λ v‖ from the N × N array and the returned eigenfunction (v = φ̂/√N)
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                double kv = 0;
                for (int j = 0; j < n; j++) kv += square[i, j] / n * top.Eigenfunction(k, j);
                double d = (kv - top.Eigenvalues[k] * top.Eigenfunction(k, i)) / Math.Sqrt(n);
                s += d * d;
            }
            Assert.Equal(Math.Sqrt(s), summary.Residuals[k], 1e-9 * full.Eigenvalues[0]);
            Assert.True(summary.Residuals[k] <= 1e-10 * top.Eigenvalues[0]);
            // a mode separated from its neighbours is the full solver's mode up to sign
            double gap = Math.Min(k == 0 ? double.MaxValue : full.Eigenvalues[k - 1] - full.Eigenvalues[k], full.Eigenvalues[k] - full.Eigenvalues[k + 1]);
            if (gap > 1e-3 * full.Eigenvalues[0])
            {
                double overlap = Enumerable.Range(0, n).Sum(i => top.Eigenfunction(k, i) * full.Eigenfunction(k, i)) / n;
                Assert.Equal(1.0, Math.Abs(overlap), 1e-6);
            }
        }
    }

    [Fact]
    public void Top_k_stops_at_the_iteration_bound_and_says_it_did_not_converge()
    {
        int n = 200;
        var (flat, _) = Gram(n, 4);
        var (top, summary) = KernelEigensolver.TopK(flat, n, 30, 1, Allocate, _ => { }, null, tolerance: 1e-15, maxIterations: 2);
        Assert.False(summary.Converged);
        Assert.Equal(2, summary.Iterations);
        Assert.True(summary.MaxResidual > 1e-15 * top.Eigenvalues[0]);
    }
}
