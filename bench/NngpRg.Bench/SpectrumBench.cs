using BenchmarkDotNet.Attributes;
using NngpRg.Core.Kernels;

namespace NngpRg.Bench;

/// <summary>
/// Sphere spectra with stated accuracy (docs/theory.md §6): the series route (Taylor coefficients by composing
/// non-negative series, J = 2048, asymptotic tail) for the ReLU NNGP on S^9 with ℓ ≤ 100 at depth 1 and 6, its NTK, and
/// d = 3072, against the angular Funk–Hecke quadrature of the same kernel (the former route, absolute error ε·K(1)) as the
/// baseline. Each call builds the kernel's expressions too, as `nngp-rg spectrum` does.
/// </summary>
[MemoryDiagnoser]
public class SpectrumBench
{
    private static NngpKernel Relu(int depth, double sigmaB2 = 0) => NngpKernel.Of(LayerMap.Of(Activation.Relu, 1, sigmaB2), depth);

    /// <summary>Angular quadrature, ReLU depth 1, d = 10, ℓ ≤ 100.</summary>
    [Benchmark(Baseline = true, Description = "quadrature, relu L=1, d=10, l<=100")]
    public SphereSpectrum Quadrature() => SphereSpectrum.Of(Relu(1), 10, 100, SpectrumRoute.AngularQuadrature);

    /// <summary>Series route, ReLU depth 1, d = 10, ℓ ≤ 100.</summary>
    [Benchmark(Description = "series, relu L=1, d=10, l<=100")]
    public SphereSpectrum SeriesDepth1() => SphereSpectrum.Of(Relu(1), 10, 100);

    /// <summary>Series route, ReLU depth 6 with σ_b² = 0.1, d = 10, ℓ ≤ 100.</summary>
    [Benchmark(Description = "series, relu L=6 sb2=0.1, d=10, l<=100")]
    public SphereSpectrum SeriesDepth6() => SphereSpectrum.Of(Relu(6, 0.1), 10, 100);

    /// <summary>Series route, the ReLU NTK at depth 2, d = 10, ℓ ≤ 100.</summary>
    [Benchmark(Description = "series, relu NTK L=2, d=10, l<=100")]
    public SphereSpectrum SeriesNtk() => SphereSpectrum.Of(Relu(2), 10, 100, KernelKind.Ntk);

    /// <summary>Series route at d = 3072, ℓ ≤ 30.</summary>
    [Benchmark(Description = "series, relu L=2, d=3072, l<=30")]
    public SphereSpectrum SeriesLargeDimension() => SphereSpectrum.Of(Relu(2), 3072, 30);
}
