using System.Collections.Immutable;
using NngpRg.Core.Bayesian;
using NngpRg.Core.Plotting;
using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Bayesian;

public class BrgExperimentTests
{
    private static readonly BrgExperimentOptions Small = new()
    {
        Ensemble = 6, TrainSamples = 40, TestSamples = 50, FisherSamples = 100, Width = 200, Epochs = 100,
        Cutoffs = [1e-3, 0.1, 1, 10, 100, 1e4], TracePoint = 3,
    };

    [Fact]
    public void Gram_space_iterates_equal_plain_per_sample_SGD()
    {
        var random = new Random(2);
        int n = 30, width = 300;
        var features = new double[n * width];
        for (int i = 0; i < features.Length; i++) features[i] = Math.Max(0, 10 * SphereSampler.StandardNormal(random));
        var targets = Enumerable.Range(0, n).Select(_ => 3 * SphereSampler.StandardNormal(random)).ToArray();
        var initial = Enumerable.Range(0, width).Select(_ => SphereSampler.StandardNormal(random)).ToArray();
        foreach (int epochs in new[] { 1, 7, 200 })
        {
            var plain = ReadoutTraining.Sgd(features, targets, initial, 1e-5, epochs);
            var gram = ReadoutTraining.GramSgd(features, targets, initial, 1e-5, epochs);
            double scale = plain.Max(Math.Abs);
            for (int j = 0; j < width; j++) Assert.Equal(plain[j], gram[j], 1e-11 * scale);
        }
        // Training lowers the training loss (lr · |h|² is small enough for stability here).
        double Loss(double[] v) => Enumerable.Range(0, n).Average(i => Math.Pow(ReadoutTraining.Dot(features.AsSpan(i * width, width), v) - targets[i], 2));
        Assert.True(Loss(ReadoutTraining.GramSgd(features, targets, initial, 1e-5, 200)) < 0.1 * Loss(initial));
    }

    [Fact]
    public void One_SGD_step_is_minus_twice_the_learning_rate_times_the_residual_times_the_feature()
    {
        double[] h = [1, 2, 0, 3], v = [0.5, -1, 2, 0.25];
        var after = ReadoutTraining.Sgd(h, [4], v, 0.01, 1);
        double residual = 0.5 - 2 + 0.75 - 4;  // f − y
        for (int j = 0; j < 4; j++) Assert.Equal(v[j] - 2 * 0.01 * residual * h[j], after[j], 1e-15);
    }

    [Fact]
    public void Resampler_is_exact_in_expectation_and_removal_is_exact()
    {
        var data = BrgExperiment.DrawData(Small);
        var member = BrgExperiment.Train(Small, data, 0);
        var expected = BrgExperiment.CoarseGrain(Small, member, data.TestTargets, new Random(0)).ExpectedMse;
        int draws = 8000, rows = Small.Cutoffs.Length + 1;
        var samples = new double[rows][];
        for (int r = 0; r < rows; r++) samples[r] = new double[draws];
        for (int k = 0; k < draws; k++)
        {
            var result = BrgExperiment.CoarseGrain(Small, member, data.TestTargets, new Random(1000 + k));
            Assert.Equal(expected, result.ExpectedMse);  // the expectation depends on the trained readout only
            for (int r = 0; r < rows; r++) samples[r][k] = result.Mse[r];
        }
        for (int r = 1; r < rows; r++)
        {
            var e = Estimate.Of(samples[r]);
            // 4 s.e. of the Monte Carlo over resamplings, plus rounding (rows whose sloppy units are silent on the test set do not vary).
            Assert.True(Math.Abs(e.Mean - expected[r]) < 4 * e.StandardError + 1e-10 * expected[r], $"row {r}: mean {e.Mean} ± {e.StandardError} vs {expected[r]}");
        }
        // Removing the sloppy weights is deterministic: the MSE is the first term of Eq. (10.16).
        var remove = Small with { CoarseGraining = CoarseGraining.Remove };
        var removed = BrgExperiment.CoarseGrain(remove, member, data.TestTargets, new Random(5));
        for (int r = 0; r < rows; r++) Assert.Equal(removed.ExpectedMse[r], removed.Mse[r], 1e-9 * removed.Mse[r]);
    }

    [Fact]
    public void Everything_resampled_gives_the_prior_predictive_MSE()
    {
        // Above the largest Fisher entry all weights are prior draws: E MSE = ⟨y²⟩ + σ_v² Σ_j ⟨h_j²⟩_test (computed directly).
        var options = Small with { Cutoffs = [1e12], PriorStd = 0.7 };
        var data = BrgExperiment.DrawData(options);
        var member = BrgExperiment.Train(options, data, 1);
        var result = BrgExperiment.CoarseGrain(options, member, data.TestTargets, new Random(3));
        int width = options.Width, tests = options.TestSamples;
        double featureSquares = 0;
        for (int i = 0; i < tests; i++)
            for (int j = 0; j < width; j++) featureSquares += Math.Pow(member.TestFeatures[i * width + j], 2);
        double expected = data.TestTargets.Average(y => y * y) + 0.49 * featureSquares / tests;
        Assert.Equal(expected, result.ExpectedMse[1], 1e-9 * expected);
        Assert.Equal(1, result.CoarseGrainedFraction[1]);
    }

    [Fact]
    public void Fisher_is_the_mean_squared_feature_and_is_the_same_before_and_after_training()
    {
        var data = BrgExperiment.DrawData(Small);
        var member = BrgExperiment.Train(Small, data, 2);
        var other = BrgExperiment.Train(Small with { Epochs = 0 }, data, 2);
        Assert.Equal(member.Fisher, other.Fisher);
        Assert.Equal(member.Initial, other.Trained);
        Assert.All(member.Fisher, f => Assert.True(f >= 0));
    }

    [Fact]
    public void Report_statistics_are_the_ensemble_moments_of_the_members()
    {
        var data = BrgExperiment.DrawData(Small);
        var members = Enumerable.Range(0, Small.Ensemble)
            .Select(e => BrgExperiment.CoarseGrain(Small, BrgExperiment.Train(Small, data, e), data.TestTargets, new Random(e))).ToArray();
        var report = BrgExperiment.Summarize(Small, members);
        var included = members.Where(m => m.Mse[0] < Small.MaxTrainedMse).ToArray();
        Assert.Equal(included.Length, report.IncludedMembers);
        for (int r = 0; r < report.Rows.Length; r++)
        {
            var row = report.Rows[r];
            Assert.Equal(included.Average(m => m.Mse[r]), row.Mse.Mean, 1e-12 * row.Mse.Mean);
            // Predictive variance: for each test point the unbiased variance over members, then the test average.
            double variance = Enumerable.Range(0, Small.TestSamples).Average(t =>
            {
                var f = included.Select(m => m.Predictions[r][t]).ToArray();
                double mean = f.Average();
                return f.Sum(x => (x - mean) * (x - mean)) / (f.Length - 1);
            });
            Assert.Equal(variance, row.PredictiveVariance, 1e-9 * variance);
            Assert.True(row.PredictiveVarianceStandardError > 0);
        }
        Assert.Equal(0, report.Rows[0].Cutoff);
        Assert.Equal(report.Rows[0].Mse, report.TrainedMse);
        double mse0 = report.TrainedMse.Mean;
        Assert.Equal(report.Rows.Skip(1).FirstOrDefault(x => x.Mse.Mean > 2 * mse0)?.Cutoff, report.CriticalCutoff);
    }

    [Fact]
    public void Published_configuration_has_a_plateau_then_a_rise_with_1000_Fisher_samples()
    {
        // docs/theory.md §10.6 (B8), at a small ensemble: the plateau holds for Λ ≤ 10⁻², the MSE is ≥ 3 × MSE₀ by Λ = 1, and
        // Λ_C (first cutoff above 2 × MSE₀) lies in [0.1, 1]. With 10 Fisher points about a fifth of the F_jj are exactly 0.
        var options = new BrgExperimentOptions { Ensemble = 8, Seed = 1 };
        var report = BrgExperiment.Run(options);
        double mse0 = report.TrainedMse.Mean;
        foreach (var row in report.Rows.Where(r => r.Cutoff > 0 && r.Cutoff <= 1e-2))
            Assert.True(row.Mse.Mean <= 1.1 * mse0, $"Λ = {row.Cutoff}: {row.Mse.Mean} vs MSE₀ = {mse0}");
        Assert.True(report.Rows.Single(r => r.Cutoff == 1).Mse.Mean >= 3 * mse0);
        Assert.NotNull(report.CriticalCutoff);
        Assert.InRange(report.CriticalCutoff!.Value, 0.1, 1);
        Assert.InRange(report.ZeroFisherFraction.Mean, 0, 0.15);

    }

    [Fact]
    public void Ten_Fisher_samples_make_the_first_cutoff_jump_for_most_data_sets()
    {
        // The silent units (F = 0 exactly on 10 points) are resampled at Λ = 10⁻⁴: the fraction coarse-grained there includes the
        // zero-Fisher fraction, and for most draws of the data the MSE jumps past 2 × MSE₀ at once (docs/theory.md §10.6).
        int jumps = 0;
        foreach (int seed in Enumerable.Range(1, 8))
        {
            var ten = BrgExperiment.Run(new BrgExperimentOptions { Ensemble = 3, Seed = seed, FisherSamples = 10 });
            Assert.True(ten.Rows[1].CoarseGrainedFraction >= ten.ZeroFisherFraction.Mean);
            if (ten.CriticalCutoff == 1e-4) jumps++;
        }
        Assert.True(jumps >= 6, $"{jumps} of 8 data sets jump at the first cutoff");
    }

    [Fact]
    public void Ten_Fisher_samples_leave_about_a_fifth_of_the_units_silent()
    {
        // docs/theory.md §10 (B8): 0.22 ± 0.03. The fraction depends mostly on the shared Fisher set, so average over 24
        // data seeds, 3 networks each (no training needed: F does not depend on the readout) and allow 3 s.e. of that average too.
        var fractions = Enumerable.Range(1, 24).Select(seed =>
        {
            var options = new BrgExperimentOptions { Seed = seed, FisherSamples = 10, TrainSamples = 1, TestSamples = 1, TracePoint = 0, Epochs = 0 };
            var data = BrgExperiment.DrawData(options);
            return Enumerable.Range(0, 3).Average(e => BrgExperiment.Train(options, data, e).Fisher.Count(f => f == 0) / (double)options.Width);
        }).ToArray();
        var e = Estimate.Of(fractions);
        double tolerance = 0.03 + 3 * e.StandardError;
        Assert.InRange(e.Mean, 0.22 - tolerance, 0.22 + tolerance);
    }

    [Fact]
    public void Runs_are_reproducible_and_thread_independent()
    {
        var a = BrgExperiment.Run(Small, threads: 1);
        var b = BrgExperiment.Run(Small, threads: 2);
        Assert.Equal(a.Rows.Select(r => r.Mse).ToArray(), b.Rows.Select(r => r.Mse).ToArray());
        Assert.Equal(a.Rows.Select(r => r.PredictiveVariance).ToArray(), b.Rows.Select(r => r.PredictiveVariance).ToArray());
        var c = BrgExperiment.Run(Small with { Seed = 2 });
        Assert.NotEqual(a.TrainedMse.Mean, c.TrainedMse.Mean);
    }

    [Fact]
    public void Figure_has_the_measured_expected_threshold_and_variance_series_on_log_axes()
    {
        var report = BrgExperiment.Run(Small);
        var plot = BrgFigures.MseAndVariance(report);
        Assert.Equal(AxisScale.Log, plot.X.Scale);
        Assert.Equal([BrgFigures.MseName, BrgFigures.ExpectedName, BrgFigures.ThresholdName, BrgFigures.VarianceName], plot.Series.Select(s => s.Name).ToArray());
        Assert.True(plot.Series[3].OnRightAxis);
        Assert.Equal(Small.Cutoffs.Length, plot.Series[0].Points.Length);
        Assert.All(plot.Series[2].Points, p => Assert.Equal(2 * report.TrainedMse.Mean, p.Y));
        var svg = Svg.Render(plot);
        Assert.DoesNotContain("NaN", svg);
        Assert.Contains("Λ_C", svg);
    }

    [Fact]
    public void Invalid_options_name_the_setting()
    {
        Assert.Contains("Ensemble", Assert.Throws<ArgumentException>(() => BrgExperiment.Run(Small with { Ensemble = 2 })).Message);
        Assert.Contains("Cutoffs[1]", Assert.Throws<ArgumentException>(() => BrgExperiment.Run(Small with { Cutoffs = [1, 1] })).Message);
        Assert.Contains("TracePoint", Assert.Throws<ArgumentException>(() => BrgExperiment.Run(Small with { TracePoint = 50 })).Message);
        Assert.Contains("multiply-adds", Assert.Throws<ArgumentException>(() => BrgExperiment.Run(Small with { Ensemble = 100_000, Width = 100_000, Solver = ReadoutSolver.Sgd })).Message);
        // A diverging SGD leaves no member below the MSE bound.
        Assert.Contains("members reached", Assert.Throws<ArgumentException>(() => BrgExperiment.Run(Small with { LearningRate = 1e-2 })).Message);
    }
}
