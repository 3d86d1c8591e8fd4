using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class FiniteSampleCheckTests
{
    private static double ArcCosine(double t) => (Math.Sqrt(1 - t * t) + (Math.PI - Math.Acos(t)) * t) / Math.PI;

    // rms of K_>(t) for t = x·x' of independent uniform points: E[P_ℓ P_ℓ'] = δ_ℓℓ'/N(d, ℓ), so E[K_>²] = Σ_{ℓ>L} N λ_ℓ².
    private static double OffDiagonalTheory(Func<double, double> kernel, int d, int cutoff)
    {
        var lambda = FunkHecke.Eigenvalues(kernel, d, 40);
        double s = 0;
        for (int l = cutoff + 1; l <= 40; l++) s += FunkHecke.Multiplicity(d, l) * lambda[l] * lambda[l];
        return Math.Sqrt(s);
    }

    // Measured (d = 10, n = 300, m = 100, σ² = 10⁻³, R = 8; the test uses R = 5): exp, L = 3 (275 kept modes ≈ n, so the kept degree-3 modes sit at
    // the learnability threshold where the ridge shift matters): rms renormalized 0.075 ± 0.003, bare 0.349 ± 0.023 (ratio 0.22);
    // arc-cosine, L = 4: 0.0065 vs 0.0326 (ratio 0.20). With L = 2 (65 kept modes, all learnable) the shift c barely matters
    // and the two agree: the regime is the one the RG stopping rule picks.
    [Theory]
    [InlineData("exp", 3)]
    [InlineData("arccos", 4)]
    public void Renormalized_ridge_tracks_the_full_kernel_far_better_than_the_bare_ridge(string name, int cutoff)
    {
        Func<double, double> kernel = name == "exp" ? Math.Exp : ArcCosine;
        var r = FiniteSampleCheck.Run(kernel, 10, 300, 100, 1e-3, cutoff, seed: 7, draws: 5);
        Assert.True(r.RmsRenormalized.Mean < 0.5 * r.RmsBare.Mean, $"rms renormalized {r.RmsRenormalized} vs bare {r.RmsBare}");
        Assert.True(r.MseRenormalized.Mean < r.MseBare.Mean, $"MSE renormalized {r.MseRenormalized} vs bare {r.MseBare}");
        Assert.True(Math.Abs(r.MseRenormalized.Mean - r.MseFull.Mean) < 0.15 * r.MseFull.Mean, $"MSE renormalized {r.MseRenormalized} vs full {r.MseFull}");

        // K_>(X, X) ≈ c I: the diagonal is c exactly, the off-diagonal entries are small and of the predicted size.
        Assert.Equal(r.Tail, r.DiagonalMean.Mean, 1e-12);
        Assert.True(r.OffDiagonalRms.Mean < 0.05 * r.Tail, $"off-diagonal rms {r.OffDiagonalRms} vs c = {r.Tail}");
        Assert.Equal(1, r.OffDiagonalRms.Mean / OffDiagonalTheory(kernel, 10, cutoff), 0.05);
    }

    [Fact]
    public void A_seed_reproduces_the_result_and_bad_arguments_are_named()
    {
        var a = FiniteSampleCheck.Run(Math.Exp, 5, 20, 10, 0.1, 1, seed: 3, draws: 2);
        var b = FiniteSampleCheck.Run(Math.Exp, 5, 20, 10, 0.1, 1, seed: 3, draws: 2);
        Assert.Equal(a, b);
        Assert.Equal(5, a.Dimension);
        Assert.Equal(20, a.TrainCount);
        Assert.Contains("R must be ≥ 2", Assert.Throws<ArgumentOutOfRangeException>(() => FiniteSampleCheck.Run(Math.Exp, 5, 20, 10, 0.1, 1, 3, 1)).Message);
        Assert.Contains("σ² must be finite and > 0", Assert.Throws<ArgumentOutOfRangeException>(() => FiniteSampleCheck.Run(Math.Exp, 5, 20, 10, 0, 1, 3, 2)).Message);
    }
}
