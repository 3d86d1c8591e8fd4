namespace NngpRg.Core.Regression;

/// <summary>
/// Outcome of <see cref="RemovedTargetPowerCheck.Run"/>. Δ_r(z) is the change, in draw r, of the KRR predictor's
/// projection onto the kept degrees ℓ ≤ L at test point z caused by adding the extra target component.
/// </summary>
/// <param name="MeanShiftRms">rms over the test points of the draw-mean Δ̄(z) = (1/R) Σ_r Δ_r(z): the shift of the mean predictor on kept modes.</param>
/// <param name="MeanShiftStandardErrorRms">rms over the test points of the standard error of Δ̄(z): the Monte Carlo scale Δ̄ is compared with.</param>
/// <param name="PerDrawShiftRms">Mean over draws of rms_z Δ_r(z): the fluctuation the extra component adds to each fit (noise-like).</param>
/// <param name="KeptSignalRms">rms over the test points of the draw-mean kept projection of the predictor without the extra component.</param>
/// <param name="MseWithout">Test MSE of the full predictor against the noiseless target without the extra component.</param>
/// <param name="MseWith">Test MSE against the noiseless target that includes the extra component.</param>
/// <param name="ExtraPower">‖f_extra‖² in L²(μ), the power of the added component.</param>
/// <param name="ExtraDegree">Harmonic degree of the added component.</param>
/// <param name="Cutoff">L.</param>
public sealed record RemovedTargetPowerResult(
    double MeanShiftRms,
    double MeanShiftStandardErrorRms,
    Estimate PerDrawShiftRms,
    double KeptSignalRms,
    Estimate MseWithout,
    Estimate MseWith,
    double ExtraPower,
    int ExtraDegree,
    int Cutoff);
