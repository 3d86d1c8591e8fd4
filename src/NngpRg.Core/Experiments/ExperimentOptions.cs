using System.Collections.Immutable;
using NngpRg.Core.Kernels;

namespace NngpRg.Core.Experiments;

/// <summary>Which kernel of the network the experiment diagonalizes and regresses with (docs/theory.md §6).</summary>
public enum ExperimentKernel
{
    /// <summary>The NNGP kernel (the prior covariance of the infinitely wide network).</summary>
    Nngp,
    /// <summary>The neural tangent kernel of the same architecture, by differentiating the layer maps.</summary>
    Ntk,
}

/// <summary>How the N points are chosen from the (class-selected) data set.</summary>
public enum SampleSelection
{
    /// <summary>A uniformly random subset of N rows (seeded by <see cref="ExperimentOptions.Seed"/>), kept in file order.</summary>
    Random,
    /// <summary>The first N rows.</summary>
    First,
}

/// <summary>How labels become regression targets. Closed hierarchy: <see cref="Auto"/>, <see cref="PlusMinusOne"/>,
/// <see cref="OneHot"/>, <see cref="OneVsRest"/>.</summary>
public abstract record TargetChoice
{
    private TargetChoice() { }

    /// <summary>±1 for two classes, one-hot for more.</summary>
    public sealed record Auto : TargetChoice;

    /// <summary>±1: the larger of exactly two classes → +1, the other → −1.</summary>
    public sealed record PlusMinusOne : TargetChoice;

    /// <summary>One output per class, 1 for the point's class and 0 elsewhere (MSE averaged over outputs).</summary>
    public sealed record OneHot : TargetChoice;

    /// <summary>One output: +1 for <paramref name="Class"/>, −1 for every other class.</summary>
    /// <param name="Class">The positive class label.</param>
    public sealed record OneVsRest(int Class) : TargetChoice;
}

/// <summary>
/// Settings of <see cref="SpectrumExperiment.Run"/> (docs/theory.md §7). Defaults: NNGP kernel, a random subsample of N
/// rows, σ² = 0.01, T = 1/2, R = 5 draws, power-law fits over modes 10 … N/10 (when N/10 &lt; 12: modes max(1, N/20) …
/// max(kmin + 2, N/10)) and the ranges of <see cref="FitRanges.Around"/>, Gaussianity of the 10 leading modes and of the
/// pairs among the 4 leading modes, m = min(N − max η, 1000) test points from the pool (or min(test rows, 1000) from a
/// separate test set), figure modes near κ*(η) of the middle η, and the input-dependent ridge at that κ*.
/// </summary>
/// <param name="Activation">Activation of every hidden layer.</param>
/// <param name="Depth">Hidden layers L, 1 … 64.</param>
/// <param name="SampleCount">N: the points diagonalized (and, without a separate test set, split into training and test pools).</param>
/// <param name="EtaGrid">Training-set sizes η, strictly increasing, each ≥ 1; max η + m ≤ N (max η ≤ N with a test set).</param>
/// <param name="Sigma2">Ridge σ² &gt; 0 of the regression and of the theory.</param>
/// <param name="Threshold">Learnability threshold T ∈ (0, 1) of the flow's stopping rule.</param>
/// <param name="Draws">R ≥ 2 random training sets per η.</param>
/// <param name="Seed">Seed of the random subsample, the test subset and the splits.</param>
/// <param name="SigmaW2">Weight variance σ_w² ≥ 0.</param>
/// <param name="SigmaB2">Bias variance σ_b² ≥ 0.</param>
/// <param name="FitFirstMode">First mode of the primary power-law fit range (1-based); null for the default.</param>
/// <param name="FitLastMode">Last mode of the primary fit range; null for the default.</param>
/// <param name="GaussianityModes">Leading modes whose marginals are tabulated (≥ 1, ≤ N).</param>
/// <param name="PairModes">Pairs k &lt; q among this many leading modes are tested (≥ 2, ≤ N).</param>
/// <param name="TestCount">Held-out test points m; null for the default.</param>
/// <param name="Kernel">NNGP or NTK.</param>
/// <param name="Targets">The target encoding; null for <see cref="TargetChoice.Auto"/>.</param>
/// <param name="Sampling">First N rows or a random subsample.</param>
/// <param name="FigureModes">Modes (1-based, 2 … 6 of them, distinct, ≤ N) of the pair-scatter figure; null for the default
/// {⌈κ*/2⌉, κ*, 2κ*} of the middle η (non-constant modes).</param>
/// <param name="InputDependentRidge">Whether to run the input-dependent ridge flow σ²(x) (docs/theory.md §4).</param>
/// <param name="EdgeworthModes">Kept modes entering the sample-cumulant Edgeworth m₂ (≥ 1); when σ²(x) comes out ≤ 0 somewhere the
/// number is halved until it does not (each failure is reported).</param>
/// <param name="TopK">Compute only the leading K eigenpairs (randomized subspace iteration, residuals reported) instead of all N:
/// O(N²K) per iteration instead of O(N³), and N × (2K + 10) blocks instead of a second N × N buffer; null for all N. The
/// fit range, the tested and figure modes must then lie within K, and the input-dependent ridge (a sum over every removed
/// mode) is not run.</param>
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
    int? TestCount = null,
    ExperimentKernel Kernel = ExperimentKernel.Nngp,
    TargetChoice? Targets = null,
    SampleSelection Sampling = SampleSelection.Random,
    ImmutableArray<int>? FigureModes = null,
    bool InputDependentRidge = true,
    int EdgeworthModes = 10,
    int? TopK = null)
{
    /// <summary>The number of eigenpairs computed: K with <see cref="TopK"/>, else N.</summary>
    public int ModeCount => TopK ?? SampleCount;

    /// <summary>The fit range actually used: the given bounds or the documented defaults for N.</summary>
    public (int First, int Last) FitRange
    {
        get
        {
            int n = SampleCount;
            int first = FitFirstMode ?? (n / 10 >= 12 ? 10 : Math.Max(1, n / 20));
            int last = FitLastMode ?? Math.Max(first + 2, Math.Min(n / 10, ModeCount));
            return (first, last);
        }
    }

    /// <summary>The target encoding actually used.</summary>
    public TargetChoice EffectiveTargets => Targets ?? new TargetChoice.Auto();

    /// <summary>The number of held-out test points per draw from the pool (no separate test set).</summary>
    public int EffectiveTestCount => TestCount ?? Math.Min(SampleCount - (EtaGrid.IsDefaultOrEmpty ? 0 : EtaGrid.Max()), 1000);

    /// <summary>The number of test points drawn from a separate test set of <paramref name="testRows"/> rows.</summary>
    public int TestCountFrom(int testRows) => TestCount ?? Math.Min(testRows, 1000);
}
