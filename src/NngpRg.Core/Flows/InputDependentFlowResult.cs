using System.Collections.Immutable;

namespace NngpRg.Core.Flows;

/// <summary>
/// The input-dependent ridge σ²(x_i; κ) on the sample after removing the modes q &gt; κ (docs/theory.md §4), the reweighted
/// measure dμ̃ ∝ dμ/σ²(x) and the kept modes re-diagonalized under it.
/// </summary>
public sealed record InputDependentFlowResult
{
    private readonly double[,] _modes;

    internal InputDependentFlowResult(
        int cutoff, ImmutableArray<double> ridgeAtPoints, ImmutableArray<double> meanSecondMoments,
        ImmutableArray<double> weights, ImmutableArray<double> gramEigenvalues, double[,] modes)
    {
        Cutoff = cutoff;
        RidgeAtPoints = ridgeAtPoints;
        MeanSecondMoments = meanSecondMoments;
        Weights = weights;
        ReweightedGramEigenvalues = gramEigenvalues;
        _modes = modes;
        MeanRidge = ridgeAtPoints.Average();
        MinRidge = ridgeAtPoints.Min();
        MaxRidge = ridgeAtPoints.Max();
    }

    /// <summary>The cutoff κ: modes 1…κ kept, κ+1…K removed.</summary>
    public int Cutoff { get; }

    /// <summary>σ²(x_i; κ) = σ² + Σ_{q&gt;κ} λ_q m₂^{(q)}(x_i) for each sample i.</summary>
    public ImmutableArray<double> RidgeAtPoints { get; }

    /// <summary>mean_i m₂^{(q)}(x_i) for the removed modes q = κ+1…K (entry q − κ − 1); 1 for Gaussian features.</summary>
    public ImmutableArray<double> MeanSecondMoments { get; }

    /// <summary>The sample mean of σ²(x_i), = σ² + Σ_{q&gt;κ} λ_q mean_i m₂^{(q)}.</summary>
    public double MeanRidge { get; }

    /// <summary>min_i σ²(x_i).</summary>
    public double MinRidge { get; }

    /// <summary>max_i σ²(x_i).</summary>
    public double MaxRidge { get; }

    /// <summary>w_i ∝ 1/σ²(x_i), normalized to sample mean 1: the density of μ̃ with respect to the sample measure.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Eigenvalues (descending) of the reweighted Gram matrix G_kl = (1/N) Σ_i w_i φ_k(x_i) φ_l(x_i), k, l ≤ κ.</summary>
    public ImmutableArray<double> ReweightedGramEigenvalues { get; }

    /// <summary>Number of sample points N.</summary>
    public int SampleCount => _modes.GetLength(0);

    /// <summary>
    /// Value at sample i of the re-diagonalized kept mode a (0-based, in the order of <see cref="ReweightedGramEigenvalues"/>):
    /// ψ_a = g_a^{−1/2} Σ_k V_ka φ_k with G = V diag(g) Vᵀ, orthonormal under μ̃: (1/N) Σ_i w_i ψ_a ψ_b = δ_ab.
    /// </summary>
    public double ReweightedMode(int i, int a) => _modes[i, a];

    /// <summary>A copy of the re-diagonalized kept modes on the sample, N × κ.</summary>
    public double[,] ReweightedModesToArray() => (double[,])_modes.Clone();
}
