using System.Collections.Immutable;
using NngpRg.Core.FieldTheory;
using Xunit;

namespace NngpRg.Core.Tests.FieldTheory;

/// <summary>The numeric couplings against the engine's closed forms and the reference values of docs/theory.md §9.5–9.6.</summary>
public sealed class CouplingTests
{
    private static NeuronMoments Table(NetworkArchitecture a, params double[] x) => NeuronMoments.For(a, [.. x.Select(v => (IReadOnlyList<double>)new[] { v })]);

    private static readonly ImmutableArray<int> First4 = [0, 1, 2, 3];

    [Fact]
    public void Relu_quartic_coupling_is_minus_25_over_2N_sigma8_Lambda5_at_every_cutoff_and_tuple()
    {
        var a = NetworkArchitecture.Of(NetworkKind.Relu, 1, 1.3, 0);
        var m = Table(a, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2);
        double[] cutoffs = [7, 100, 2e4, 1e5];
        var run = TreeLevelCouplings.Running(m, 20, Tuples.Sorted(6, 4), cutoffs);
        for (int c = 0; c < cutoffs.Length; c++)
            Assert.All(run.Points[c], q => Assert.Equal(-25 / (2 * 20 * Math.Pow(1.3, 8) * Math.Pow(cutoffs[c], 5)), q.Lambda, 1e-9 * Math.Abs(q.Lambda)));
        Assert.Equal(-5, run.Slope!.Value.Slope, 9);
        Assert.All(run.LocalSlopes, s => Assert.Equal(-5, s, 9));
        // the tadpole with the matched constant λ: δG₂/K = 15/(2N); κ(Λ = 3) at N = 1: 371/(3·3⁷)
        double lambda3 = TreeLevelCouplings.Quartic(m, 1, First4, 3).Lambda;
        Assert.Equal(7.5, TreeLevelCouplings.TadpoleRatio(m, 1, 4, 3, lambda3), 9);
        var unit = Table(NetworkArchitecture.Of(NetworkKind.Relu), 0.2, 0.4, 0.6, 0.8, 1.0, 1.2);
        double l = TreeLevelCouplings.Quartic(unit, 1, First4, 3).Lambda;
        Assert.Equal(371 / (3 * Math.Pow(3, 7)), TreeLevelCouplings.Sextic(unit, 1, [0, 1, 2, 3, 4, 5], 3, l).Kappa, 1e-9);
    }

    [Fact]
    public void Relu_quartic_coupling_in_two_dimensions_matches_the_reference_box_integrals()
    {
        // reference: independent adaptive dblquad of I₄ over [−Λ, Λ]² at 1e-9; N λ Λ⁶ is Λ-independent at σ_b = 0
        var a = NetworkArchitecture.Of(NetworkKind.Relu, 2, 1, 0);
        var m = NeuronMoments.For(a, [[0.5, 0.5], [0.5, 1], [1, 0.5], [1, 1]]);
        double[] cutoffs = [1, 10, 100];
        var run = TreeLevelCouplings.Running(m, 3, Tuples.Sorted(4, 4), cutoffs);
        for (int c = 0; c < cutoffs.Length; c++)
        {
            var scaled = run.Points[c].Select(q => 3 * q.Lambda * Math.Pow(cutoffs[c], 6)).ToArray();
            Assert.Equal(35, scaled.Length);
            Assert.Equal(-17.3639, scaled.Average(), 1e-3 * 17.3639);
            Assert.Equal(-18.8097, scaled.Min(), 1e-3 * 18.8097);
            Assert.Equal(-16.0296, scaled.Max(), 1e-3 * 16.0296);
            var distinct = run.Points[c].Single(q => q.Tuple.SequenceEqual(First4));
            Assert.Equal(-16.7729, 3 * distinct.Lambda * Math.Pow(cutoffs[c], 6), 1e-3 * 16.7729);
            // the single-tuple path agrees with the tabulated one
            Assert.Equal(distinct.Lambda, TreeLevelCouplings.Quartic(m, 3, First4, cutoffs[c]).Lambda, 1e-12 * Math.Abs(distinct.Lambda));
        }
        Assert.Equal(-6, run.Slope!.Value.Slope, 9);
        // the tadpole integrand is homogeneous too (∝ Λ⁶, like I₄): δG₂/K of the matched λ is Λ-independent, as in d = 1
        double t1 = TreeLevelCouplings.TadpoleRatio(m, 0, 3, 1, run.Points[0][0].Lambda), t10 = TreeLevelCouplings.TadpoleRatio(m, 0, 3, 10, run.Points[1][0].Lambda);
        Assert.True(t1 != 0);
        Assert.Equal(t1, t10, 1e-9 * Math.Abs(t1));
        // with a bias the planar rule does not apply
        Assert.Throws<ArgumentException>(() => NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Relu, 2, 1, 0.3), [[0.5, 0.5]]));
    }

    [Fact]
    public void Gauss_coupling_freezes_and_the_closed_form_matches_the_quadrature()
    {
        var a = NetworkArchitecture.Of(NetworkKind.Gauss);
        var zero = Table(a, 0, 0, 0, 0);
        var inf = TreeLevelCouplings.Quartic(zero, 1, First4, double.PositiveInfinity);
        Assert.Equal(-(3 * Math.Exp(4) - 3) / (24 * Math.Sqrt(Math.PI / 2)), inf.Lambda, 9);
        double[] ratios = [2.611477972, 1.464794773, 1.047669226, 1.000063346, 1.000000000];
        double[] cutoffs = [0.25, 0.5, 1, 2, 4];
        for (int i = 0; i < cutoffs.Length; i++)
        {
            var q = TreeLevelCouplings.Quartic(zero, 1, First4, cutoffs[i]);
            Assert.Equal(ratios[i], q.Lambda / inf.Lambda, 8);
            Assert.Equal(q.VertexIntegral, TreeLevelCouplings.QuarticVertexByQuadrature(zero, First4, cutoffs[i]), 1e-10 * q.VertexIntegral);
        }
        Assert.Equal(-6.720447868, TreeLevelCouplings.Quartic(Table(a, 0.1, 0.2, 0.3, 0.4), 1, First4, double.PositiveInfinity).Lambda, 8);
        Assert.Equal(-5.345025235, TreeLevelCouplings.Quartic(Table(a, -0.01, -0.006, 0.002, 0.01), 1, First4, double.PositiveInfinity).Lambda, 8);
        // momentum cutoff on the propagators
        double[] mom = [13.683, 2.569237, 1.081495, 1.002103, 1.00001];
        double[] ls = [0.5, 1, 2, 3, 4];
        for (int i = 0; i < ls.Length; i++)
            Assert.Equal(mom[i], TreeLevelCouplings.MomentumQuartic(zero, 1, First4, ls[i]).Lambda / inf.Lambda, i == 0 ? 1e-3 : 1e-5);
    }

    [Fact]
    public void Relu_with_bias_and_erf_run_towards_their_scaling_dimensions()
    {
        var relu = Table(NetworkArchitecture.Of(NetworkKind.Relu, 1, 1, 1), 0.2, 0.4, 0.6, 1.2);
        Assert.Equal(-9.03944e-9, TreeLevelCouplings.Quartic(relu, 1, First4, 100).Lambda, 1e-13);
        double[] grid = [7, 10, 15, 20, 30, 40, 50, 70, 100, 200, 500, 1e3, 2e3, 5e3, 7e3, 1e4, 2e4, 4e4, 6e4, 8e4, 1e5];
        var all = Table(NetworkArchitecture.Of(NetworkKind.Relu, 1, 1, 1), 0.2, 0.4, 0.6, 0.8, 1.0, 1.2);
        Assert.Equal(-4.958300, TreeLevelCouplings.Running(all, 1, Tuples.Sorted(6, 4), grid).Slope!.Value.Slope, 5);
        var erf = Table(NetworkArchitecture.Of(NetworkKind.Erf), -1, -0.2, 0.6, 1);
        double[] nl = [-2.2115708, -1.3885738, -1.3241535, -1.3178939];
        double[] lam = [10, 100, 1e3, 1e4];
        for (int i = 0; i < lam.Length; i++) Assert.Equal(nl[i], lam[i] * TreeLevelCouplings.Quartic(erf, 1, First4, lam[i]).Lambda, 6);
        Assert.Contains("Λ^d", Assert.Throws<ArgumentException>(() => TreeLevelCouplings.Quartic(erf, 1, First4, double.PositiveInfinity)).Message);
        Assert.Contains("Λ^(d+4)", Assert.Throws<ArgumentException>(() => TreeLevelCouplings.Quartic(relu, 1, First4, double.PositiveInfinity)).Message);
    }
}

/// <summary>The six-point prediction of the matched quartic coupling (docs/theory.md §9.7, paper Eq. 3.37).</summary>
public sealed class SixPointPredictionTests
{
    [Fact]
    public void Matched_lambda_predicts_the_disconnected_six_point_function()
    {
        var m = NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Relu), [[0.2], [0.4], [0.6], [0.8], [1.0], [1.2]]);
        const int n = 20;
        foreach (double cutoff in new[] { 7.0, 1e3 })
            foreach (var six in new ImmutableArray<int>[] { [0, 1, 2, 3, 4, 5], [0, 0, 2, 3, 5, 5] })
            {
                // G₆^GP − 24λ Σ₁₅ I₄(abcd) K(ef), with λ matched at each (4|2) split's four points
                double gp = Correlators.Gp(m, six.AsSpan()), lambdaTerm = 0;
                foreach (var split in NngpRg.Symbolic.Probability.SetPartitions.WithBlockSizes([4, 2]))
                {
                    var (four, two) = split[0].Length == 4 ? (split[0], split[1]) : (split[1], split[0]);
                    var q = TreeLevelCouplings.Quartic(m, n, [.. four.Select(i => six[i]).Order()], cutoff);
                    lambdaTerm += -24 * q.Lambda * q.VertexIntegral * m.Architecture.Kernel(m.Points[six[two[0]]].AsSpan(), m.Points[six[two[1]]].AsSpan());
                }
                double g6 = gp * (1 + Correlators.At(m, six).RelativeDeviation(n));
                Assert.Equal(0.537634, gp / g6, 6);
                Assert.Equal(0.940860, (gp + lambdaTerm) / g6, 6);
            }
    }
}
