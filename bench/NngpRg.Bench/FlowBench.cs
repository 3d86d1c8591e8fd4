using BenchmarkDotNet.Attributes;
using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;

namespace NngpRg.Bench;

/// <summary>
/// Ridge flows and the self-consistent ridge (docs/theory.md §3, §5) on λ_k = k^{−2}: 10⁶ flow right-hand-side evaluations
/// through the <see cref="FlowRhs"/> delegate (the seam for compiled derived equations; time per evaluation, so
/// evaluations per second = 1/mean), a discrete flow through 10⁵ shells (target under 100 ms), the same flow as a
/// Dormand–Prince continuum, and the self-consistent solve on 10⁶ explicit modes plus the exact power-law tail
/// (target under 200 ms).
/// </summary>
[MemoryDiagnoser]
public class FlowBench
{
    private const int Evaluations = 1_000_000;
    private Spectrum _flowSpectrum = Spectrum.FromEigenvalues([1.0]);
    private Spectrum _solveSpectrum = Spectrum.FromEigenvalues([1.0]);
    private double[] _lambdas = [];
    private FlowRhs _rhs = FlowEquations.Gaussian;

    /// <summary>Builds the spectra (10⁵ and 10⁶ explicit modes with power-law tails) and the eigenvalue table.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var law = new PowerLaw(1, 1);
        _flowSpectrum = law.ToSpectrum(100_000);
        _solveSpectrum = law.ToSpectrum(1_000_000);
        _lambdas = new double[Evaluations];
        for (int k = 0; k < Evaluations; k++) _lambdas[k] = law.Eigenvalue(k + 1);
        _rhs = FlowEquations.Gaussian;
    }

    /// <summary>One evaluation of the compiled leading increment per mode, through the delegate (reported per evaluation).</summary>
    [Benchmark(OperationsPerInvoke = Evaluations, Description = "flow RHS via delegate (per evaluation)")]
    public double RhsEvaluations()
    {
        var leading = _rhs.Leading;
        double sigma2 = 1e-3;
        var lambdas = _lambdas;
        for (int k = 0; k < lambdas.Length; k++) sigma2 += leading(lambdas[k], sigma2);
        return sigma2;
    }

    /// <summary>Discrete flow removing ≈10⁵ shells one mode at a time (σ² = 1, η = 10: κ* ≈ 3).</summary>
    [Benchmark(Baseline = true, Description = "discrete flow, 1e5 shells")]
    public FlowResult DiscreteFlow() => GaussianFlow.Run(_flowSpectrum, 1.0, 10, 0.5);

    /// <summary>The O(λ²) prediction on the same spectrum: the flow, the removed-mode power sums and the κ_eff fixed point on the kept modes.</summary>
    [Benchmark(Description = "next-order prediction, 1e5 shells")]
    public NextOrderPrediction NextOrderFlow() => NextOrderTheory.Predict(_flowSpectrum, TargetSpectrum.GpMatched(), 1.0, 10, 0.5);

    /// <summary>The continuum flow in RG time through the interpolated spectrum (Dormand–Prince with event location).</summary>
    [Benchmark(Description = "continuum flow (RG time), 1e5 modes")]
    public FlowResult ContinuumFlow() => GaussianFlow.Run(_flowSpectrum, 1.0, 10, 0.5, options: new FlowOptions { Method = FlowMethod.ContinuumRgTime });

    /// <summary>Self-consistent κ_eff on 10⁶ explicit modes plus the Hurwitz-summed tail.</summary>
    [Benchmark(Description = "self-consistent ridge, 1e6 modes")]
    public SelfConsistentSolution SelfConsistent() => SelfConsistentRidge.Solve(_solveSpectrum, 1e-3, 1e5);
}
