using NngpRg.Core.Kernels;
using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg;

/// <summary>
/// A fluent description of an NNGP kernel: activation, depth and weight/bias variances (input layer σ_w² x·x' + σ_b²,
/// then <see cref="Layers"/> hidden layers). Immutable: each method returns a new description.
/// </summary>
/// <param name="Activation">The activation of every hidden layer.</param>
/// <param name="Layers">Hidden layers L ≥ 1.</param>
/// <param name="SigmaW2">Weight variance σ_w².</param>
/// <param name="SigmaB2">Bias variance σ_b².</param>
public sealed record KernelSpec(Activation Activation, int Layers = 1, double SigmaW2 = 1, double SigmaB2 = 0)
{
    /// <summary>The same kernel with <paramref name="layers"/> hidden layers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unless 1 ≤ layers ≤ 64.</exception>
    public KernelSpec Depth(int layers) =>
        layers is < 1 or > 64 ? throw new ArgumentOutOfRangeException(nameof(layers), layers, "depth must be between 1 and 64 hidden layers") : this with { Layers = layers };

    /// <summary>The same kernel with weight and bias variances σ_w², σ_b².</summary>
    /// <exception cref="ArgumentException">When a variance is negative or not finite.</exception>
    public KernelSpec Weights(double sigmaW2, double sigmaB2 = 0)
    {
        if (!double.IsFinite(sigmaW2) || sigmaW2 < 0) throw new ArgumentException($"σ_w² must be a finite non-negative variance, got {sigmaW2}.", nameof(sigmaW2));
        if (!double.IsFinite(sigmaB2) || sigmaB2 < 0) throw new ArgumentException($"σ_b² must be a finite non-negative variance, got {sigmaB2}.", nameof(sigmaB2));
        return this with { SigmaW2 = sigmaW2, SigmaB2 = sigmaB2 };
    }

    /// <summary>The kernel as expressions (layer maps composed; NTK by differentiation).</summary>
    public NngpKernel Build() => NngpKernel.Of(LayerMap.Of(Activation, SigmaW2, SigmaB2), Layers);

    /// <summary>K(t) on the unit sphere as an expression in t = x·x'.</summary>
    public Expr Expression => Build().DotProductKernel();

    /// <summary>The NTK Θ(t) on the unit sphere as an expression in t.</summary>
    public Expr NtkExpression => Build().DotProductNtk();

    /// <summary>K(t) on the unit sphere compiled to a delegate.</summary>
    public Func<double, double> Compile() => Symbolic.Compilation.Compile.ToFunc1(Expression, NngpKernel.Dot);

    /// <summary>Eigenvalues, multiplicities and tails on S^{d−1} for ℓ ≤ maxDegree (docs/theory.md §6.3, §6.5).</summary>
    public SphereSpectrum SphereSpectrum(int dimension, int maxDegree) => Core.Kernels.SphereSpectrum.Of(Build(), dimension, maxDegree);

    /// <summary>The spectrum as a <see cref="Core.Spectra.Spectrum"/> record (levels with multiplicities) for flows and theory.</summary>
    /// <exception cref="ArgumentException">When a multiplicity exceeds 64 bits (large d and ℓ): ask for fewer degrees.</exception>
    public Spectrum Spectrum(int dimension, int maxDegree)
    {
        var s = SphereSpectrum(dimension, maxDegree);
        return FunkHecke.ToSpectrum([.. s.Levels.Select(l => l.Eigenvalue)], dimension);
    }

    /// <summary>
    /// The finite-sample check of docs/theory.md §3.5 on random points of S^{d−1}: full-kernel KRR at ridge σ² against the
    /// kernel truncated at degree <paramref name="cutoff"/> at ridge σ² + c(cutoff) and at the bare σ².
    /// </summary>
    public FiniteSampleResult Verify(int dimension, int trainPoints, int testPoints, double sigma2, int cutoff, int seed = 1, int draws = 2) =>
        FiniteSampleCheck.Run(Build(), KernelKind.Nngp, dimension, trainPoints, testPoints, sigma2, cutoff, seed, draws);
}
