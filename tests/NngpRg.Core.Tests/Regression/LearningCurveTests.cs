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
        const int d = 5, m = 100, draws = 30;
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
    public void Replaying_the_documented_draw_order_reproduces_the_curve_exactly()
    {
        // Per draw: max(n) + m points, then (for a fixed function, no random numbers for f) max(n) label-noise normals;
        // each n fits the first n points at ridge σ². Recomputed here from the managed Cholesky and an explicit prediction sum.
        const int d = 3, m = 15, draws = 2, seed = 21;
        const double noise = 0.2;
        int[] ns = [5, 12];
        Func<double[], double> f = x => Math.Cos(2 * x[0]) + x[1];
        var curve = LearningCurve.Measure(Math.Exp, d, ns, m, noise, draws, seed, new RegressionTarget.Function(f, "cos"));
        var random = new Random(seed);
        var mse = new double[ns.Length, draws];
        for (int r = 0; r < draws; r++)
        {
            var points = SphereSampler.Uniform(d, 12 + m, random);
            var y = points[..12].Select(x => f(x) + Math.Sqrt(noise) * SphereSampler.StandardNormal(random)).ToArray();
            var test = points[12..];
            for (int c = 0; c < ns.Length; c++)
            {
                int n = ns[c];
                var k = KernelMatrix.Build(points[..n], Math.Exp);
                for (int i = 0; i < n; i++) k[i, i] += noise;
                var alpha = LinearAlgebra.Managed.Solve(LinearAlgebra.Managed.Cholesky(k), To2D(y[..n]));
                mse[c, r] = test.Average(z =>
                {
                    double prediction = 0;
                    for (int j = 0; j < n; j++) prediction += Math.Exp(Math.Clamp(z.Zip(points[j], (a, b) => a * b).Sum(), -1, 1)) * alpha[j, 0];
                    return (prediction - f(z)) * (prediction - f(z));
                });
            }
        }
        for (int c = 0; c < ns.Length; c++)
        {
            var expected = Estimate.Of([mse[c, 0], mse[c, 1]]);
            Assert.Equal(expected.Mean, curve[c].TestMse.Mean, 1e-10);
            Assert.Equal(expected.StandardError, curve[c].TestMse.StandardError, 1e-10);
        }
    }

    private static double[,] To2D(double[] v)
    {
        var a = new double[v.Length, 1];
        for (int i = 0; i < v.Length; i++) a[i, 0] = v[i];
        return a;
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
