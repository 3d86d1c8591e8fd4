using System.Collections.Immutable;
using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;

namespace NngpRg.Core.Experiments;

/// <summary>
/// Marginal statistics of one empirical mode φ̂_k over the N samples (docs/theory.md §7.4, (7.10)). For a Gaussian feature
/// E φ = 0, E φ² = 1 and E φ⁴ = 3; the empirical modes have (1/N) Σ φ̂² = 1 exactly.
/// </summary>
/// <param name="Mode">k, 1-based by decreasing eigenvalue.</param>
/// <param name="Eigenvalue">λ̂_k.</param>
/// <param name="Mean">(1/N) Σ_i φ̂_k(x_i), with its standard error.</param>
/// <param name="ExcessKurtosis">U_kkkk = (1/N) Σ_i φ̂_k(x_i)⁴ − 3 (0 for a unit Gaussian), with its standard error.</param>
/// <param name="SampleCount">N, the number of points the moments average over.</param>
/// <remarks>
/// The ± of each moment is its sample standard error s/√N, the uncertainty of the estimate. The verdict is a test of the
/// hypothesis "φ_k is a unit Gaussian", so its z-scores use the standard errors that hypothesis implies, √(15/N) for E φ³
/// (E φ⁶ = 15) and √(96/N) for E φ⁴ − 3 (E φ⁸ − (E φ⁴)² = 105 − 9) (docs/theory.md §7.4): under heavy tails the sample
/// standard error grows with the tails themselves and would call a kurtosis of 212 ± 166 "consistent with Gaussian".
/// </remarks>
public sealed record ModeGaussianity(int Mode, double Eigenvalue, SampleMoment Mean, SampleMoment ExcessKurtosis, int SampleCount)
{
    /// <summary>E φ̂_k³ (0 for a Gaussian), with its standard error.</summary>
    public SampleMoment Skewness { get; init; }

    /// <summary>E φ̂_k² − (E φ̂_k)² = 1 − (E φ̂_k)² for the empirical modes.</summary>
    public double Variance { get; init; } = 1;

    /// <summary>The constant mode: variance below <see cref="ModeStatistics.ConstantModeVariance"/>.</summary>
    public bool IsConstant { get; init; }

    /// <summary>|E φ̂³| over its standard error for a unit Gaussian, √(15/N).</summary>
    public double SkewnessZ => Math.Abs(Skewness.Value) / ModeStatistics.GaussianSkewnessError(SampleCount);

    /// <summary>|E φ̂⁴ − 3| over its standard error for a unit Gaussian, √(96/N).</summary>
    public double KurtosisZ => Math.Abs(ExcessKurtosis.Value) / ModeStatistics.GaussianKurtosisError(SampleCount);

    /// <summary>Whether skewness and excess kurtosis are both within <see cref="ModeStatistics.VerdictZ"/> Gaussian standard errors of 0.</summary>
    public bool ConsistentWithGaussian => !IsConstant && SkewnessZ < ModeStatistics.VerdictZ && KurtosisZ < ModeStatistics.VerdictZ;

    /// <summary>The Gaussianity verdict in words, with the z-scores it rests on.</summary>
    public string Verdict => IsConstant
        ? $"constant mode (variance {Variance.ToString("G2", System.Globalization.CultureInfo.InvariantCulture)} < {ModeStatistics.ConstantModeVariance.ToString(System.Globalization.CultureInfo.InvariantCulture)}): not a fluctuating feature"
        : ConsistentWithGaussian
            ? $"consistent with Gaussian (|z| = {ZText(SkewnessZ)}, {ZText(KurtosisZ)} < {ModeStatistics.VerdictZ.ToString(System.Globalization.CultureInfo.InvariantCulture)} Gaussian standard errors)"
            : $"non-Gaussian (skewness z = {ZText(SkewnessZ)}, kurtosis z = {ZText(KurtosisZ)} Gaussian standard errors)";

    internal static string ZText(double z) => double.IsPositiveInfinity(z) ? "∞" : z.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Pair statistics of two empirical modes k &lt; q: the connected fourth cumulant U_qqkk = E[φ_k² φ_q²] − E[φ_k²] E[φ_q²] −
/// 2 E[φ_k φ_q]² (0 for independent Gaussians), estimated with the sample moments; empirically E φ̂² = 1 and E φ̂_k φ̂_q = 0, so
/// U_qqkk = (1/N) Σ_i φ̂_k² φ̂_q² − 1.
/// </summary>
/// <param name="First">k (1-based).</param>
/// <param name="Second">q (1-based), q &gt; k.</param>
/// <param name="SquareCorrelation">(1/N) Σ_i φ̂_k² φ̂_q² − 1 with its standard error.</param>
/// <param name="Cumulant">Estimated U_qqkk with the standard error of the product mean.</param>
/// <param name="SampleCount">N.</param>
/// <remarks>As for <see cref="ModeGaussianity"/>, the verdict's z uses the standard error that independent unit Gaussians
/// imply, √(8/N) (Var φ_k²φ_q² = 3·3 − 1).</remarks>
public sealed record PairGaussianity(int First, int Second, SampleMoment SquareCorrelation, SampleMoment Cumulant, int SampleCount)
{
    /// <summary>|U_qqkk| over its standard error for independent unit Gaussians, √(8/N).</summary>
    public double CumulantZ => Math.Abs(Cumulant.Value) / ModeStatistics.GaussianPairError(SampleCount);

    /// <summary>Whether U_qqkk is within <see cref="ModeStatistics.VerdictZ"/> Gaussian standard errors of 0.</summary>
    public bool ConsistentWithIndependentGaussians => CumulantZ < ModeStatistics.VerdictZ;
}

/// <summary>A sample statistic and its standard error s/√N over the N samples (treated as independent).</summary>
/// <param name="Value">The statistic.</param>
/// <param name="StandardError">s/√N of the averaged quantity.</param>
public readonly record struct SampleMoment(double Value, double StandardError);

/// <summary>One η of the comparison: the theory's flow and predictions next to the measured KRR test MSE.</summary>
/// <param name="Eta">η, the number of training points.</param>
/// <param name="KappaStar">κ*(η, T): where the Gaussian flow on the fitted power law stops.</param>
/// <param name="RunningRidge">σ_c²(κ*) = σ² + c(κ*).</param>
/// <param name="PredictedMse">Renormalized-EK test MSE (docs/theory.md §3) for the labels' mode powers.</param>
/// <param name="SelfConsistentMse">Self-consistent (eigenlearning) MSE (docs/theory.md §5), same spectrum and target.</param>
/// <param name="MeasuredMse">KRR test MSE on held-out data, mean over draws with its standard error.</param>
public sealed record ExperimentPoint(int Eta, double KappaStar, double RunningRidge, double PredictedMse, double SelfConsistentMse, Estimate MeasuredMse)
{
    /// <summary>The same theory on the empirical spectrum λ̂_1 … λ̂_N (no modes beyond N); null when not computed.</summary>
    public TheoryPoint? Empirical { get; init; }
}

/// <summary>The flow and the two predicted MSEs at one η for one spectrum.</summary>
/// <param name="KappaStar">κ*(η, T).</param>
/// <param name="RunningRidge">σ_c²(κ*).</param>
/// <param name="RgMse">Renormalized-EK MSE.</param>
/// <param name="SelfConsistentMse">Self-consistent MSE.</param>
public readonly record struct TheoryPoint(double KappaStar, double RunningRidge, double RgMse, double SelfConsistentMse);

/// <summary>A learning-curve exponent measured on the draws: e of the mean curve, and the spread of the per-draw exponents.</summary>
/// <param name="Fit">The log–log fit of the mean MSE over the grid.</param>
/// <param name="StandardError">s/√R of the R per-draw exponents (each draw's training sets are nested in η, so its points are
/// correlated; the draws are independent).</param>
public sealed record MeasuredExponent(ScalingFit Fit, double StandardError);

/// <summary>The modes of the pair-scatter figure (the paper's Figure 2) with their values on the sample and statistics.</summary>
/// <param name="Modes">The 1-based modes, as chosen.</param>
/// <param name="Choice">How they were chosen (given, or near κ* of which η).</param>
/// <param name="Values">φ̂_k(x_i) for each chosen mode, in sample order.</param>
/// <param name="Marginals">Marginal statistics of each chosen mode.</param>
/// <param name="Pairs">Pair statistics for every pair among them.</param>
public sealed record ModeScatter(ImmutableArray<int> Modes, string Choice, ImmutableArray<ImmutableArray<double>> Values,
    ImmutableArray<ModeGaussianity> Marginals, ImmutableArray<PairGaussianity> Pairs);

/// <summary>
/// The result of <see cref="SpectrumExperiment.Run"/>: spectrum, power-law fits, mode Gaussianity, flow predictions on the
/// fitted law and on the empirical spectrum, the measured learning curve, the exponent predictions with their premises,
/// the pair-scatter modes and the input-dependent ridge (docs/theory.md §7).
/// </summary>
/// <param name="Source">Where the data came from and what was done to it.</param>
/// <param name="Kernel">Human-readable kernel description (NNGP or NTK, activation, depth, variances).</param>
/// <param name="SampleCount">N.</param>
/// <param name="FeatureCount">Input dimension d.</param>
/// <param name="Classes">The labels present in the N points, ascending.</param>
/// <param name="TargetEncoding">How labels became regression targets.</param>
/// <param name="TestCount">m held-out points per draw.</param>
/// <param name="Options">The settings.</param>
/// <param name="Eigenvalues">λ̂_1 ≥ … ≥ λ̂_N of K/N.</param>
/// <param name="TargetPower">y_k² = mean over outputs of ((1/N) Σ_i φ̂_k(x_i) y_i)², k = 1 … N.</param>
/// <param name="Fit">λ_k ≈ A k^{−(1+α)} over the primary fit range.</param>
/// <param name="Modes">Marginal Gaussianity of the leading modes.</param>
/// <param name="Pairs">Pair statistics among the leading modes.</param>
/// <param name="Points">Per-η predictions and measurements.</param>
/// <param name="PredictedExponent">α/(1+α): the GP-matched ridge-dominated exponent of the fitted law.</param>
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
    ScalingFit? MeasuredCurveFit)
{
    /// <summary>Where the test points came from: the pool of N, or a separate test set (its description).</summary>
    public string TestSource { get; init; } = "held out from the N points";

    /// <summary>α over the fit ranges, with the range spread in its error bar; null for a hand-made report.</summary>
    public ExponentEstimate? Alpha { get; init; }

    /// <summary>β of y_k² ∝ k^{−β} from the cumulative label power over the same ranges; null when not computed.</summary>
    public ExponentEstimate? Beta { get; init; }

    /// <summary>The exponent predictions with their premises; null when not computed (one η or no β).</summary>
    public ScalingPredictions? Predictions { get; init; }

    /// <summary>The measured exponent with its standard error over draws; null for one η.</summary>
    public MeasuredExponent? Measured { get; init; }

    /// <summary>Power-law fit of the renormalized-EK predictions on the empirical spectrum over the grid.</summary>
    public ScalingFit? EmpiricalCurveFit { get; init; }

    /// <summary>Marginal statistics of every mode k = 1 … N (kurtosis against k).</summary>
    public ImmutableArray<ModeGaussianity> Profile { get; init; } = [];

    /// <summary>The pair-scatter modes; null for a hand-made report.</summary>
    public ModeScatter? Scatter { get; init; }

    /// <summary>The input-dependent ridge σ²(x); null when not run or when it failed (see <see cref="InputRidgeNote"/>).</summary>
    public InputRidgeSummary? InputRidge { get; init; }

    /// <summary>Why <see cref="Beta"/> and <see cref="Predictions"/> are missing, when they are.</summary>
    public string? PredictionsNote { get; init; }

    /// <summary>Why <see cref="InputRidge"/> is missing, when it is.</summary>
    public string? InputRidgeNote { get; init; }

    /// <summary>How the eigenpairs were computed, with the residuals ‖(K/N) v − λ̂ v‖; null for a hand-made report.</summary>
    public EigensolverSummary? Eigensolver { get; init; }

    /// <summary>tr(K)/N − Σ λ̂_k over the computed modes: the eigenvalue mass beyond mode K of a top-K solve (≈ 0 for all N).</summary>
    public double MissingTrace { get; init; }

    /// <summary>Wall time of the steps; null for a hand-made report.</summary>
    public ExperimentTimings? Timings { get; init; }

    /// <summary>The memory estimate made up front and the accounting of the run; null for a hand-made report.</summary>
    public ExperimentMemory? Memory { get; init; }
}

/// <summary>Wall time of the experiment's steps, in seconds.</summary>
/// <param name="KernelMatrix">Building K (after the subsample and projection).</param>
/// <param name="Diagonalization">The eigensolver.</param>
/// <param name="Analysis">Fits, mode statistics, theory on both spectra, figure modes and the input-dependent ridge.</param>
/// <param name="LearningCurves">Kernel ridge regression over the draws and the η grid.</param>
public sealed record ExperimentTimings(double KernelMatrix, double Diagonalization, double Analysis, double LearningCurves);
