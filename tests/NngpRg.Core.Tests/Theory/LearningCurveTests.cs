using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;
using Xunit;

namespace NngpRg.Core.Tests.Theory;

public class LearningCurveTests
{
    [Fact]
    public void Ridge_dominated_exponent_is_alpha_over_one_plus_alpha()
    {
        // λ_k = k^{−2}, GP-matched target, σ² = 1, η from 10³ to 10⁷: MSE ∝ η^{−α/(1+α)} = η^{−1/2}. Tolerance 0.01.
        var spectrum = new PowerLaw(1, 1).ToSpectrum(20_000);
        var curve = LearningCurves.Compute(spectrum, TargetSpectrum.GpMatched(), 1.0, LearningCurves.LogGrid(1e3, 1e7, 13));
        var rg = curve.FitRg(1e3, 1e7);
        var sc = curve.FitSelfConsistent(1e3, 1e7);
        Assert.Equal(0.5, rg.Exponent, 0.01);
        Assert.Equal(0.5, sc.Exponent, 0.01);
        Assert.True(rg.RSquared > 0.999);
        Assert.Equal(13, rg.Points);
        // α = 3: exponent 3/4.
        var steep = LearningCurves.Compute(new PowerLaw(1, 3).ToSpectrum(5_000), TargetSpectrum.GpMatched(), 1.0, LearningCurves.LogGrid(1e4, 1e8, 9));
        Assert.Equal(0.75, steep.FitRg(1e4, 1e8).Exponent, 0.015);
        Assert.Equal(0.75, steep.FitSelfConsistent(1e4, 1e8).Exponent, 0.015);
    }

    [Fact]
    public void Ridgeless_exponent_is_alpha()
    {
        // σ² = 0, η from 10² to 10⁴: κ* = αη(1−T)/T and MSE ∝ η^{−α}. Tolerance 0.01.
        var spectrum = new PowerLaw(1, 1).ToSpectrum(100_000);
        var curve = LearningCurves.Compute(spectrum, TargetSpectrum.GpMatched(), 0, LearningCurves.LogGrid(1e2, 1e4, 7));
        Assert.Equal(1, curve.FitRg(1e2, 1e4).Exponent, 0.01);
        Assert.Equal(1, curve.FitSelfConsistent(1e2, 1e4).Exponent, 0.01);
        foreach (var p in curve.Points) Assert.InRange(p.KappaStar - p.Eta, -1.5, 1.5);  // κ* = η(1−T)/T + ½ + O(1/η), an integer
    }

    [Fact]
    public void Rg_mse_is_the_renormalized_ek_sum_over_kept_modes_plus_removed_power()
    {
        var spectrum = new PowerLaw(2, 1.5).ToSpectrum(3_000);
        var target = TargetSpectrum.FromList(Enumerable.Range(1, 50).Select(k => 1.0 / k), noise: 0.01);
        var pred = RenormalizedEk.Predict(spectrum, target, 1e-2, 500, 0.5);
        double ridge = pred.Flow.RunningRidge, expected = 0.01;
        for (int k = 1; k <= 50; k++)
        {
            double l = 500 * spectrum.Eigenvalue(k) / (ridge + 500 * spectrum.Eigenvalue(k));
            expected += k <= pred.Flow.KeptModes ? (1 - l) * (1 - l) / k : 1.0 / k;
        }
        Assert.Equal(expected, pred.Mse, 1e-14);
    }

    [Fact]
    public void Ek_error_matches_a_brute_force_sum()
    {
        var spectrum = new PowerLaw(1, 1).ToSpectrum(100);
        double sigma2 = 0.05, eta = 40, brute = 0;
        for (long k = 1; k <= 3_000_000; k++)
        {
            double l = spectrum.Eigenvalue(k), r = sigma2 / (eta * l + sigma2);
            brute += r * r * l;
        }
        brute += spectrum.Tail(3_000_000);  // (1 − L)² → 1 far out
        Assert.Equal(brute, EquivalentKernel.TestError(spectrum, TargetSpectrum.GpMatched(noise: 0), sigma2, eta), 1e-11);
        Assert.Equal(eta * 0.25 / (sigma2 + eta * 0.25), EquivalentKernel.Learnability(spectrum, 2, sigma2, eta), 1e-15);
    }

    [Fact]
    public void Exponent_fit_recovers_an_exact_power_law_and_respects_the_range()
    {
        var eta = LearningCurves.LogGrid(1, 1e6, 25);
        var mse = eta.Select(e => 3 * Math.Pow(e, -0.37) * (e > 1e4 ? 10 : 1)).ToArray();
        var fit = LearningCurves.FitExponent(eta, mse, 1, 1e4);
        Assert.Equal(0.37, fit.Exponent, 1e-12);
        Assert.Equal(3, fit.Prefactor, 1e-10);
        Assert.Equal(1, fit.RSquared, 1e-12);
        Assert.Equal(17, fit.Points);
        Assert.NotEqual(0.37, LearningCurves.FitExponent(eta, mse, 1, 1e6).Exponent, 1e-3);
        Assert.Throws<ArgumentException>(() => LearningCurves.FitExponent(eta, mse, 2e6, 3e6));
    }
}
