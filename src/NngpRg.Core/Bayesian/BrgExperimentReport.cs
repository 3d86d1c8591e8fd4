using System.Collections.Immutable;
using NngpRg.Core.Regression;

namespace NngpRg.Core.Bayesian;

/// <summary>The ensemble at one information cutoff (docs/theory.md §10.6). Means and standard errors are over the included members.</summary>
/// <param name="Cutoff">Λ; 0 for the trained networks before any coarse graining.</param>
/// <param name="Mse">Test MSE.</param>
/// <param name="ExpectedMse">The exact expectation of the test MSE over the resampling, Eq. (10.16), per member given its trained readout.</param>
/// <param name="CoarseGrainedFraction">Mean fraction of readout weights with F_jj &lt; Λ.</param>
/// <param name="SloppyInformation">Mean Σ_{F_jj&lt;Λ} F_jj.</param>
/// <param name="RuleOfThumbIncrease">2σ_v² × <see cref="SloppyInformation"/>: the MSE increase Eq. (10.17) predicts.</param>
/// <param name="PredictiveVariance">The ensemble variance of the test predictions, averaged over the test points.</param>
/// <param name="PredictiveVarianceStandardError">Its jackknife standard error over members.</param>
/// <param name="TraceMean">Ensemble mean of the prediction at the trace test point.</param>
/// <param name="TraceStd">Ensemble standard deviation there (the width of the published histograms).</param>
public sealed record BrgCutoffRow(double Cutoff, Estimate Mse, Estimate ExpectedMse, double CoarseGrainedFraction, double SloppyInformation,
    double RuleOfThumbIncrease, double PredictiveVariance, double PredictiveVarianceStandardError, double TraceMean, double TraceStd);

/// <summary>
/// The result of <see cref="BrgExperiment.Run"/>: one row for Λ = 0 and one per cutoff, the critical cutoff and the
/// rule-of-thumb cutoff, and the Fisher statistics that decide whether the plateau is real.
/// </summary>
/// <param name="Options">The settings.</param>
/// <param name="Rows">Λ = 0 first, then each cutoff in increasing order.</param>
/// <param name="IncludedMembers">Members with Λ = 0 test MSE below <see cref="BrgExperimentOptions.MaxTrainedMse"/>.</param>
/// <param name="ExcludedMembers">The others (left out of every row).</param>
/// <param name="TrainedMse">The plateau reference MSE₀: the included members' mean test MSE at Λ = 0.</param>
/// <param name="InitialMse">Mean test MSE of the untrained readouts (for scale).</param>
/// <param name="ZeroFisherFraction">Fraction of readout weights whose diagonal Fisher is exactly 0 (units silent on the whole Fisher set).</param>
/// <param name="MedianFisher">Median of F_jj over all weights of the included members.</param>
/// <param name="CriticalCutoff">Λ_C: the first cutoff whose mean MSE exceeds 2 × MSE₀; null when none does.</param>
/// <param name="RuleOfThumbCutoff">The first cutoff with 2σ_v² Σ_{F&lt;Λ} F ≥ MSE₀; null when none.</param>
public sealed record BrgExperimentReport(
    BrgExperimentOptions Options,
    ImmutableArray<BrgCutoffRow> Rows,
    int IncludedMembers,
    int ExcludedMembers,
    Estimate TrainedMse,
    Estimate InitialMse,
    Estimate ZeroFisherFraction,
    double MedianFisher,
    double? CriticalCutoff,
    double? RuleOfThumbCutoff)
{
    /// <summary>The detection rule of <see cref="CriticalCutoff"/>, in words.</summary>
    public const string CriticalRule = "first cutoff with ensemble-mean test MSE > 2 × MSE₀ (MSE₀ = mean test MSE of the trained ensemble at Λ = 0)";

    /// <summary>The rule of <see cref="RuleOfThumbCutoff"/>, in words.</summary>
    public const string RuleOfThumb = "first cutoff with 2σ_v² Σ_{F<Λ} F ≥ MSE₀ (premise: sloppy weights stay near their prior draw, so resampling doubles their variance)";
}
