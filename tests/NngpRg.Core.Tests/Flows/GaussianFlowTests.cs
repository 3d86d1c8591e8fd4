using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Flows;

public class GaussianFlowTests
{
    private static readonly PowerLaw Law = new(1.0, 1.0);  // λ_k = k^{−2}

    private static Spectrum Degenerate() => Spectrum.Create(
    [
        new SpectralLevel(1.0, 1, 0), new SpectralLevel(0.2, 3, 1), new SpectralLevel(0.05, 5, 2),
        new SpectralLevel(0.01, 7, 3), new SpectralLevel(0.002, 9, 4), new SpectralLevel(3e-4, 11, 5),
    ]);

    [Fact]
    public void Discrete_flow_is_the_exact_tail_sum()
    {
        var spectrum = Law.ToSpectrum(20_000);
        var flow = GaussianFlow.Run(spectrum, 1e-3, 500, 0.5);
        Assert.Equal(spectrum.Tail(20_000), flow.InitialShift);
        Assert.Equal(1e-3 + spectrum.Tail((long)flow.KappaStar), flow.RunningRidge, 1e-15);
        Assert.Equal(spectrum.Tail((long)flow.KappaStar), flow.RidgeShift, 1e-15);
        foreach (var p in flow.Trajectory)
            Assert.Equal(1e-3 + spectrum.Tail((long)p.Kappa), p.Ridge, 1e-15 * p.Ridge);
        Assert.Null(flow.Statistics);
        Assert.Equal(StoppingRule.ModeEdge, flow.Rule);
    }

    [Fact]
    public void Stopping_point_is_the_first_mode_learnable_with_the_running_ridge()
    {
        var spectrum = Law.ToSpectrum(5_000);
        foreach (var (sigma2, eta, t) in new[] { (1e-2, 100.0, 0.5), (1e-4, 1000.0, 0.3), (0.0, 300.0, 0.7), (1.0, 20.0, 0.1) })
        {
            var flow = GaussianFlow.Run(spectrum, sigma2, eta, t);
            long k = flow.KeptModes;
            // Brute force from the definition: mode κ* learnable at σ² + c(κ*), every mode above it not.
            Assert.True(GaussianFlow.Learnability(eta, spectrum.Eigenvalue(k), sigma2 + spectrum.Tail(k)) >= t);
            for (long j = k + 1; j <= 5_000; j++)
                Assert.True(GaussianFlow.Learnability(eta, spectrum.Eigenvalue(j), sigma2 + spectrum.Tail(j)) < t, $"mode {j}");
            Assert.True(flow.LearnabilityAtStop >= t);
        }
    }

    [Fact]
    public void Trajectory_is_thinned_log_spaced_and_ends_at_the_stop()
    {
        var flow = GaussianFlow.Run(Law.ToSpectrum(100_000), 1e-6, 50, 0.5, options: new FlowOptions { TrajectoryPoints = 40 });
        Assert.InRange(flow.Trajectory.Length, 10, 41);
        Assert.Equal(100_000, flow.Trajectory[0].Kappa);
        Assert.Equal(flow.KappaStar, flow.Trajectory[^1].Kappa);
        for (int i = 1; i < flow.Trajectory.Length; i++)
        {
            Assert.True(flow.Trajectory[i].Kappa < flow.Trajectory[i - 1].Kappa);
            Assert.True(flow.Trajectory[i].Ridge >= flow.Trajectory[i - 1].Ridge);
            Assert.True(flow.Trajectory[i].Learnability >= flow.Trajectory[i - 1].Learnability);
        }
        for (int i = 0; i < flow.Trajectory.Length - 1; i++) Assert.True(flow.Trajectory[i].Learnability < 0.5);
    }

    [Fact]
    public void Degenerate_levels_flow_as_blocks_or_mode_by_mode_to_the_same_point()
    {
        var spectrum = Degenerate();
        foreach (double eta in new[] { 3.0, 30.0, 300.0, 3000.0 })
        {
            var modes = GaussianFlow.Run(spectrum, 1e-3, eta);
            var blocks = GaussianFlow.Run(spectrum, 1e-3, eta, options: new FlowOptions { Method = FlowMethod.DiscreteLevels });
            Assert.Equal(modes.KappaStar, blocks.KappaStar);
            Assert.Equal(modes.RunningRidge, blocks.RunningRidge, 1e-15);
            Assert.Equal(1e-3 + spectrum.Tail(modes.KeptModes), modes.RunningRidge, 1e-15);
            // κ* is a level boundary.
            Assert.Contains(modes.KeptModes, Enumerable.Range(-1, spectrum.Levels.Length + 1).Select(spectrum.ModesThroughLevel));
        }
    }

    [Fact]
    public void Ridgeless_stopping_point_is_alpha_eta_times_one_minus_T_over_T()
    {
        // λ_k = k^{−2}, σ² = 0: c(κ) ≈ 1/κ − 1/(2κ²), so κ* = η(1−T)/T + O(1); stated tolerance 1e-3 relative at η = 10⁴.
        var spectrum = Law.ToSpectrum(100_000);
        foreach (double t in new[] { 0.5, 0.25, 0.8 })
        {
            double eta = 1e4, expected = Law.Alpha * eta * (1 - t) / t;
            var discrete = GaussianFlow.Run(spectrum, 0, eta, t);
            Assert.Equal(1, discrete.KappaStar / expected, 1e-3);
            var continuum = GaussianFlow.Run(spectrum, 0, eta, t, options: new FlowOptions
            {
                Method = FlowMethod.ContinuumModeIndex,
                Continuum = ContinuousSpectrum.FromPowerLaw(Law, 100_000),
            });
            Assert.Equal(1, continuum.KappaStar / expected, 1e-3);
        }
        // α = 2 as well: c(κ) ≈ A/(α κ^α).
        var law2 = new PowerLaw(1.0, 2.0);
        var flow2 = GaussianFlow.Run(law2.ToSpectrum(50_000), 0, 5_000, 0.5);
        Assert.Equal(1, flow2.KappaStar / (2 * 5_000 * 0.5 / 0.5), 1e-3);
    }

    [Fact]
    public void Power_law_continuum_matches_the_closed_form_and_the_sum_up_to_Euler_Maclaurin()
    {
        const long k0 = 20_000;
        var spectrum = Law.ToSpectrum((int)k0);
        double sigma2 = 1e-3, eta = 2_000;
        var opts = new FlowOptions { Method = FlowMethod.ContinuumModeIndex, Continuum = ContinuousSpectrum.FromPowerLaw(Law, k0) };
        var cont = GaussianFlow.Run(spectrum, sigma2, eta, 0.5, options: opts);
        double start = sigma2 + spectrum.Tail(k0);
        double Closed(double kappa) => start + (Math.Pow(kappa, -Law.Alpha) - Math.Pow(k0, -Law.Alpha)) / Law.Alpha;  // ∫_κ^{κ₀} A x^{−(1+α)} dx
        foreach (var p in cont.Trajectory) Assert.Equal(Closed(p.Kappa), p.Ridge, 1e-9 * p.Ridge);
        Assert.True(cont.Statistics!.Value.AcceptedSteps > 0);

        // Discrete: Σ_{κ<k≤κ₀} f(k) = ∫ f + (f(κ₀) − f(κ))/2 + (f'(κ₀) − f'(κ))/12 + O(f'''/720), f(x) = x^{−2}.
        var disc = GaussianFlow.Run(spectrum, sigma2, eta, 0.5);
        double k = disc.KappaStar;
        static double f(double x) => Math.Pow(x, -2);
        static double df(double x) => -2 * Math.Pow(x, -3);
        double em = (f(k0) - f(k)) / 2 + (df(k0) - df(k)) / 12;
        double bound = 24 * Math.Pow(k, -5) / 720 * 2;
        Assert.True(Math.Abs(disc.RunningRidge - (Closed(k) + em)) <= bound, $"EM residual {disc.RunningRidge - (Closed(k) + em)} vs bound {bound}");
        // Without the corrections the difference is visibly larger: the test can tell them apart.
        Assert.True(Math.Abs(disc.RunningRidge - Closed(k)) > 100 * bound);
        // The stopping points agree to the O(1) shift the Euler–Maclaurin terms make.
        Assert.InRange(cont.KappaStar - disc.KappaStar, -2, 2);
    }

    [Fact]
    public void Interpolated_continuum_reproduces_the_discrete_sum_at_level_boundaries()
    {
        var spectrum = Degenerate();
        var continuum = ContinuousSpectrum.FromSpectrum(spectrum);
        long k0 = spectrum.ExplicitModeCount;
        // ∫ λ(κ) dκ between level boundaries is the level's weight m λ.
        var sol = DormandPrince.Solve((kappa, s) => -continuum.Eigenvalue(Math.Clamp(kappa, 0, k0)), k0, 0.0, 0,
            new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-15 });
        for (int i = -1; i < spectrum.Levels.Length; i++)
        {
            long kappa = spectrum.ModesThroughLevel(i);
            Assert.Equal(spectrum.LevelTail(i), sol.At(kappa, 0), 1e-9);  // λ(κ) has kinks at the knots: integrator error only
        }
        // λ(κ) ≥ 0 everywhere (monotone interpolation of c).
        for (double kappa = 0; kappa <= k0; kappa += 0.01) Assert.True(continuum.Eigenvalue(kappa) >= 0);

        // The flows: continuum κ* lies within the level where the discrete flow stopped (or at its boundary).
        foreach (double eta in new[] { 30.0, 300.0 })
        {
            var disc = GaussianFlow.Run(spectrum, 1e-3, eta);
            var cont = GaussianFlow.Run(spectrum, 1e-3, eta, options: new FlowOptions { Method = FlowMethod.ContinuumModeIndex });
            int level = spectrum.LevelOfMode(Math.Max(1, disc.KeptModes));
            Assert.InRange(cont.KappaStar, spectrum.ModesThroughLevel(level - 1) - 1e-9, spectrum.ModesThroughLevel(Math.Min(level + 1, spectrum.Levels.Length - 1)) + 1e-9);
        }
    }

    [Fact]
    public void Rg_time_and_mode_index_continua_agree()
    {
        var spectrum = Law.ToSpectrum(10_000);
        foreach (var continuum in new ContinuousSpectrum?[] { null, ContinuousSpectrum.FromPowerLaw(Law, 10_000) })
        {
            var k = GaussianFlow.Run(spectrum, 1e-4, 1_000, 0.4, options: new FlowOptions { Method = FlowMethod.ContinuumModeIndex, Continuum = continuum });
            var t = GaussianFlow.Run(spectrum, 1e-4, 1_000, 0.4, options: new FlowOptions { Method = FlowMethod.ContinuumRgTime, Continuum = continuum });
            Assert.Equal(k.KappaStar, t.KappaStar, 1e-6 * k.KappaStar);
            Assert.Equal(k.RunningRidge, t.RunningRidge, 1e-8 * k.RunningRidge);
            Assert.Equal(0.4, k.LearnabilityAtStop, 1e-9);
            Assert.Equal(0.4, t.LearnabilityAtStop, 1e-9);
        }
    }

    [Fact]
    public void Derived_flow_equation_drives_the_flow()
    {
        // The default right-hand side is the engine's compiled dσ²/dκ = −λ_κ: each removed mode adds its eigenvalue.
        Assert.Equal(0.3, FlowEquations.Gaussian.Leading(0.3, 2.0), 15);
        var spectrum = Law.ToSpectrum(2_000);
        var flow = GaussianFlow.Run(spectrum, 0.05, 200, 0.5, FlowEquations.Gaussian);
        double reference = 0.05 + spectrum.Tail(2_000);
        for (long k = 2_000; k > flow.KeptModes; k--) reference += spectrum.Eigenvalue(k);
        Assert.Equal(reference, flow.RunningRidge, 1e-13 * reference);
    }

    // A spectrum with a 660-fold level: with the interpolated continuum λ(κ) the crossing of T would fall inside the level;
    // the level-aware rule stops every method at the same level edge, and says so.
    [Fact]
    public void Degenerate_levels_stop_every_method_at_the_same_level_edge()
    {
        var spectrum = Spectrum.Create(
        [
            new SpectralLevel(1.0, 1, 0), new SpectralLevel(0.02, 10, 1), new SpectralLevel(1e-3, 660, 2),
            new SpectralLevel(1e-5, 5_000, 3), new SpectralLevel(1e-7, 20_000, 4),
        ]);
        foreach (var eta in new[] { 100.0, 400.0, 1000.0, 5000.0 })
        {
            var results = new[] { FlowMethod.DiscreteModes, FlowMethod.DiscreteLevels, FlowMethod.ContinuumModeIndex, FlowMethod.ContinuumRgTime }
                .Select(m => GaussianFlow.Run(spectrum, 1e-3, eta, 0.5, options: new FlowOptions { Method = m })).ToArray();
            foreach (var r in results)
            {
                Assert.Equal(StoppingRule.LevelEdge, r.Rule);
                Assert.Equal(results[1].KappaStar, r.KappaStar);
                Assert.Contains(r.KappaStar, Enumerable.Range(-1, spectrum.Levels.Length + 1).Select(i => (double)spectrum.ModesThroughLevel(i)));
                Assert.Equal(results[1].RunningRidge, r.RunningRidge, 1e-9 * r.RunningRidge);
            }
            // Brute force over the levels: the kept levels are those learnable with the ridge at their upper edge.
            int stop = -1;
            for (int i = spectrum.Levels.Length - 1; i >= 0; i--)
                if (GaussianFlow.Learnability(eta, spectrum.Levels[i].Eigenvalue, 1e-3 + spectrum.LevelTail(i)) >= 0.5) { stop = i; break; }
            Assert.Equal(spectrum.ModesThroughLevel(stop), results[1].KappaStar);
        }
        // at η = 5000 the 5000-fold level is kept whole, but the interpolated λ(κ) is small at its upper edge and peaks inside it:
        // the continuum's learnability ηλ(κ)/(σ² + c(κ) + ηλ(κ)) first crosses T inside the level, where a crossing rule stops
        var continuum = ContinuousSpectrum.FromSpectrum(spectrum);
        double Crossing(double kappa) => GaussianFlow.Learnability(5000, continuum.Eigenvalue(kappa), 1e-3 + spectrum.Tail((long)kappa)) - 0.5;
        Assert.True(Crossing(5670.5) < 0, "just inside the level's upper edge the interpolated mode is unlearnable");
        var inside = Enumerable.Range(672, 4999).Reverse().First(k => Crossing(k) >= 0);
        Assert.InRange(inside, 672, 5670);
        Assert.Equal(5671, GaussianFlow.Run(spectrum, 1e-3, 5000, 0.5, options: new FlowOptions { Method = FlowMethod.ContinuumModeIndex }).KappaStar);
        // a non-degenerate spectrum keeps the continuum crossing
        var cont = GaussianFlow.Run(Law.ToSpectrum(2_000), 1e-2, 300, 0.5, options: new FlowOptions { Method = FlowMethod.ContinuumModeIndex });
        Assert.Equal(StoppingRule.Crossing, cont.Rule);
        Assert.NotEqual(Math.Floor(cont.KappaStar), cont.KappaStar);
    }

    [Fact]
    public void Finite_spectrum_can_flow_to_the_end_and_a_learnable_start_keeps_everything()
    {
        var spectrum = Spectrum.FromEigenvalues([1.0, 0.5, 0.25]);
        var none = GaussianFlow.Run(spectrum, 10, 1, 0.5);   // nothing learnable: every mode removed
        Assert.Equal(0, none.KappaStar);
        Assert.Equal(11.75, none.RunningRidge, 1e-15);
        var all = GaussianFlow.Run(spectrum, 1e-6, 1e6, 0.5);  // everything learnable: the flow does not move
        Assert.Equal(3, all.KappaStar);
        Assert.Equal(1e-6, all.RunningRidge);
        var allCont = GaussianFlow.Run(spectrum, 1e-6, 1e6, 0.5, options: new FlowOptions { Method = FlowMethod.ContinuumRgTime });
        Assert.Equal(3, allCont.KappaStar);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_rule()
    {
        var spectrum = Law.ToSpectrum(100);
        Assert.Contains("(0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianFlow.Run(spectrum, 1, 1, 0)).Message);
        Assert.Contains("(0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianFlow.Run(spectrum, 1, 1, 1)).Message);
        Assert.Contains("σ²", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianFlow.Run(spectrum, -1, 1)).Message);
        Assert.Contains("η", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianFlow.Run(spectrum, 1, double.NaN)).Message);
        // The stopping point would lie in the analytic tail.
        Assert.Contains("analytic tail", Assert.Throws<ArgumentException>(() => GaussianFlow.Run(spectrum, 0, 1e6)).Message);
        // A right-hand side that returns NaN.
        var bad = new FlowRhs((l, s) => double.NaN);
        Assert.Contains("NaN", Assert.Throws<ArithmeticException>(() => GaussianFlow.Run(spectrum, 1, 1, 0.5, bad)).Message);
    }
}
