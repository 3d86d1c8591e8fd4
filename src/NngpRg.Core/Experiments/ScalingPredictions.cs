using System.Collections.Immutable;

namespace NngpRg.Core.Experiments;

/// <summary>One predicted learning-curve exponent with the premise it needs and whether this run meets it.</summary>
/// <param name="Name">Which prediction.</param>
/// <param name="Formula">The formula, in the report's symbols.</param>
/// <param name="Value">The predicted exponent e of MSE ∝ η^{−e}.</param>
/// <param name="StandardError">From the α and β error bars by the delta method (α, β independent).</param>
/// <param name="Premise">What the prediction needs, with this run's numbers for each condition.</param>
/// <param name="PremiseMet">Whether this run's numbers meet the premise.</param>
public sealed record ExponentPrediction(string Name, string Formula, double Value, double StandardError, string Premise, bool PremiseMet);

/// <summary>Where the run sits between the ridge-dominated and tail-dominated limits (docs/theory.md §7).</summary>
public enum ScalingRegime
{
    /// <summary>c(κ*)/σ² &lt; 1/3 at every η: the effective ridge is the bare one.</summary>
    RidgeDominated,
    /// <summary>c(κ*)/σ² &gt; 3 at every η: the removed modes' trace sets the ridge (effectively ridgeless).</summary>
    TailDominated,
    /// <summary>Neither at every η.</summary>
    Crossover,
}

/// <summary>
/// The exponent predictions of the experiment (docs/theory.md §7, eqs. 7.3–7.6) from the measured α and β, with the
/// diagnostics their premises rest on: c(κ*)/σ² over the grid, the running-ridge slope s and the modes κ* crosses.
/// </summary>
/// <param name="Predictions">GP-matched α/(1+α), source/capacity ridge-dominated, tail-dominated, and at the running ridge.</param>
/// <param name="Regime">Ridge-dominated, tail-dominated or crossover.</param>
/// <param name="MinTailToRidge">min over η of c(κ*)/σ² (fitted-law flow).</param>
/// <param name="MaxTailToRidge">max over η of c(κ*)/σ².</param>
/// <param name="RidgeSlope">s = d ln σ_c²/d ln η, a least-squares slope over the grid (0 with one η).</param>
/// <param name="KappaStarMin">Smallest κ* over the grid.</param>
/// <param name="KappaStarMax">Largest κ* over the grid.</param>
/// <param name="FitModesMin">Smallest mode of any fit range used for α and β.</param>
/// <param name="FitModesMax">Largest mode of any fit range used for α and β.</param>
public sealed record ScalingPredictions(
    ImmutableArray<ExponentPrediction> Predictions,
    ScalingRegime Regime,
    double MinTailToRidge,
    double MaxTailToRidge,
    double RidgeSlope,
    double KappaStarMin,
    double KappaStarMax,
    int FitModesMin,
    int FitModesMax)
{
    /// <summary>Whether every κ* lies inside the modes the power laws were fitted over.</summary>
    public bool KappaStarInsideFit => KappaStarMin >= FitModesMin && KappaStarMax <= FitModesMax;

    /// <summary>
    /// Builds the four predictions. <paramref name="ridgeShifts"/>, <paramref name="runningRidges"/> and
    /// <paramref name="kappaStars"/> are the flow's c(κ*), σ_c² and κ* at each η of <paramref name="etas"/>.
    /// </summary>
    public static ScalingPredictions Build(ExponentEstimate alpha, ExponentEstimate beta, double sigma2,
        IReadOnlyList<double> etas, IReadOnlyList<double> ridgeShifts, IReadOnlyList<double> runningRidges, IReadOnlyList<double> kappaStars)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        ArgumentNullException.ThrowIfNull(beta);
        double a = alpha.Value, b = beta.Value, sa = alpha.StandardError, sb = beta.StandardError;
        double minRatio = ridgeShifts.Min() / sigma2, maxRatio = ridgeShifts.Max() / sigma2;
        var regime = maxRatio < 1.0 / 3 ? ScalingRegime.RidgeDominated : minRatio > 3 ? ScalingRegime.TailDominated : ScalingRegime.Crossover;
        double slope = etas.Count >= 2
            ? -Theory.LearningCurves.FitExponent([.. etas], [.. runningRidges], etas.Min(), etas.Max()).Exponent
            : 0;
        int fitMin = alpha.Ranges.Concat(beta.Ranges).Min(r => r.FirstMode), fitMax = alpha.Ranges.Concat(beta.Ranges).Max(r => r.LastMode);
        double kMin = kappaStars.Min(), kMax = kappaStars.Max();
        bool covered = kMin >= fitMin && kMax <= fitMax;

        string ratios = $"c(κ*)/σ² = {G(minRatio)} … {G(maxRatio)}";
        string modes = $"κ* = {G(kMin)} … {G(kMax)} {(covered ? "inside" : "NOT inside")} the fitted modes {fitMin}..{fitMax}";
        string powerLaws = $"λ_k ∝ k^-(1+α) and y_k² ∝ k^-β over the modes κ*(η) crosses ({modes})";
        double mismatch = b - 1 - a, mismatchSe = Math.Sqrt(sa * sa + sb * sb);
        bool gpMatched = Math.Abs(mismatch) < ModeStatistics.VerdictZ * mismatchSe;
        bool saturated = b - 1 > 2 * (1 + a);
        string saturation = saturated ? "; saturated: β − 1 > 2(1+α), the learned modes' residual dominates" : "";

        ImmutableArray<ExponentPrediction> predictions =
        [
            new("GP-matched, ridge-dominated", "α/(1+α)", SourceCapacity.GpMatched(a),
                sa / ((1 + a) * (1 + a)),
                $"needs y_k² ∝ λ_k, i.e. β = 1 + α (here β − 1 − α = {G(mismatch)} ± {G(mismatchSe)}), and σ² ≫ c(κ*) ({ratios})",
                gpMatched && regime == ScalingRegime.RidgeDominated && covered),
            new("source/capacity, ridge-dominated", "min(β−1, 2(1+α))/(1+α)", SourceCapacity.RidgeDominated(a, b),
                SourceCapacity.StandardError(SourceCapacity.RidgeDominated, a, sa, b, sb),
                $"needs {powerLaws} and σ² ≫ c(κ*) ({ratios}){saturation}",
                regime == ScalingRegime.RidgeDominated && covered),
            new("source/capacity, tail-dominated (ridgeless)", "min(β−1, 2(1+α))", SourceCapacity.TailDominated(a, b),
                SourceCapacity.StandardError(SourceCapacity.TailDominated, a, sa, b, sb),
                $"needs {powerLaws} and c(κ*) ≫ σ² ({ratios}){saturation}",
                regime == ScalingRegime.TailDominated && covered),
            new("source/capacity at the running ridge", "min(β−1, 2(1+α))(1−s)/(1+α)", SourceCapacity.Crossover(a, b, slope),
                SourceCapacity.StandardError((x, y) => SourceCapacity.Crossover(x, y, slope), a, sa, b, sb),
                $"needs {powerLaws}; s = d ln σ_c²/d ln η = {G(slope)} from the flow over the grid (s = 0 ridge-dominated, s = −α tail-dominated){saturation}",
                covered),
        ];
        return new ScalingPredictions(predictions, regime, minRatio, maxRatio, slope, kMin, kMax, fitMin, fitMax);
    }

    private static string G(double x) => x.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
}
