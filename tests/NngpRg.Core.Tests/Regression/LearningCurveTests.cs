using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class LearningCurveTests
{
    [Fact]
    public void Gp_matched_mse_equals_the_mean_posterior_variance()
    {
        // With f ~ GP(0, K), y = f + N(0, σ²) and KRR at ridge σ² (the Bayes posterior mean), E[(f̄(z) − f(z))²] is the
        // posterior variance of f(z), which depends on X only: estimated independently from other draws of X.
        const int d = 5, m = 40, draws = 30;
        const double noise = 0.05;
        int[] ns = [10, 40, 120];
        var curve = LearningCurve.Measure(Math.Exp, d, ns, m, noise, draws, seed: 4, new RegressionTarget.GaussianProcess(Math.Exp));
        var random = new Random(99);
        for (int c = 0; c < ns.Length; c++)
        {
            var variances = new double[draws];
            for (int r = 0; r < draws; r++)
            {
                var train = SphereSampler.Uniform(d, ns[c], random);
                var test = SphereSampler.Uniform(d, m, random);
                var fit = KernelRidge.Fit(KernelMatrix.Build(train, Math.Exp), new double[ns[c]], noise);
                variances[r] = fit.PosteriorVariance([.. test.Select(_ => Math.E)], KernelMatrix.Cross(test, train, Math.Exp)).Average();
            }
            var expected = Estimate.Of(variances);
            var measured = curve[c].TestMse;
            Assert.Equal(ns[c], curve[c].TrainCount);
            double tolerance = 4 * Math.Sqrt(measured.StandardError * measured.StandardError + expected.StandardError * expected.StandardError);
            Assert.True(Math.Abs(measured.Mean - expected.Mean) < tolerance, $"n = {ns[c]}: measured {measured}, posterior variance {expected}");
        }
        Assert.True(curve[0].TestMse.Mean > curve[1].TestMse.Mean && curve[1].TestMse.Mean > curve[2].TestMse.Mean);
    }

    [Fact]
    public void A_fixed_linear_target_is_learned_as_n_grows()
    {
        // f(x) = √d x₀ is a unit-power degree-1 harmonic; the linear-plus-constant kernel 1 + t learns it to the noise floor.
        const int d = 4;
        var target = new RegressionTarget.Function(x => Math.Sqrt(d) * x[0], "sqrt(d) x0");
        var curve = LearningCurve.Measure(t => 1 + t, d, [2, 50], 50, 0.01, 4, seed: 8, target);
        Assert.True(curve[0].TestMse.Mean > 0.3, curve[0].ToString());
        Assert.True(curve[1].TestMse.Mean < 0.01, curve[1].ToString());
    }

    [Fact]
    public void Empty_sizes_and_single_draws_are_rejected()
    {
        var target = new RegressionTarget.GaussianProcess(Math.Exp);
        Assert.Contains("no training-set sizes", Assert.Throws<ArgumentException>(() => LearningCurve.Measure(Math.Exp, 3, [], 5, 0.1, 2, 1, target)).Message);
        Assert.Contains("n[1] must be ≥ 1", Assert.Throws<ArgumentOutOfRangeException>(() => LearningCurve.Measure(Math.Exp, 3, [4, 0], 5, 0.1, 2, 1, target)).Message);
    }
}
