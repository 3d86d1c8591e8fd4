using System.Collections.Immutable;
using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;

namespace NngpRg.Core.Experiments;

/// <summary>
/// Marginal statistics of one empirical mode φ̂_k over the N samples (PHYSICS.md §4, §7). For a Gaussian feature
/// E φ = 0, E φ² = 1 and E φ⁴ = 3; the empirical modes have (1/N) Σ φ̂² = 1 exactly.
/// </summary>
/// <param name="Mode">k, 1-based by decreasing eigenvalue.</param>
/// <param name="Eigenvalue">λ̂_k.</param>
/// <param name="Mean">(1/N) Σ_i φ̂_k(x_i), with its standard error.</param>
/// <param name="ExcessKurtosis">U_kkkk = (1/N) Σ_i φ̂_k(x_i)⁴ − 3 (0 for a unit Gaussian), with its standard error.</param>
public sealed record ModeGaussianity(int Mode, double Eigenvalue, SampleMoment Mean, SampleMoment ExcessKurtosis);

/// <summary>
/// Pair statistics of two empirical modes k &lt; q: the connected fourth cumulant U_qqkk = E[φ_k² φ_q²] − E[φ_k²] E[φ_q²] −
/// 2 E[φ_k φ_q]² (0 for independent Gaussians), estimated with the sample moments; empirically E φ̂² = 1 and E φ̂_k φ̂_q = 0, so
/// U_qqkk = (1/N) Σ_i φ̂_k² φ̂_q² − 1.
/// </summary>
/// <param name="First">k (1-based).</param>
/// <param name="Second">q (1-based), q &gt; k.</param>
/// <param name="SquareCorrelation">(1/N) Σ_i φ̂_k² φ̂_q² − 1 with its standard error.</param>
/// <param name="Cumulant">Estimated U_qqkk with the standard error of the product mean.</param>
public sealed record PairGaussianity(int First, int Second, SampleMoment SquareCorrelation, SampleMoment Cumulant);

/// <summary>A sample statistic and its standard error s/√N over the N samples (treated as independent).</summary>
/// <param name="Value">The statistic.</param>
/// <param name="StandardError">s/√N of the averaged quantity.</param>
public readonly record struct SampleMoment(double Value, double StandardError);

/// <summary>One η of the comparison: the theory's flow and predictions next to the measured KRR test MSE.</summary>
/// <param name="Eta">η, the number of training points.</param>
/// <param name="KappaStar">κ*(η, T): where the Gaussian flow on the fitted power law stops.</param>
/// <param name="RunningRidge">σ_c²(κ*) = σ² + c(κ*).</param>
/// <param name="PredictedMse">Renormalized-EK test MSE (PHYSICS.md §3) for the labels' mode powers.</param>
/// <param name="SelfConsistentMse">Self-consistent (eigenlearning) MSE (PHYSICS.md §5), same spectrum and target.</param>
/// <param name="MeasuredMse">KRR test MSE on held-out data, mean over draws with its standard error.</param>
public sealed record ExperimentPoint(int Eta, double KappaStar, double RunningRidge, double PredictedMse, double SelfConsistentMse, Estimate MeasuredMse);

/// <summary>
/// The result of <see cref="SpectrumExperiment.Run"/>: spectrum, power-law fit, mode Gaussianity, flow predictions and
/// measured learning curves (PHYSICS.md §7).
/// </summary>
/// <param name="Source">Where the data came from and what was done to it.</param>
/// <param name="Kernel">Human-readable kernel description (activation, depth, variances).</param>
/// <param name="SampleCount">N.</param>
/// <param name="FeatureCount">Input dimension d.</param>
/// <param name="Classes">The labels present in the N points, ascending.</param>
/// <param name="TargetEncoding">How labels became regression targets.</param>
/// <param name="TestCount">m held-out points per draw.</param>
/// <param name="Options">The settings.</param>
/// <param name="Eigenvalues">λ̂_1 ≥ … ≥ λ̂_N of K/N.</param>
/// <param name="TargetPower">y_k² = mean over outputs of ((1/N) Σ_i φ̂_k(x_i) y_i)², k = 1 … N.</param>
/// <param name="Fit">λ_k ≈ A k^{−(1+α)} over the fit range.</param>
/// <param name="Modes">Marginal Gaussianity of the leading modes.</param>
/// <param name="Pairs">Pair statistics among the leading modes.</param>
/// <param name="Points">Per-η predictions and measurements.</param>
/// <param name="PredictedExponent">α/(1+α): the ridge-dominated MSE exponent of the fitted law.</param>
/// <param name="PredictedCurveFit">Power-law fit of the renormalized-EK predictions over the η grid (null for one η).</param>
/// <param name="MeasuredCurveFit">Power-law fit of the measured MSE means over the η grid (null for one η).</param>
public sealed record ExperimentReport(
    string Source,
    string Kernel,
    int SampleCount,
    int FeatureCount,
    ImmutableArray<int> Classes,
    string TargetEncoding,
    int TestCount,
    ExperimentOptions Options,
    ImmutableArray<double> Eigenvalues,
    ImmutableArray<double> TargetPower,
    PowerLawFitResult Fit,
    ImmutableArray<ModeGaussianity> Modes,
    ImmutableArray<PairGaussianity> Pairs,
    ImmutableArray<ExperimentPoint> Points,
    double PredictedExponent,
    ScalingFit? PredictedCurveFit,
    ScalingFit? MeasuredCurveFit);
