using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class RemovedTargetPowerCheckTests
{
    // Measured (exp kernel, d = 10, n = 300, m = 100, σ² = 0.05, L = 2, p = 1, R = 20, seed 11): extra power at degree 5 moves the
    // mean kept projection by rms 0.125 against a standard-error rms of 0.116 (consistent with zero), each single fit by 0.51, and
    // the test MSE from 0.036 to 1.11 (≈ + p); at degree 4: 0.100 vs 0.110. At kept degree 1 the shift is 0.91 against 0.0008.
    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public void Power_in_a_removed_degree_adds_noise_but_leaves_the_mean_kept_predictor(int extraDegree)
    {
        var r = RemovedTargetPowerCheck.Run(Math.Exp, 10, 300, 100, 0.05, cutoff: 2, extraDegree, extraPower: 1, draws: 20, seed: 11);
        // Tolerance: Δ̄ is pure Monte Carlo error, so its rms is about that of its standard error; allow a factor 2.
        Assert.True(r.MeanShiftRms < 2 * r.MeanShiftStandardErrorRms, $"mean shift {r.MeanShiftRms} vs standard error {r.MeanShiftStandardErrorRms}");
        Assert.True(r.MeanShiftRms < 0.1 * r.KeptSignalRms, $"mean shift {r.MeanShiftRms} vs kept signal {r.KeptSignalRms}");
        // Each fit does move: the extra power acts as label noise, and it is not learned (MSE grows by most of p).
        Assert.True(r.PerDrawShiftRms.Mean > 3 * r.MeanShiftRms, $"per-draw shift {r.PerDrawShiftRms} vs mean shift {r.MeanShiftRms}");
        Assert.InRange(r.MseWith.Mean - r.MseWithout.Mean, 0.8 * r.ExtraPower, 1.3 * r.ExtraPower);
    }

    [Fact]
    public void Power_in_a_kept_degree_shifts_the_mean_kept_predictor_by_many_standard_errors()
    {
        var r = RemovedTargetPowerCheck.Run(Math.Exp, 10, 300, 100, 0.05, cutoff: 2, extraDegree: 1, extraPower: 1, draws: 20, seed: 11);
        Assert.True(r.MeanShiftRms > 50 * r.MeanShiftStandardErrorRms, $"mean shift {r.MeanShiftRms} vs standard error {r.MeanShiftStandardErrorRms}");
        // A learnable mode is learned: the shift is nearly the whole unit-power component and the test MSE does not grow.
        Assert.InRange(r.MeanShiftRms, 0.7, 1.3);
        Assert.True(r.MseWith.Mean < r.MseWithout.Mean + 0.05, $"MSE {r.MseWithout} → {r.MseWith}");
    }
}
