using NngpRg.Core.FieldTheory;
using Xunit;

namespace NngpRg.Core.Tests.FieldTheory;

/// <summary>The Monte Carlo of actual finite-width networks against the exact correlators (tolerances: 3.5 standard errors).</summary>
public sealed class MonteCarloTests
{
    private static readonly IReadOnlyList<double>[] Relu = [[0.2], [0.4], [0.6], [0.8], [1.0], [1.2]];

    [Fact]
    public void Normal_stream_has_the_moments_of_a_standard_normal()
    {
        var s = new NormalStream(7, 3);
        const int n = 400_000;
        double m1 = 0, m2 = 0, m4 = 0, tail = 0;
        for (int i = 0; i < n; i++)
        {
            double z = s.Normal();
            m1 += z; m2 += z * z; m4 += z * z * z * z;
            if (z > 3) tail++;
        }
        Assert.Equal(0, m1 / n, 0.01);           // s.e. 0.0016
        Assert.Equal(1, m2 / n, 0.01);           // s.e. 0.0022
        Assert.Equal(3, m4 / n, 0.08);           // s.e. 0.016
        Assert.Equal(0.0013499, tail / n, 0.0003); // P(z > 3), s.e. 6e-5
    }

    [Fact]
    public void A_seed_gives_the_same_ensemble_whatever_the_thread_count()
    {
        var a = NetworkArchitecture.Of(NetworkKind.Erf);
        var one = NetworkMonteCarlo.Run(a, 7, Relu, 6000, 5, threads: 1);
        var two = NetworkMonteCarlo.Run(a, 7, Relu, 6000, 5, threads: 2);
        for (int o = 0; o < 3; o++)
            Assert.Equal(one.Means[o].Select(e => e.Mean), two.Means[o].Select(e => e.Mean));
        var other = NetworkMonteCarlo.Run(a, 7, Relu, 6000, 6, threads: 2);
        Assert.NotEqual(one.Means[1][0].Mean, other.Means[1][0].Mean);
    }

    [Fact]
    public void Relu_networks_have_m4_five_over_n_and_no_two_point_deviation()
    {
        var analysis = EnsembleAnalysis.Analyze(NetworkMonteCarlo.Run(NetworkArchitecture.Of(NetworkKind.Relu), 5, Relu, 60_000, 11));
        var m4 = analysis.Of(DeviationKind.FourPoint);
        Assert.Equal(1.0, m4.Exact!.Value, 12);
        Assert.True(Math.Abs(m4.Measured.Mean - 1.0) < 3.5 * m4.Measured.StandardError + 0.03, $"m4 = {m4.Measured}");
        var m6 = analysis.Of(DeviationKind.SixPoint);
        Assert.Equal(15.0 / 5 + 44.0 / 25, m6.Exact!.Value, 10);
        // every tuple's measured deviation within 4.5 s.e. of the exact one (2, 4 and 6 points)
        foreach (var rows in analysis.Tuples)
            Assert.All(rows, r => Assert.True(Math.Abs(r.Z!.Value) < 4.5, $"tuple {Tuples.Format(r.Tuple)}: z = {r.Z}"));
        // m₂ is pure noise: consistent with its background
        var m2 = analysis.Of(DeviationKind.TwoPoint);
        Assert.Equal(0, m2.Exact!.Value);
        Assert.False(m2.AboveBackground);
    }

    [Fact]
    public void Gauss_and_erf_networks_agree_with_their_exact_four_point_functions()
    {
        IReadOnlyList<double>[] half = [[-0.5], [-0.3], [-0.1], [0.1], [0.3], [0.5]];
        foreach (var a in new[] { NetworkArchitecture.Of(NetworkKind.Gauss, 1, 1, 0), NetworkArchitecture.Of(NetworkKind.Erf) })
        {
            var analysis = EnsembleAnalysis.Analyze(NetworkMonteCarlo.Run(a, 3, half, 60_000, 21));
            // two and four points: the six-point products of the Gauss-net are log-normal with tails too heavy for a
            // sample standard error at 6·10⁴ networks (its six-point function is checked through the closed form)
            foreach (var rows in analysis.Tuples.Take(2))
                Assert.All(rows, r => Assert.True(Math.Abs(r.Z!.Value) < 4.5, $"{a.Kind} tuple {Tuples.Format(r.Tuple)}: z = {r.Z}"));
        }
        // d = 2 with a bias: no exact moments for ReLU, the analysis measures against the GP only
        var d2 = EnsembleAnalysis.Analyze(NetworkMonteCarlo.Run(NetworkArchitecture.Of(NetworkKind.Relu, 2, 1, 0.5), 4, [[0.5, 0.5], [1, 1]], 4000, 1));
        Assert.Null(d2.Of(DeviationKind.FourPoint).Exact);
        Assert.True(d2.Of(DeviationKind.FourPoint).Measured.Mean > 0);
        // d = 2 at σ_b = 0: the planar polar rule gives the exact side, and the networks agree with it
        var planar = EnsembleAnalysis.Analyze(NetworkMonteCarlo.Run(NetworkArchitecture.Of(NetworkKind.Relu, 2), 3, [[0.5, 0.5], [0.5, 1], [1, 0.5], [-0.3, 1]], 40_000, 5));
        Assert.NotNull(planar.Of(DeviationKind.FourPoint).Exact);
        foreach (var rows in planar.Tuples.Take(2))
            Assert.All(rows, r => Assert.True(Math.Abs(r.Z!.Value) < 4.5, $"ReLU d = 2 tuple {Tuples.Format(r.Tuple)}: z = {r.Z}"));
    }

    [Fact]
    public void Bad_inputs_are_refused_with_the_rule()
    {
        var a = NetworkArchitecture.Of(NetworkKind.Relu);
        Assert.Contains("width N", Assert.Throws<ArgumentException>(() => NetworkMonteCarlo.Run(a, 0, Relu, 100, 1)).Message);
        Assert.Contains("at least 20", Assert.Throws<ArgumentException>(() => NetworkMonteCarlo.Run(a, 2, Relu, 10, 1)).Message);
        Assert.Contains("coordinates", Assert.Throws<ArgumentException>(() => NetworkMonteCarlo.Run(a, 2, [[1, 2]], 100, 1)).Message);
        Assert.Contains("d = 1", Assert.Throws<ArgumentException>(() => NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Erf, 2), [[1, 2]])).Message);
    }
}
