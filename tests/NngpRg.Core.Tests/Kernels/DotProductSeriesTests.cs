using NngpRg.Core.Kernels;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using Xunit;

namespace NngpRg.Core.Tests.Kernels;

/// <summary>The numeric Taylor coefficients of the layer compositions against the engine's exact series and the compiled kernel.</summary>
public class DotProductSeriesTests
{
    private static NngpKernel Kernel(Activation a, int depth, double b2 = 0) =>
        NngpKernel.Of(Activations.HasVariances(a) ? LayerMap.Of(a, 1.3, b2) : LayerMap.Of(a), depth);

    /// <summary>b_0 … b_8 against the exact coefficients of Series.Expand of the kernel expression (rationals and π).</summary>
    [Theory]
    [InlineData(Activation.Relu, 1, 0.0, KernelKind.Nngp)]
    [InlineData(Activation.Relu, 1, 0.2, KernelKind.Ntk)]
    [InlineData(Activation.ArcCos2, 1, 0.0, KernelKind.Nngp)]
    [InlineData(Activation.ArcCos1, 2, 0.0, KernelKind.Ntk)]
    [InlineData(Activation.Erf, 1, 0.1, KernelKind.Nngp)]
    [InlineData(Activation.Rbf, 2, 0.1, KernelKind.Ntk)]
    public void Coefficients_match_the_exact_symbolic_series(Activation a, int depth, double b2, KernelKind kind)
    {
        const int order = 6;
        var kernel = Kernel(a, depth, b2);
        var expression = kind == KernelKind.Nngp ? kernel.DotProductKernel() : kernel.DotProductNtk();
        var exact = Series.Expand(expression, [NngpKernel.Dot], order);
        var series = DotProductSeries.Of(kernel, kind, 64);
        for (int j = 0; j <= order; j++)
        {
            double e = Evaluate.Constant(exact.Coefficient(j));
            Assert.True(Math.Abs(series.Coefficients[j] - e) <= 1e-14 * Math.Max(Math.Abs(e), 1e-300) + 1e-300,
                $"{Activations.Name(a)} {KernelKinds.Name(kind)} depth {depth}: b_{j} = {series.Coefficients[j]:R}, exact {e:R}");
        }
    }

    /// <summary>Σ_j b_j t^j reproduces the compiled kernel inside the disc, and the coefficients never exceed the total mass K(1).</summary>
    [Theory]
    [InlineData(Activation.Relu, 6, 0.1)]
    [InlineData(Activation.ArcCos0, 3, 0.0)]
    [InlineData(Activation.ArcCos2, 4, 0.0)]
    [InlineData(Activation.Erf, 6, 1.0)]
    [InlineData(Activation.Rbf, 3, 0.0)]
    public void Series_sums_to_the_kernel_inside_the_unit_disc(Activation a, int depth, double b2)
    {
        var kernel = Kernel(a, depth, b2);
        foreach (var kind in kernel.HasNtk ? new[] { KernelKind.Nngp, KernelKind.Ntk } : [KernelKind.Nngp])
        {
            var series = DotProductSeries.Of(kernel, kind);
            var k = Compile.ToFunc1(kind == KernelKind.Nngp ? kernel.DotProductKernel() : kernel.DotProductNtk(), NngpKernel.Dot);
            foreach (double t in new[] { -0.6, 0.0, 0.3, 0.7 })
            {
                double sum = 0, power = 1;
                foreach (double b in series.Coefficients) { sum += b * power; power *= t; }
                Assert.Equal(k(t), sum, 1e-13 * series.AtOne);
            }
            Assert.True(series.Coefficients.All(b => b >= 0) && series.Coefficients.Sum() <= series.AtOne * (1 + 1e-13));
        }
    }

    [Fact]
    public void Symbolic_variances_and_the_arccos0_ntk_are_refused()
    {
        Assert.Contains("must be a number", Assert.Throws<ArgumentException>(() => DotProductSeries.Of(NngpKernel.Of(LayerMap.Symbolic(Activation.Relu), 1))).Message);
        Assert.Throws<ArgumentException>(() => DotProductSeries.Of(NngpKernel.Of(LayerMap.Of(Activation.ArcCos0), 1), KernelKind.Ntk));
        Assert.Throws<ArgumentOutOfRangeException>(() => DotProductSeries.Of(NngpKernel.Of(LayerMap.Of(Activation.Relu), 1), maxIndex: 0));
    }

    /// <summary>
    /// λ_ℓ[(1 − t)^β] in closed form against angular quadrature for half-integer β, and against the polynomial case β = 2:
    /// (1 − t)² = 1 − 2t + t² has λ₀ = 1 + 1/d, λ₁ = −2/d, λ₂ = 2/(d(d + 2)) and λ_ℓ = 0 beyond.
    /// </summary>
    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(1.5, 3)]
    [InlineData(2.5, 10)]
    [InlineData(1.5, 64)]
    public void Funk_hecke_of_one_minus_t_to_the_beta_is_the_closed_form(double beta, int d)
    {
        const int n = 12;
        var closed = FunkHecke.OfOneMinusTPower(beta, d, n);
        var quadrature = FunkHecke.Eigenvalues(t => Math.Pow(Math.Max(0, 1 - t), beta), SphereQuadrature.Angular(d, 600), n);
        for (int l = 0; l <= n; l++)
        {
            double value = closed[l].Sign * Math.Exp(closed[l].Log);
            Assert.True(Math.Abs(value - quadrature[l]) <= 1e-13, $"β = {beta}, d = {d}, ℓ = {l}: closed {value:R}, quadrature {quadrature[l]:R}");
        }
        var square = FunkHecke.OfOneMinusTPower(2, 7, 5);
        double V(int l) => square[l].Sign * Math.Exp(square[l].Log);
        Assert.Equal(1 + 1.0 / 7, V(0), 1e-13);
        Assert.Equal(-2.0 / 7, V(1), 1e-13);
        Assert.Equal(2.0 / (7 * 9), V(2), 1e-13);
        Assert.Equal(0, V(3));
        Assert.Equal(0, V(5));
    }
}
