using FsCheck;
using FsCheck.Fluent;
using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;
using Xunit;

namespace NngpRg.Core.Tests.Theory;

public class SelfConsistentRidgeTests
{
    private static readonly PowerLaw Law = new(1.0, 1.0);  // λ_k = k^{−2}

    [Fact]
    public void Scaled_Hurwitz_is_q_to_the_s_times_Hurwitz_zeta()
    {
        foreach (var (s, q) in new[] { (2.0, 1.0), (2.0, 1001.0), (3.5, 7.0), (40.0, 3.0), (4.0, 1e6 + 1) })
            Assert.Equal(Math.Pow(q, s) * Zeta.Hurwitz(s, q), ModeSums.ScaledHurwitz(s, q), 1e-13 * ModeSums.ScaledHurwitz(s, q));
        // Where ζ(s, q) itself underflows (10⁶^{−200}): S = Σ (1 + n/q)^{−s} ≈ q/(s−1) + ½ + s/(12q) stays finite.
        double big = ModeSums.ScaledHurwitz(200, 1e6);
        Assert.Equal(1e6 / 199 + 0.5 + 200 / 12e6, big, 1e-12 * big);
    }

    [Fact]
    public void Tail_sums_agree_with_the_Hurwitz_zeta_and_do_not_depend_on_the_split()
    {
        // η → 0: Σ λ/(ηλ + κ) → Σ λ/κ = A ζ(2)/κ; the Hurwitz series carries the whole tail past K = 10.
        var short10 = new ModeSums(Law.ToSpectrum(10));
        Assert.Equal(Zeta.Riemann(2) / 0.7, short10.Sum(ModeTerm.Inverse, 1e-20, 0.7), 1e-13);
        Assert.Equal(Zeta.Riemann(2), short10.Sum(ModeTerm.ResidualLambda, 1e-20, 0.7), 1e-13);
        // The same sums with 10 or 100,000 explicit modes: the split point moves, the value may not.
        var long100k = new ModeSums(Law.ToSpectrum(100_000));
        foreach (var (eta, kappa) in new[] { (10.0, 1e-2), (1e4, 1e-3), (1e6, 1e-5), (3.0, 2.0) })
            foreach (var term in new[] { ModeTerm.Inverse, ModeTerm.LearnabilitySquared, ModeTerm.ResidualLambda })
            {
                double a = short10.Sum(term, eta, kappa), b = long100k.Sum(term, eta, kappa);
                Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Abs(b), $"{term} η={eta} κ={kappa}: {a:R} vs {b:R}");
            }
        // Against brute force over 4·10⁶ modes plus the remainder λ/κ (ηλ ≪ κ there; next term ~ ηλ²/κ² is below 1e-16).
        double eta1 = 100, kappa1 = 0.01, brute = 0;
        for (long k = 4_000_000; k >= 1; k--) { double l = 1.0 / ((double)k * k); brute += l / (eta1 * l + kappa1); }
        brute += Law.Tail(4_000_000) / kappa1;
        Assert.Equal(brute, short10.Sum(ModeTerm.Inverse, eta1, kappa1), 1e-12 * brute);
    }

    [Fact]
    public void Solution_satisfies_the_equation_and_the_learnability_identities()
    {
        var spectrum = Spectrum.Create([new SpectralLevel(0.5, 1, 0), new SpectralLevel(0.1, 3, 1), new SpectralLevel(0.02, 5, 2)], new PowerLawTail(new PowerLaw(0.5, 0.7)));
        foreach (var (sigma2, eta) in new[] { (1e-2, 50.0), (1.0, 5.0), (1e-4, 1e4), (0.0, 300.0) })
        {
            var sol = SelfConsistentRidge.Solve(spectrum, sigma2, eta);
            double k = sol.KappaEff;
            // Brute force over 5·10⁵ modes; the rest expanded to second order in ηλ/κ (≤ 1e-4 there).
            double sumInv = 0, sumL = 0, sumL2 = 0;
            for (long m = 500_000; m >= 1; m--)
            {
                double l = spectrum.Eigenvalue(m);
                sumInv += k * l / (eta * l + k);
                double learn = sol.Learnability(l);
                sumL += learn; sumL2 += learn * learn;
                Assert.InRange(learn, 0, 1);
            }
            double x = eta / k, p1 = spectrum.Tail(500_000);
            double p2 = 0.25 * Zeta.Hurwitz(2 * 1.7, 500_001), p3 = 0.125 * Zeta.Hurwitz(3 * 1.7, 500_001);
            sumInv += p1 - x * p2 + x * x * p3; sumL += x * p1 - x * x * p2; sumL2 += x * x * p2;
            Assert.Equal(k, sigma2 + sumInv, 1e-9 * k);                 // κ = σ² + Σ κλ/(ηλ + κ)
            Assert.Equal(sumL, sol.SumLearnability, 1e-7 * sumL);       // Σ L = η(1 − σ²/κ)
            Assert.Equal(sumL2, sol.SumLearnabilitySquared, 1e-7 * sumL2);
            Assert.True(sol.E0 >= 1);
            Assert.True(k >= sigma2);
            // EK identity: L + (1 − L) = 1 with 1 − L = κ/(ηλ + κ).
            Assert.Equal(1, sol.Learnability(0.1) + k / (eta * 0.1 + k), 1e-15);
        }
    }

    [Fact]
    public void Single_mode_and_listed_targets_follow_the_definition()
    {
        var spectrum = Law.ToSpectrum(1_000);
        var sol = SelfConsistentRidge.Solve(spectrum, 0.01, 200);
        double l3 = sol.Learnability(spectrum.Eigenvalue(3));
        Assert.Equal(sol.E0 * (1 - l3) * (1 - l3) * 2.0, sol.PredictedMse(TargetSpectrum.SingleMode(3, 2.0)), 1e-14);
        var list = TargetSpectrum.FromList([1.0, 0.0, 0.5], noise: 0.1);
        double expected = sol.E0 * (Math.Pow(1 - sol.Learnability(1), 2) + 0.5 * Math.Pow(1 - sol.Learnability(1.0 / 9), 2) + 0.1);
        Assert.Equal(expected, sol.PredictedMse(list), 1e-14);
        // A listed mode beyond the explicit ones takes its eigenvalue from the tail.
        double l1500 = sol.Learnability(Law.Eigenvalue(1500));
        Assert.Equal(sol.E0 * Math.Pow(1 - l1500, 2), sol.PredictedMse(TargetSpectrum.SingleMode(1500)), 1e-14);
    }

    [Fact]
    public void Ridgeless_finite_spectrum_with_more_data_than_modes_has_zero_ridge()
    {
        var spectrum = Spectrum.FromEigenvalues([1.0, 0.3, 0.1]);
        var sol = SelfConsistentRidge.Solve(spectrum, 0, 10);
        Assert.Equal(0, sol.KappaEff);
        Assert.Equal(10.0 / 7, sol.E0, 1e-14);
        // With fewer data than modes the ridge is positive and solves 1 = Σ λ/(ηλ + κ).
        var under = SelfConsistentRidge.Solve(spectrum, 0, 2);
        Assert.True(under.KappaEff > 0);
        Assert.Equal(1, (1.0 / (2 + under.KappaEff)) + 0.3 / (0.6 + under.KappaEff) + 0.1 / (0.2 + under.KappaEff), 1e-13);
    }

    [Fact]
    public void Million_mode_spectrum_with_tail_solves()
    {
        var spectrum = new PowerLaw(1, 0.5).ToSpectrum(1_000_000);
        var sol = SelfConsistentRidge.Solve(spectrum, 1e-3, 1e5);
        var coarse = SelfConsistentRidge.Solve(new PowerLaw(1, 0.5).ToSpectrum(100), 1e-3, 1e5);
        Assert.Equal(coarse.KappaEff, sol.KappaEff, 1e-12 * sol.KappaEff);
        Assert.InRange(sol.Evaluations, 3, 80);
    }

    [Fact]
    public void Rg_covariance_kept_modes_at_the_running_ridge_reproduce_the_full_effective_ridge()
    {
        // docs/theory.md §5.2: solving on k ≤ κ*(T) with ridge σ_c²(T) reproduces κ_eff; the error falls as T → 0.
        // Stated bound: |relative error| ≤ T², and it decreases strictly along T = 0.3, 0.1, 0.03, 0.01.
        var cases = Gen.Choose(0, 1000).Three().Select(t => (
            Alpha: 1 + t.Item1 / 1000.0,
            Eta: Math.Pow(10, 1 + 2 * t.Item2 / 1000.0),
            Sigma2: Math.Pow(10, -2 + 2 * t.Item3 / 1000.0)));
        var spectra = new Dictionary<double, Spectrum>();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var spectrum = new PowerLaw(1, c.Alpha).ToSpectrum(20_000);
            double full = SelfConsistentRidge.Solve(spectrum, c.Sigma2, c.Eta).KappaEff;
            double previous = double.PositiveInfinity;
            foreach (double t in new[] { 0.3, 0.1, 0.03, 0.01 })
            {
                var flow = GaussianFlow.Run(spectrum, c.Sigma2, c.Eta, t);
                var kept = Spectrum.FromEigenvalues(Enumerable.Range(1, (int)flow.KeptModes).Select(k => spectrum.Eigenvalue(k)));
                double renormalized = flow.KeptModes == 0 ? flow.RunningRidge : SelfConsistentRidge.Solve(kept, flow.RunningRidge, c.Eta).KappaEff;
                double error = Math.Abs(renormalized - full) / full;
                if (!(error <= t * t && error < previous)) return false;
                previous = error;
            }
            return true;
        }));
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        var spectrum = Law.ToSpectrum(10);
        Assert.Contains("σ²", Assert.Throws<ArgumentOutOfRangeException>(() => SelfConsistentRidge.Solve(spectrum, -1, 1)).Message);
        Assert.Contains("η", Assert.Throws<ArgumentOutOfRangeException>(() => SelfConsistentRidge.Solve(spectrum, 1, 0)).Message);
        Assert.Contains("mode k = 2", Assert.Throws<ArgumentException>(() => TargetSpectrum.FromList([1.0, -1.0])).Message);
        Assert.Contains("noise", Assert.Throws<ArgumentException>(() => TargetSpectrum.GpMatched(1, double.NaN)).Message);
    }
}
