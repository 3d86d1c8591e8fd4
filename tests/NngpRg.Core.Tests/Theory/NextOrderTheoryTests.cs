using NngpRg.Core.Flows;
using NngpRg.Core.Kernels;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;
using Xunit;

namespace NngpRg.Core.Tests.Theory;

/// <summary>
/// The O(λ²) renormalization group against the full self-consistent theory (docs/theory.md §5, §8): solved on the kept modes
/// with the renormalized couplings it must reproduce κ_eff, E₀ and the MSE of the self-consistent theory on all modes with an
/// error of higher order than the leading order's, which keeps only σ_c² and counts the removed target power as noise.
/// </summary>
public sealed class NextOrderTheoryTests
{
    private sealed record Errors(double Threshold, double Kappa, double E0, double Mse, double KappaNext, double E0Next, double MseNext);

    private static Errors ErrorsAt(Spectrum spectrum, TargetSpectrum target, double sigma2, double eta, double threshold)
    {
        var full = SelfConsistentRidge.Solve(spectrum, sigma2, eta);
        double mse = full.PredictedMse(target);
        var n = NextOrderTheory.Predict(spectrum, target, sigma2, eta, threshold, options: new FlowOptions { Method = FlowMethod.DiscreteLevels });
        double R(double a, double b) => Math.Abs(a - b) / b;
        return new Errors(threshold, R(n.Leading.KappaEff, full.KappaEff), R(n.Leading.E0, full.E0), R(n.Leading.Mse, mse),
            R(n.Next.KappaEff, full.KappaEff), R(n.Next.E0, full.E0), R(n.Next.Mse, mse));
    }

    // Least-squares slope of log error against log T.
    private static double Slope(IReadOnlyList<Errors> e, Func<Errors, double> error)
    {
        var x = e.Select(p => Math.Log(p.Threshold)).ToArray();
        var y = e.Select(p => Math.Log(error(p))).ToArray();
        double mx = x.Average(), my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
    }

    [Fact]
    public void Power_law_next_order_reproduces_the_self_consistent_theory_to_higher_order_in_T()
    {
        // λ_k = k^-2, σ² = 1e-3, η = 1000: the leading-order errors fall like T^1.8, the next-order ones like T^3
        var spectrum = new PowerLaw(1, 1).ToSpectrum(20_000);
        var target = TargetSpectrum.GpMatched();
        var errors = new[] { 0.2, 0.1, 0.05, 0.02 }.Select(t => ErrorsAt(spectrum, target, 1e-3, 1000, t)).ToList();
        foreach (var e in errors)
        {
            Assert.True(e.KappaNext < e.Kappa / 10, $"T = {e.Threshold}: κ_eff error {e.KappaNext} (next) vs {e.Kappa} (leading)");
            Assert.True(e.E0Next < e.E0 / 5, $"T = {e.Threshold}: E₀ error {e.E0Next} (next) vs {e.E0} (leading)");
            Assert.True(e.MseNext < e.Mse / 10, $"T = {e.Threshold}: MSE error {e.MseNext} (next) vs {e.Mse} (leading)");
        }
        Assert.InRange(Slope(errors, e => e.Kappa), 1.4, 2.2);
        Assert.True(Slope(errors, e => e.KappaNext) > Slope(errors, e => e.Kappa) + 0.8);
        Assert.True(Slope(errors, e => e.E0Next) > Slope(errors, e => e.E0) + 0.8);
        Assert.True(Slope(errors, e => e.MseNext) > Slope(errors, e => e.Mse) + 0.8);
        Assert.True(errors[^1].KappaNext < 2e-6 && errors[^1].MseNext < 5e-6);
    }

    /// <summary>
    /// λ_k = k^−2 (10⁵ explicit modes and the exact tail), GP-matched target, σ² = 10⁻³, η = 1000, T = 0.1 (κ* = 2541), against a
    /// separate scipy implementation: (5.1)–(5.3) by Brent's method on 2·10⁶ explicit modes plus Hurwitz-zeta tails, and the
    /// kept-mode theory with σ̃² = σ² + Σ_{k>κ*}(λ_k − ηλ_k²/κ_eff), removed power Σ(λ_k − 2ηλ_k²/κ_eff) and 1/E₀ = 1/E₀^kept − ω,
    /// κ_eff iterated to its fixed point.
    /// </summary>
    [Fact]
    public void Power_law_next_order_matches_an_independent_solution()
    {
        var n = NextOrderTheory.Predict(new PowerLaw(1, 1).ToSpectrum(100_000), TargetSpectrum.GpMatched(), 1e-3, 1000, 0.1);
        Assert.Equal(2541, n.Flow.KappaStar);
        void Near(double expected, double actual, string what) =>
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"{what}: {actual:R}, independent {expected:R}");
        Near(0.00423521704799, n.Leading.KappaEff, "κ_eff, leading couplings");
        Near(1.61304407378, n.Leading.E0, "E₀, leading couplings");
        Near(0.0042274671599, n.Next.KappaEff, "κ_eff, next order");
        Near(1.61690919311, n.Next.E0, "E₀, next order");
        Near(0.00261055796679, n.Next.Mse, "MSE, next order");
        var full = SelfConsistentRidge.Solve(new PowerLaw(1, 1).ToSpectrum(100_000), 1e-3, 1000);
        Near(0.0042276334548, full.KappaEff, "κ_eff, all modes");
        Near(1.61676396021, full.E0, "E₀, all modes");
    }

    [Fact]
    public void Relu_sphere_next_order_improves_more_the_lower_the_threshold()
    {
        // ReLU NNGP on S^9, degrees ≤ 30, its complete degenerate levels (χ = 0); the trace past ℓ = 30 joins the ridge.
        var report = SphereSpectrum.Of(NngpKernel.Of(LayerMap.Of(Activation.Relu), 1), 10, 30);
        var spectrum = FunkHecke.ToSpectrum([.. report.Levels.Select(l => l.Eigenvalue)], 10, negativeTolerance: 1e-12 * report.Trace);
        double sigma2 = 1e-3 + report.Remainder;
        var target = TargetSpectrum.GpMatched();
        var errors = new[] { 0.3, 0.1, 0.03 }.Select(t => ErrorsAt(spectrum, target, sigma2, 2000, t)).ToList();
        double previous = 0;
        foreach (var e in errors)
        {
            double gain = e.Kappa / e.KappaNext;
            Assert.True(gain > 5 && e.Mse / e.MseNext > 5 && e.E0 / e.E0Next > 3, $"T = {e.Threshold}: κ_eff {e.Kappa} → {e.KappaNext}, E₀ {e.E0} → {e.E0Next}, MSE {e.Mse} → {e.MseNext}");
            Assert.True(gain > previous, $"T = {e.Threshold}: the gain {gain} should grow as T falls (was {previous})");
            previous = gain;
        }
        Assert.Equal(StoppingRule.LevelEdge, NextOrderTheory.Predict(spectrum, target, sigma2, 2000, 0.1, options: new FlowOptions { Method = FlowMethod.DiscreteLevels }).Flow.Rule);
    }

    // Independently of the engine: the O(λ²) couplings are the removed-mode sums written out, the kept modes solved by bisection.
    [Fact]
    public void Couplings_are_the_removed_mode_sums_and_the_kept_theory_is_self_consistent()
    {
        var spectrum = new PowerLaw(2, 0.8).ToSpectrum(5_000);
        var target = TargetSpectrum.FromList(Enumerable.Range(1, 3_000).Select(k => 1.5 / Math.Pow(k, 1.6)), noise: 0.002);
        const double sigma2 = 1e-2, eta = 400, chi = 2;
        var n = NextOrderTheory.Predict(spectrum, target, sigma2, eta, 0.2, chi);
        long kept = n.Flow.KeptModes;
        double kappa = n.Next.KappaEff;
        double s1 = spectrum.Tail(kept), s2 = 0, y0 = 0, y1 = 0;
        for (long k = kept + 1; k <= 1_000_000; k++)
        {
            double l = spectrum.Eigenvalue(k), y2 = k <= 3_000 ? 1.5 / Math.Pow(k, 1.6) : 0;
            s2 += l * l; y0 += y2; y1 += l * y2;
        }
        s2 += 4 * Math.Pow(1_000_000.5, -2.6) / 2.6;  // Σ_{k>10⁶} 4k^-3.6 by the midpoint integral
        Assert.Equal(s2, n.Removed.LambdaSquared, 1e-8 * s2);  // the direct sum stops at 2·10⁶ modes (the rest by its integral)
        Assert.Equal(y1, n.Removed.LambdaTargetPower, 1e-12 * y1);
        Assert.Equal(sigma2 + s1 - (eta + chi) * s2 / kappa, n.Ridge, 1e-10 * n.Ridge);
        Assert.Equal((eta + chi) * s2 / (kappa * kappa), n.VarianceAmplification, 1e-8 * n.VarianceAmplification);
        Assert.Equal(y0 - 2 * (eta + chi) * y1 / kappa, n.RemovedTargetNoise, 1e-12 * y0);
        // κ_eff is the fixed point: the self-consistent equation on the kept modes at the ridge σ̃², by bisection
        double H(double x)
        {
            double s = 0;
            for (long k = 1; k <= kept; k++) { double l = spectrum.Eigenvalue(k); s += x * l / (eta * l + x); }
            return x - n.Ridge - s;
        }
        double lo = n.Ridge, hi = 10 * n.Ridge + 1;
        for (int i = 0; i < 200; i++) { double mid = 0.5 * (lo + hi); if (H(mid) > 0) hi = mid; else lo = mid; }
        Assert.Equal(0.5 * (lo + hi), kappa, 1e-12 * kappa);
        double sumL2 = 0, residual = 0;
        for (long k = 1; k <= kept; k++)
        {
            double l = spectrum.Eigenvalue(k), L = eta * l / (eta * l + kappa), y2 = 1.5 / Math.Pow(k, 1.6);
            sumL2 += L * L; residual += (1 - L) * (1 - L) * y2;
        }
        double e0 = 1 / (1 - sumL2 / eta - n.VarianceAmplification);
        Assert.Equal(e0, n.Next.E0, 1e-12 * e0);
        Assert.Equal(e0 * (residual + n.RemovedTargetNoise + 0.002), n.Next.Mse, 1e-12 * n.Next.Mse);
        // χ enters only through η + χ
        var gaussian = NextOrderTheory.Predict(spectrum, target, sigma2, eta + chi, 0.2, 0);
        Assert.True(n.Ridge < NextOrderTheory.Predict(spectrum, target, sigma2, eta, 0.2, 0).Ridge);
        Assert.True(gaussian.Flow.KeptModes >= kept);
        // the trajectory ends at the next-order ridge
        Assert.Equal(n.Ridge, n.Trajectory[^1].NextOrderRidge, 1e-13 * n.Ridge);
        Assert.Equal(n.Flow.RunningRidge, n.Trajectory[^1].LeadingRidge);
    }

    [Fact]
    public void Learning_curve_at_next_order_carries_the_prediction_and_its_exponent()
    {
        var spectrum = new PowerLaw(1, 1).ToSpectrum(20_000);
        var curve = LearningCurves.Compute(spectrum, TargetSpectrum.GpMatched(), 1.0, LearningCurves.LogGrid(1e3, 1e5, 5), 0.1, order: FlowOrder.Next);
        foreach (var p in curve.Points)
        {
            Assert.NotNull(p.NextOrder);
            Assert.True(Math.Abs(p.NextOrder!.Next.Mse - p.SelfConsistentMse) < Math.Abs(p.NextOrder.Leading.Mse - p.SelfConsistentMse) / 10);
            Assert.NotEqual(p.RgMse, p.NextOrder.Next.Mse);
        }
        Assert.Equal(curve.FitSelfConsistent(1e3, 1e5).Exponent, curve.FitNextOrder(1e3, 1e5).Exponent, 1e-3);
        Assert.Throws<InvalidOperationException>(() => LearningCurves.Compute(spectrum, TargetSpectrum.GpMatched(), 1.0, [1e3, 1e4]).FitNextOrder(1e3, 1e4));
    }

    [Fact]
    public void Too_learnable_removed_modes_are_refused()
    {
        // T close to 1 removes modes with ηλ ≫ κ_eff: the O(λ²) expansion does not hold and the prediction says so
        var spectrum = new PowerLaw(1, 1).ToSpectrum(2_000);
        var e = Assert.Throws<ArgumentException>(() => NextOrderTheory.Predict(spectrum, TargetSpectrum.GpMatched(), 1e-3, 1000, 0.95));
        Assert.Contains("lower the threshold T", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NextOrderTheory.Predict(spectrum, TargetSpectrum.GpMatched(), 1e-3, 1000, 0.5, -1));
    }
}
