namespace NngpRg.Core.Regression;

/// <summary>
/// Outcome of <see cref="FiniteSampleCheck"/>.Run (docs/theory.md §3.5, the finite-sample form), each figure averaged over the
/// draws with its standard error. Predictor differences and MSEs are root-mean-square / mean-square over the test points.
/// </summary>
/// <param name="RmsRenormalized">rms_z [f̄_{≤L, σ²+c}(z) − f̄_{K, σ²}(z)]: truncated kernel at the renormalized ridge vs full kernel.</param>
/// <param name="RmsBare">rms_z [f̄_{≤L, σ²}(z) − f̄_{K, σ²}(z)]: truncated kernel at the bare ridge vs full kernel.</param>
/// <param name="MseFull">Test MSE of full-kernel KRR at ridge σ² against the noiseless target.</param>
/// <param name="MseRenormalized">Test MSE of truncated-kernel KRR at ridge σ² + c(L).</param>
/// <param name="MseBare">Test MSE of truncated-kernel KRR at ridge σ².</param>
/// <param name="Tail">c(L) = Σ_{ℓ&gt;L} N(d, ℓ) λ_ℓ.</param>
/// <param name="OffDiagonalRms">rms over i ≠ j of K_&gt;(x_i·x_j) on the training points.</param>
/// <param name="DiagonalMean">Mean of the diagonal K_&gt;(x_i·x_i) (= c(L) up to rounding).</param>
/// <param name="Dimension">d.</param>
/// <param name="TrainCount">n.</param>
/// <param name="TestCount">m.</param>
/// <param name="NoiseVariance">σ² (label noise and ridge).</param>
/// <param name="Cutoff">L.</param>
/// <param name="Seed">Seed of the <see cref="Random"/> behind all draws.</param>
/// <param name="Improvement">rms_bare/rms_renormalized (ratio of the means) with its standard error by the delta method over the
/// paired draws: Var(B̄/Ā) ≈ (Var B̄ − 2R Cov(Ā, B̄) + R² Var Ā)/Ā².</param>
/// <param name="Premise">The removed modes' nλ_ℓ/σ² against the premise that they are unlearnable.</param>
public sealed record FiniteSampleResult(
    Estimate RmsRenormalized,
    Estimate RmsBare,
    Estimate MseFull,
    Estimate MseRenormalized,
    Estimate MseBare,
    double Tail,
    Estimate OffDiagonalRms,
    Estimate DiagonalMean,
    int Dimension,
    int TrainCount,
    int TestCount,
    double NoiseVariance,
    int Cutoff,
    int Seed,
    Estimate Improvement,
    FiniteSamplePremise Premise);
