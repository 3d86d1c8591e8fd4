using NngpRg.Core.Derivations;
using NngpRg.Core.FieldTheory;
using NngpRg.Core.Kernels;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using Xunit;
using static NngpRg.Core.Derivations.NnqftCorrelators;

namespace NngpRg.Core.Tests.FieldTheory;

/// <summary>Exact correlators: the engine's closed forms against the formulas, the quadrature, and the reference values of docs/theory.md §9.</summary>
public sealed class CorrelatorTests
{
    private static readonly double[][] ReluInputs = [[0.2], [0.4], [0.6], [0.8], [1.0], [1.2]];
    private static readonly double[][] UnitInputs = [[-1], [-0.6], [-0.2], [0.2], [0.6], [1]];

    private static double[][] Scaled(double[][] x, double c) => [.. x.Select(p => p.Select(v => c * v).ToArray())];

    [Fact]
    public void Engine_derives_the_relu_ratios_five_over_n_and_fifteen_over_n_plus_44_over_n_squared()
    {
        var d = CachedDerivation;
        var n = Width;
        Assert.True(Engine.Same(d.Quantity(ReluFourPointRatio), 5 / n), d.Quantity(ReluFourPointRatio).ToString());
        Assert.True(Engine.Same(d.Quantity(ReluSixPointRatio), 15 / n + 44 / Ex.Pow(n, 2)), d.Quantity(ReluSixPointRatio).ToString());
        Assert.True(Engine.Same(d.Quantity(ReluSixPointConnectedRatio), 44 / Ex.Pow(n, 2)));
        // G_4c = (σ_W⁴/N)[3μ₄ − Σ₃ kk] and G₂ = σ_b² + σ_W² k₁₂, as closed formulas
        var mu = Mu([1, 2, 3, 4]);
        var pairs = NeuronKernel(1, 2) * NeuronKernel(3, 4) + NeuronKernel(1, 3) * NeuronKernel(2, 4) + NeuronKernel(1, 4) * NeuronKernel(2, 3);
        Assert.True(Engine.Same(d.Result, Ex.Pow(SigmaW2, 2) / n * (3 * mu - pairs)));
        Assert.True(Engine.Same(d.Quantity(TwoPoint), SigmaB2 + SigmaW2 * NeuronKernel(1, 2)));
        // the six-point deviation has 15 disconnected C₄K terms plus C₆
        var dev = d.Quantity(SixPointDeviation);
        Assert.Equal(16, ((Sum)dev).Summands.Count());
    }

    [Fact]
    public void Gauss_net_moment_is_the_completed_square_and_matches_quadrature_of_its_definition()
    {
        var rng = new Random(3);
        for (int t = 0; t < 20; t++)
        {
            double sw2 = 0.2 + rng.NextDouble(), sb2 = rng.NextDouble(), s2 = 3 * rng.NextDouble(), q = 3 * rng.NextDouble();
            int dim = 1 + rng.Next(3), n = 1 + rng.Next(6);
            double formula = Math.Exp(sb2 * (n * n / 2.0 - n) + sw2 * (s2 - 2 * q) / (2 * dim));
            Assert.Equal(formula, GaussNetMoment(sw2, sb2, dim, n, s2, q), 1e-12 * formula);
        }
        // μ₄ at d = 1 by two-dimensional Gauss–Hermite of E[Π h] with h = e^{wx+b}/e^{σ_b²+σ_W²x²}
        var a = NetworkArchitecture.Of(NetworkKind.Gauss, 1, 0.8, 0.5);
        double[] x = [0.1, -0.3, 0.25, 0.4];
        var (z, w) = NngpRg.Core.Tests.Derivations.GaussHermite.RuleOf(60);
        double quad = 0;
        for (int i = 0; i < z.Length; i++)
            for (int j = 0; j < z.Length; j++)
                quad += w[i] * w[j] * x.Aggregate(1.0, (p, xi) => p * a.Activation(a.SigmaW * z[i] * xi + a.SigmaB * z[j], xi * xi));
        var m = NeuronMoments.For(a, [.. x.Select(v => (IReadOnlyList<double>)new[] { v })]);
        Assert.Equal(quad, m.Moment([0, 1, 2, 3]), 1e-12 * quad);
    }

    [Fact]
    public void Two_point_function_is_the_existing_nngp_kernel()
    {
        foreach (var (kind, act) in new[] { (NetworkKind.Relu, Activation.Relu), (NetworkKind.Erf, Activation.Erf), (NetworkKind.Gauss, Activation.Rbf) })
        {
            var a = NetworkArchitecture.Of(kind, 2, 1.3, 0.7);
            var kernel = NngpKernel.Of(LayerMap.Of(act, a.SigmaW2, a.SigmaB2, 1), 1).Kernel();
            var f = Compile.ToDelegate(kernel, NngpKernel.NormX, NngpKernel.NormY, NngpKernel.Dot);
            double[] x = [0.3, -0.8], y = [1.1, 0.4];
            // the library's input layer is σ_w² x·y + σ_b²; the network's is σ_W² x·y/d: inputs scaled by 1/√d
            double nx = (x[0] * x[0] + x[1] * x[1]) / 2, ny = (y[0] * y[0] + y[1] * y[1]) / 2, t = (x[0] * y[0] + x[1] * y[1]) / 2;
            Assert.Equal(f([nx, ny, t]), a.Kernel(x, y), 12);
        }
    }

    [Fact]
    public void Relu_polar_quadrature_reproduces_the_engines_moments_and_the_kernel()
    {
        var a = NetworkArchitecture.Of(NetworkKind.Relu, 1, 1.4, 0);
        var m = NeuronMoments.For(a, [.. ReluInputs]);
        // μ_n = (n−1)!! σ_W^n Π x / 2 for even n
        Assert.Equal(3 * Math.Pow(1.4, 4) * 0.2 * 0.4 * 0.6 * 0.8 / 2, m.Moment([0, 1, 2, 3]), 1e-13);
        Assert.Equal(15 * Math.Pow(1.4, 6) * 0.2 * 0.4 * 0.6 * 0.8 * 1.0 * 1.2 / 2, m.Moment([0, 1, 2, 3, 4, 5]), 1e-12);
        // with a bias the rule reproduces the arc-cosine kernel
        var b = NetworkArchitecture.Of(NetworkKind.Relu, 1, 1, 1);
        var mb = NeuronMoments.For(b, [.. UnitInputs]);
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                Assert.Equal(b.NeuronKernel(UnitInputs[i], UnitInputs[j]), mb.Moment([i, j]), 13);
        var e = NetworkArchitecture.Of(NetworkKind.Erf, 1, 1, 1);
        var me = NeuronMoments.For(e, [.. UnitInputs]);
        Assert.Equal(e.NeuronKernel(UnitInputs[0], UnitInputs[4]), me.Moment([0, 4]), 12);
    }

    [Fact]
    public void Relu_moments_in_two_dimensions_match_a_cartesian_quadrature_and_the_kernel()
    {
        var a = NetworkArchitecture.Of(NetworkKind.Relu, 2, 1.3, 0);
        double[][] x = [[0.5, 0.5], [0.5, 1], [1, 0.5], [1, 1], [-0.7, 0.2], [0.3, -0.9]];
        var m = NeuronMoments.For(a, [.. x]);
        Assert.Equal(MomentMethod.PolarQuadrature, m.Method);
        // μ₂ is the arc-cosine kernel of the architecture (its closed form, not the quadrature)
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
                Assert.Equal(a.NeuronKernel(x[i], x[j]), m.Moment([i, j]), 13);
        // parallel inputs: μ₄ = 3 σ_W⁴ Π|x| / (2 d²) (E relu(z)⁴ = 3/2)
        var parallel = NeuronMoments.For(a, [[0.2, 0.4], [0.5, 1], [1, 2], [1.5, 3]]);
        double norms = Math.Sqrt(0.2) * Math.Sqrt(1.25) * Math.Sqrt(5) * Math.Sqrt(11.25);
        Assert.Equal(3 * Math.Pow(1.3, 4) * norms / (2 * 4), parallel.Moment([0, 1, 2, 3]), 1e-12);
        // brute force: w = r (σ_W/√2)(cos φ, sin φ), the radial moment E rⁿ of a standard 2-D normal (3√(π/2), 8, 48 for
        // n = 3, 4, 6) times a uniform 2·10⁵-point rule in φ that ignores the kinks (error O(h²) ≈ 1e-9)
        const int steps = 200_000;
        double s = a.SigmaW / Math.Sqrt(2);
        foreach (var t in new int[][] { [0, 1, 2, 3], [0, 1, 4, 4], [1, 1, 2, 2, 5, 5], [1, 2, 5] })
        {
            double radial = t.Length switch { 3 => 3 * Math.Sqrt(Math.PI / 2), 4 => 8, _ => 48 };
            double angular = 0;
            for (int k = 0; k < steps; k++)
            {
                double phi = 2 * Math.PI * (k + 0.5) / steps, c = Math.Cos(phi), sn = Math.Sin(phi);
                angular += t.Aggregate(1.0, (p, i) => p * Math.Max(0, s * (c * x[i][0] + sn * x[i][1])));
            }
            double brute = radial * angular / steps;
            Assert.True(brute > 0 && Math.Abs(brute - m.Moment(t)) < 1e-7 * brute, $"μ at {string.Join(",", t)}: polar {m.Moment(t):R}, brute force {brute:R}");
        }
        // σ_b > 0 or Erf in d = 2: no exact rule
        Assert.Contains("σ_b = 0", Assert.Throws<ArgumentException>(() => NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Relu, 2, 1, 0.5), [.. x])).Message);
        Assert.Contains("Monte Carlo only", Assert.Throws<ArgumentException>(() => NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Erf, 2), [.. x])).Message);
    }

    private static double MeanRelative(NeuronMoments m, int n, int width, bool connected = false) =>
        Correlators.All(m, n).Average(p => Math.Abs(connected ? p.RelativeConnected(width) : p.RelativeDeviation(width)));

    [Fact]
    public void Reference_values_of_the_exact_correlators()
    {
        // ReLU σ_b = 0: N m₄ = 5 at every tuple, ΔG₆/G₆ = 15/N + 44/N²
        var relu = NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Relu), [.. ReluInputs]);
        Assert.All(Correlators.All(relu, 4), p => Assert.Equal(5, p.FirstOrder, 11));
        Assert.All(Correlators.All(relu, 6), p => { Assert.Equal(15, p.FirstOrder, 10); Assert.Equal(44, p.SecondOrder, 10); });
        Assert.All(Correlators.All(relu, 2), p => Assert.Equal(0, p.RelativeDeviation(2)));
        // Gauss-net: N G_4c at (0.1, 0.2, 0.3, 0.4) for σ_b² = 0 and 0.3
        double[][] four = [[0.1], [0.2], [0.3], [0.4]];
        Assert.Equal(0.762140, Correlators.ScaledFourPointConnected(NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Gauss, 1, 1, 0), [.. four]), [0, 1, 2, 3]), 6);
        Assert.Equal(9.263531, Correlators.ScaledFourPointConnected(NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Gauss, 1, 1, Math.Sqrt(0.3)), [.. four]), [0, 1, 2, 3]), 6);
        // Gauss-net σ_b = 1 on 0.01·{−1 … 1}: N m₄ = 13.3993656; six-point A, B
        var gauss = NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Gauss), [.. Scaled(UnitInputs, 0.01)]);
        Assert.Equal(13.3993656, MeanRelative(gauss, 4, 1), 6);
        var six = Correlators.All(gauss, 6);
        Assert.Equal(40.19809681, six.Average(p => p.FirstOrder), 7);
        Assert.Equal(20324.53277, six.Average(p => p.SecondOrder), 4);
        Assert.Equal(0.0605226, MeanRelative(gauss, 6, 1000), 7);
        Assert.Equal(0.0203245, MeanRelative(gauss, 6, 1000, connected: true), 7);
        // ReLU σ_b = 1: N m₄ = 0.8960577
        var reluBias = NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Relu, 1, 1, 1), [.. ReluInputs]);
        Assert.Equal(0.8960577, MeanRelative(reluBias, 4, 1), 7);
        // Erf σ_b = 1 (Gauss–Hermite 160²): N m₄ = 0.05627773, A = 0.1690080, B = 0.0067073
        var erf = NeuronMoments.For(NetworkArchitecture.Of(NetworkKind.Erf), [.. UnitInputs]);
        Assert.Equal(0.05627773, MeanRelative(erf, 4, 1), 8);
        var erfSix = Correlators.All(erf, 6);
        Assert.Equal(0.1690080, erfSix.Average(p => Math.Abs(p.FirstOrder)), 7);
        Assert.Equal(0.0067073, erfSix.Average(p => p.SecondOrder), 7);
    }
}
