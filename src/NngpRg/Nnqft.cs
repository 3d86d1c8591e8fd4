using System.Collections.Immutable;
using NngpRg.Core.FieldTheory;

namespace NngpRg;

/// <summary>
/// Finite-width networks as non-Gaussian processes (docs/theory.md §9; Halverson–Maiti–Stoner, arXiv:2008.08601) from the
/// facade: the architectures, their exact correlators, the tree-level couplings, the Monte Carlo of random networks and
/// the deviation-against-width experiment. Every function validates its arguments and is pure (Monte Carlo results depend
/// only on the seed).
/// </summary>
/// <example>
/// <code>
/// var relu = Nnqft.Network(NetworkKind.Relu);                                    // d = 1, σ_W = 1, σ_b = 0
/// var four = Nnqft.Correlators(relu, [[0.2], [0.4], [0.6], [0.8]], n: 4);        // every FirstOrder is 5: ΔG₄/G₄^GP = 5/N
/// double lambda = Nnqft.Coupling(relu, width: 20, [[0.2], [0.4], [0.6], [0.8]], cutoff: 100).Lambda;  // −25/(2·20·100⁵)
/// var mc = Nnqft.MonteCarlo(relu, width: 5, [[0.2], [0.4], [0.6]], networks: 100_000, seed: 1);      // m₄ ≈ 1 within its s.e.
/// var report = Nnqft.Experiment(new WidthExperimentOptions { Networks = 100_000 });                   // slopes ≈ −1, −1, −2
/// </code>
/// </example>
public static class Nnqft
{
    /// <summary>A one-hidden-layer architecture (σ_b defaults to the published 0 for ReLU, 1 otherwise).</summary>
    /// <exception cref="ArgumentException">d outside 1 … 64, σ_W ≤ 0, σ_b &lt; 0 or not finite.</exception>
    public static NetworkArchitecture Network(NetworkKind kind, int inputDimension = 1, double sigmaW = 1, double? sigmaB = null) =>
        NetworkArchitecture.Of(kind, inputDimension, sigmaW, sigmaB);

    /// <summary>The exact n-point functions (n = 2, 4, 6) at every sorted tuple of the points, as A/N + B/N² relative to the GP.</summary>
    public static ImmutableArray<CorrelatorPoint> Correlators(NetworkArchitecture net, IReadOnlyList<IReadOnlyList<double>> points, int n) =>
        Core.FieldTheory.Correlators.All(NeuronMoments.For(net, points), n);

    /// <summary>The matched quartic coupling λ(Λ) at four points (Λ = +∞ for the Gauss-net).</summary>
    public static QuarticCoupling Coupling(NetworkArchitecture net, int width, IReadOnlyList<IReadOnlyList<double>> fourPoints, double cutoff) =>
        TreeLevelCouplings.Quartic(NeuronMoments.For(net, fourPoints), width, [0, 1, 2, 3], cutoff);

    /// <summary>The Monte Carlo of <paramref name="networks"/> random networks, analysed against the GP and the exact correlators.</summary>
    public static EnsembleAnalysisResult MonteCarlo(NetworkArchitecture net, int width, IReadOnlyList<IReadOnlyList<double>> points, int networks, int seed) =>
        EnsembleAnalysis.Analyze(NetworkMonteCarlo.Run(net, width, points, networks, seed));

    /// <summary>The deviation-against-width experiment (default: ReLU, the published widths, 10⁶ networks per width).</summary>
    public static WidthExperimentReport Experiment(WidthExperimentOptions? options = null) => WidthExperiment.Run(options ?? new WidthExperimentOptions());
}
