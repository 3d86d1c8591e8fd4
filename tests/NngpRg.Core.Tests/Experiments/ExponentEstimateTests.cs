using NngpRg.Core.Data;
using NngpRg.Core.Experiments;
using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Experiments;

public class ExponentEstimateTests
{
    [Fact]
    public void Ranges_scale_each_end_by_a_half_one_and_two_within_the_modes()
    {
        var ranges = FitRanges.Around(10, 200, 1000);
        Assert.Equal((10, 200), ranges[0]);
        Assert.Equal(9, ranges.Length);
        Assert.Contains((5, 100), ranges);
        Assert.Contains((20, 400), ranges);
        // Past the last mode, or narrower than a factor 4, a range is dropped.
        var tight = FitRanges.Around(10, 50, 60);
        Assert.DoesNotContain(tight, r => r.Last > 60 || r.Last < 4 * r.First);
        Assert.Throws<ArgumentException>(() => FitRanges.Around(10, 11, 100));
    }

    [Fact]
    public void An_exact_power_law_gives_alpha_with_no_spread_and_a_bent_one_a_spread()
    {
        var exact = Enumerable.Range(1, 1000).Select(k => 3 * Math.Pow(k, -1.4)).ToArray();
        var e = FitRanges.SpectrumExponent(exact, 10, 100);
        Assert.Equal(0.4, e.Value, 10);
        Assert.True(e.RangeSpread < 1e-10 && e.StandardError < 1e-9);
        // λ_k = k^-1.4 (1 + 10/k): the local exponent drifts, so ranges disagree; the spread is their standard deviation.
        var bent = Enumerable.Range(1, 1000).Select(k => Math.Pow(k, -1.4) * (1 + 10.0 / k)).ToArray();
        var b = FitRanges.SpectrumExponent(bent, 10, 100);
        var values = b.Ranges.Select(r => r.Value).ToArray();
        double mean = values.Average();
        Assert.Equal(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)), b.RangeSpread, 12);
        Assert.True(b.RangeSpread > 10 * b.OlsStandardError, $"{b.RangeSpread} vs {b.OlsStandardError}");
        Assert.Equal(Math.Sqrt(b.RangeSpread * b.RangeSpread + b.OlsStandardError * b.OlsStandardError), b.StandardError, 14);
    }

    [Fact]
    public void Beta_comes_from_the_cumulative_tail_of_the_label_power()
    {
        // y_k² = k^-β exactly over 10⁶ modes: the tail Σ_{k>κ} k^-β falls like κ^-(β−1) up to O(1/κ), so β is recovered to ~1 % at κ ≥ 20.
        var power = Enumerable.Range(1, 1_000_000).Select(k => Math.Pow(k, -1.7)).ToArray();
        var tail = FitRanges.CumulativeTail(power);
        Assert.Equal(power.Skip(10).Sum(), tail[10], 12);
        Assert.Equal(0, tail[^1]);
        var beta = FitRanges.TargetExponent(power, 20, 400);
        Assert.Equal(1.7, beta.Value, 0.02);
        // Scattered single powers (one projection each: y_k² = s_k g_k², g ~ N(0, 1)) keep the tail's exponent.
        var random = new Random(3);
        var noisy = power.Select(p => p * Math.Pow(SphereSampler.StandardNormal(random), 2)).ToArray();
        var b = FitRanges.TargetExponent(noisy, 20, 400);
        Assert.True(Math.Abs(b.Value - 1.7) < 3 * b.StandardError + 0.02, $"β = {b.Value} ± {b.StandardError}");
        Assert.Throws<ArgumentException>(() => FitRanges.CumulativeTail([1.0, -0.5]));
    }

    [Theory]
    [InlineData(0.1, ScalingRegime.RidgeDominated)]
    [InlineData(10.0, ScalingRegime.TailDominated)]
    [InlineData(1.0, ScalingRegime.Crossover)]
    public void Predictions_state_the_regime_from_the_flow_and_meet_their_premises_only_there(double tailToRidge, ScalingRegime regime)
    {
        var alpha = new ExponentEstimate(0.5, 0.01, 0.02, [new FitRangeEstimate(10, 100, 0.5, 0.01)]);
        var beta = new ExponentEstimate(2.0, 0.01, 0.02, [new FitRangeEstimate(10, 100, 2.0, 0.01)]);
        var p = ScalingPredictions.Build(alpha, beta, 0.01, [100, 200, 400], [0.01 * tailToRidge, 0.01 * tailToRidge, 0.01 * tailToRidge],
            [0.01 * (1 + tailToRidge), 0.01 * (1 + tailToRidge), 0.01 * (1 + tailToRidge)], [20, 40, 80]);
        Assert.Equal(regime, p.Regime);
        Assert.Equal(regime == ScalingRegime.RidgeDominated, p.Predictions[1].PremiseMet);
        Assert.Equal(regime == ScalingRegime.TailDominated, p.Predictions[2].PremiseMet);
        Assert.False(p.Predictions[0].PremiseMet);  // β = 2 ≠ 1 + α = 1.5 by many standard errors
        Assert.Equal(1.0 / 1.5, p.Predictions[1].Value, 12);
        Assert.Equal(1.0, p.Predictions[2].Value, 12);
        Assert.Equal(0, p.RidgeSlope, 12);  // a constant σ_c²
        Assert.Contains("β − 1 − α = 0.5", p.Predictions[0].Premise);
        // κ* outside the fitted modes fails every source/capacity premise.
        var outside = ScalingPredictions.Build(alpha, beta, 0.01, [100, 200], [1e-3, 1e-3], [0.011, 0.011], [50, 500]);
        Assert.False(outside.KappaStarInsideFit);
        Assert.DoesNotContain(outside.Predictions, x => x.PremiseMet);
        Assert.Contains("NOT inside", outside.Predictions[1].Premise);
    }

    [Fact]
    public void Random_subsample_is_seeded_distinct_and_in_file_order()
    {
        var data = Dataset.Create(new double[50, 1], [.. Enumerable.Range(0, 50)], "rows");
        var a = data.TakeRandom(20, 4);
        Assert.Equal(a.Labels!.Value.ToArray(), data.TakeRandom(20, 4).Labels!.Value.ToArray());
        Assert.NotEqual(a.Labels!.Value.ToArray(), data.TakeRandom(20, 5).Labels!.Value.ToArray());
        Assert.Equal(20, a.Labels!.Value.Distinct().Count());
        Assert.Equal(a.Labels!.Value.Order().ToArray(), a.Labels!.Value.ToArray());
        Assert.Contains("random 20 (seed 4)", a.Source);
        // Every row is equally likely: over many seeds each row is chosen about 20/50 of the time (binomial, 4σ).
        var counts = new int[50];
        for (int s = 0; s < 2000; s++) foreach (int l in data.TakeRandom(20, s).Labels!.Value) counts[l]++;
        double expected = 2000 * 0.4, sigma = Math.Sqrt(2000 * 0.4 * 0.6);
        Assert.All(counts, c => Assert.InRange(c, expected - 4 * sigma, expected + 4 * sigma));
    }

    [Fact]
    public void Pearson_and_quantiles_match_hand_computations()
    {
        // numpy: np.corrcoef([1,2,3,4],[2,4,5,9])[0,1] = 0.964763821237732; np.quantile([1,2,3,10], 0.25) = 1.75.
        Assert.Equal(0.96476382123773, InputRidge.Pearson([1.0, 2, 3, 4], [2.0, 4, 5, 9]).Value, 10);
        Assert.Equal(1.75, InputRidge.Quantile([1.0, 2, 3, 10], 0.25), 14);
        Assert.Equal(10, InputRidge.Quantile([1.0, 2, 3, 10], 1), 14);
        Assert.Equal(0, InputRidge.Pearson([1.0, 1, 1], [1.0, 2, 3]).Value);
    }

    [Fact]
    public void The_gaussianity_verdict_tests_against_the_gaussian_standard_error_not_the_heavy_tailed_sample_one()
    {
        // 3999 unit-Gaussian values and one outlier at 30.5, rescaled to mean square 1: the kurtosis (≈ 200) is carried by
        // the outlier, and so is the sample standard error of φ⁴ (≈ the kurtosis itself), which puts z below 3
        var random = new Random(3);
        var x = Enumerable.Range(0, 4000).Select(i => i == 0 ? 30.5 : Gaussian(random)).ToArray();
        double rms = Math.Sqrt(x.Sum(v => v * v) / x.Length);
        var m = ModeStatistics.Marginal(499, 1e-4, [.. x.Select(v => v / rms)]);
        Assert.True(m.ExcessKurtosis.Value > 100, $"{m.ExcessKurtosis}");
        Assert.True(m.ExcessKurtosis.Value / m.ExcessKurtosis.StandardError < 3, $"{m.ExcessKurtosis}");
        Assert.Equal(m.ExcessKurtosis.Value / Math.Sqrt(96.0 / 4000), m.KurtosisZ, 9);
        Assert.False(m.ConsistentWithGaussian);
        Assert.Contains("non-Gaussian", m.Verdict);

        // calibration: of 400 Gaussian samples of 500 points, about 0.5 % fail one of the two 3-s.e. tests; a verdict
        // with the wrong standard error would reject far more or far fewer
        int rejected = 0;
        for (int s = 0; s < 400; s++)
        {
            var g = Enumerable.Range(0, 500).Select(_ => Gaussian(random)).ToArray();
            if (!ModeStatistics.Marginal(2, 0.1, g).ConsistentWithGaussian) rejected++;
        }
        Assert.InRange(rejected, 0, 12);
        var pair = ModeStatistics.Pair(1, 2, [.. x.Select(v => v / rms)], [.. Enumerable.Range(0, 4000).Select(i => i == 0 ? 30.5 / rms : Gaussian(random))]);
        Assert.False(pair.ConsistentWithIndependentGaussians);
        Assert.Equal(Math.Abs(pair.Cumulant.Value) / Math.Sqrt(8.0 / 4000), pair.CumulantZ, 9);
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void Skewness_and_the_constant_flag()
    {
        // Exponential(1) − 1 has mean 0, variance 1, skewness 2 and excess kurtosis 6.
        var random = new Random(8);
        var x = Enumerable.Range(0, 200_000).Select(_ => -Math.Log(1 - random.NextDouble()) - 1).ToArray();
        var m = ModeStatistics.Marginal(3, 0.1, x);
        Assert.True(Math.Abs(m.Skewness.Value - 2) < 4 * m.Skewness.StandardError, $"{m.Skewness}");
        Assert.False(m.IsConstant);
        Assert.False(m.ConsistentWithGaussian);
        Assert.Contains("non-Gaussian", m.Verdict);
        var constant = ModeStatistics.Marginal(1, 0.5, [.. Enumerable.Range(0, 100).Select(i => i == 0 ? -2.0 : -0.99)]);
        Assert.True(constant.IsConstant);
        Assert.Contains("constant mode", constant.Verdict);
    }
}
