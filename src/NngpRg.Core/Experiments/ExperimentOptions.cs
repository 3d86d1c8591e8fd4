using System.Collections.Immutable;
using NngpRg.Core.Kernels;

namespace NngpRg.Core.Experiments;

/// <summary>
/// Settings of <see cref="SpectrumExperiment.Run"/> (PHYSICS.md §7). Defaults: σ² = 0.01, T = 1/2, R = 5 draws, power-law fit
/// over modes 10 … N/10 (when N/10 &lt; 12: modes max(1, N/20) … max(kmin + 2, N/10)), Gaussianity of the 10 leading modes
/// and of the pairs among the 4 leading modes, m = min(N − max η, 1000) test points.
/// </summary>
/// <param name="Activation">Activation of every hidden layer.</param>
/// <param name="Depth">Hidden layers L, 1 … 64.</param>
/// <param name="SampleCount">N: the first N rows of the data set are used (diagonalization, training pool and test pool).</param>
/// <param name="EtaGrid">Training-set sizes η, strictly increasing, each ≥ 1, max η + m ≤ N.</param>
/// <param name="Sigma2">Ridge σ² &gt; 0 of the regression and of the theory.</param>
/// <param name="Threshold">Learnability threshold T ∈ (0, 1) of the flow's stopping rule.</param>
/// <param name="Draws">R ≥ 2 random train/test splits per η.</param>
/// <param name="Seed">Seed of the single <see cref="Random"/> behind the splits.</param>
/// <param name="SigmaW2">Weight variance σ_w² ≥ 0.</param>
/// <param name="SigmaB2">Bias variance σ_b² ≥ 0.</param>
/// <param name="FitFirstMode">First mode of the power-law fit (1-based); null for the default.</param>
/// <param name="FitLastMode">Last mode of the power-law fit; null for the default.</param>
/// <param name="GaussianityModes">Leading modes whose marginals are tested (≥ 1, ≤ N).</param>
/// <param name="PairModes">Pairs k &lt; q among this many leading modes are tested (≥ 2, ≤ N).</param>
/// <param name="TestCount">Held-out test points m per draw; null for min(N − max η, 1000).</param>
public sealed record ExperimentOptions(
    Activation Activation,
    int Depth,
    int SampleCount,
    ImmutableArray<int> EtaGrid,
    double Sigma2 = 0.01,
    double Threshold = 0.5,
    int Draws = 5,
    int Seed = 1,
    double SigmaW2 = 1,
    double SigmaB2 = 0,
    int? FitFirstMode = null,
    int? FitLastMode = null,
    int GaussianityModes = 10,
    int PairModes = 4,
    int? TestCount = null)
{
    /// <summary>The fit range actually used: the given bounds or the documented defaults for N.</summary>
    public (int First, int Last) FitRange
    {
        get
        {
            int n = SampleCount;
            int first = FitFirstMode ?? (n / 10 >= 12 ? 10 : Math.Max(1, n / 20));
            int last = FitLastMode ?? Math.Max(first + 2, n / 10);
            return (first, last);
        }
    }

    /// <summary>The number of held-out test points per draw.</summary>
    public int EffectiveTestCount => TestCount ?? Math.Min(SampleCount - (EtaGrid.IsDefaultOrEmpty ? 0 : EtaGrid.Max()), 1000);
}
