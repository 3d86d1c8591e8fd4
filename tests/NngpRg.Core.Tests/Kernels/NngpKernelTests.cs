using NngpRg.Core.Kernels;
using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using Xunit;

namespace NngpRg.Core.Tests.Kernels;

public class NngpKernelTests
{
    private static double Activate(Activation a, double u, double rbfScale) => a switch
    {
        Activation.Relu or Activation.ArcCos1 => Math.Max(u, 0),
        Activation.ArcCos0 => u > 0 ? 1 : 0,
        Activation.ArcCos2 => u > 0 ? u * u : 0,
        Activation.Erf => SpecialFunctions.Erf(u),
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };

    private static double Value(Expr e, double nx, double ny, double t) =>
        Evaluate.At(e, new Dictionary<Symbol, double> { [NngpKernel.NormX] = nx, [NngpKernel.NormY] = ny, [NngpKernel.Dot] = t });

    /// <summary>
    /// One hidden layer of width N with Gaussian weights: K̂ = σ_b² + (σ_w²/N) Σ_i φ(h_i(x)) φ(h_i(y)), where the
    /// pre-activations h_i = w_i·x σ_w/√d + b_i are exactly Gaussian with the input-layer covariance, so the only error
    /// is sampling error: the mean over R networks must lie within 5 standard errors of the analytic kernel.
    /// </summary>
    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Erf)]
    public void One_layer_kernel_matches_random_finite_width_networks(Activation activation)
    {
        const int d = 5, width = 256, networks = 400;
        double sigmaW2 = 1.3, sigmaB2 = 0.2;
        var kernel = NngpKernel.Of(LayerMap.Of(activation, sigmaW2, sigmaB2), 1);
        var rng = new Random(17 + (int)activation);
        double[] x = Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] y = Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.3).ToArray();
        double nx = x.Sum(v => v * v), ny = y.Sum(v => v * v), t = x.Zip(y, (a, b) => a * b).Sum();
        double analyticXY = Value(kernel.Kernel(), nx, ny, t);
        double analyticXX = Value(kernel.Entries(NngpKernel.NormX, NngpKernel.NormY, NngpKernel.Dot).Kxx, nx, ny, t);
        double sw = Math.Sqrt(sigmaW2), sb = Math.Sqrt(sigmaB2);
        var estimatesXY = new double[networks];
        var estimatesXX = new double[networks];
        for (int r = 0; r < networks; r++)
        {
            double accXY = 0, accXX = 0;
            for (int i = 0; i < width; i++)
            {
                double hx = 0, hy = 0;
                for (int j = 0; j < d; j++)
                {
                    double w = Gaussian(rng) * sw;
                    hx += w * x[j];
                    hy += w * y[j];
                }
                double b = Gaussian(rng) * sb;
                double fx = Activate(activation, hx + b, 1), fy = Activate(activation, hy + b, 1);
                accXY += fx * fy;
                accXX += fx * fx;
            }
            estimatesXY[r] = sigmaB2 + sigmaW2 * accXY / width;
            estimatesXX[r] = sigmaB2 + sigmaW2 * accXX / width;
        }
        AssertWithinStandardErrors(estimatesXY, analyticXY);
        AssertWithinStandardErrors(estimatesXX, analyticXX);
    }

    /// <summary>
    /// Cho–Saul: k_n(x, y) = 2 E_w[Θ(w·x)(w·x)ⁿ Θ(w·y)(w·y)ⁿ] for w ~ N(0, I_d) on the raw inputs (k_n = (1/π)|x|ⁿ|y|ⁿ J_n(θ)),
    /// by Monte Carlo over random features; the diagonal k_n(x, x) too.
    /// </summary>
    [Theory]
    [InlineData(Activation.ArcCos0, 0)]
    [InlineData(Activation.ArcCos1, 1)]
    [InlineData(Activation.ArcCos2, 2)]
    public void Cho_saul_kernel_matches_random_features(Activation activation, int n)
    {
        const int d = 5, features = 256, draws = 400;
        var kernel = NngpKernel.Of(LayerMap.Of(activation), 1);
        var rng = new Random(31 + n);
        double[] x = Enumerable.Range(0, d).Select(_ => 2 * rng.NextDouble() - 0.5).ToArray();
        double[] y = Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.8).ToArray();
        double nx = x.Sum(v => v * v), ny = y.Sum(v => v * v), t = x.Zip(y, (a, b) => a * b).Sum();
        var estimatesXY = new double[draws];
        var estimatesXX = new double[draws];
        for (int r = 0; r < draws; r++)
        {
            double accXY = 0, accXX = 0;
            for (int i = 0; i < features; i++)
            {
                double u = 0, v = 0;
                for (int j = 0; j < d; j++)
                {
                    double w = Gaussian(rng);
                    u += w * x[j];
                    v += w * y[j];
                }
                double fu = u > 0 ? Math.Pow(u, n) : 0, fv = v > 0 ? Math.Pow(v, n) : 0;
                accXY += fu * fv;
                accXX += fu * fu;
            }
            estimatesXY[r] = 2 * accXY / features;
            estimatesXX[r] = 2 * accXX / features;
        }
        AssertWithinStandardErrors(estimatesXY, Value(kernel.Kernel(), nx, ny, t));
        AssertWithinStandardErrors(estimatesXX, Value(kernel.Entries(NngpKernel.NormX, NngpKernel.NormY, NngpKernel.Dot).Kxx, nx, ny, t));
    }

    private static void AssertWithinStandardErrors(double[] samples, double expected)
    {
        double mean = samples.Average();
        double se = Math.Sqrt(samples.Sum(s => (s - mean) * (s - mean)) / (samples.Length - 1) / samples.Length);
        Assert.True(Math.Abs(mean - expected) < 5 * se + 1e-12,
            $"Monte Carlo {mean} ± {se} vs analytic {expected}: {Math.Abs(mean - expected) / se:F1} standard errors apart");
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>
    /// Depth 2 at finite width N: the second layer's kernel given the first layer's finite-width kernel is exactly the
    /// layer map of that kernel; averaging over first-layer draws leaves an O(1/N) bias. With N = 512 the bias of the
    /// ReLU map (a smooth function of the first-layer entries there) is far below the 5-standard-error band plus 1%.
    /// </summary>
    [Fact]
    public void Two_layer_relu_kernel_matches_the_composition_over_random_first_layers()
    {
        const int d = 4, width = 512, networks = 300;
        var map = LayerMap.Of(Activation.Relu, 2, 0.1);
        var deep = NngpKernel.Of(map, 2);
        var generic = KernelEntries.Generic;
        var second = Compile.ToFunc3(map.OffDiagonal(generic), KernelEntries.Kxx0, KernelEntries.Kyy0, KernelEntries.Kxy0);
        var rng = new Random(5);
        double[] x = [0.3, -0.2, 0.5, 0.1], y = [0.1, 0.4, 0.2, -0.3];
        double nx = x.Sum(v => v * v), ny = y.Sum(v => v * v), t = x.Zip(y, (a, b) => a * b).Sum();
        double analytic = Value(deep.Kernel(), nx, ny, t);
        var estimates = new double[networks];
        for (int r = 0; r < networks; r++)
        {
            double kxx = 0, kyy = 0, kxy = 0;
            for (int i = 0; i < width; i++)
            {
                double hx = 0, hy = 0;
                for (int j = 0; j < d; j++)
                {
                    double w = Gaussian(rng) * Math.Sqrt(2);
                    hx += w * x[j];
                    hy += w * y[j];
                }
                double b = Gaussian(rng) * Math.Sqrt(0.1);
                double fx = Math.Max(hx + b, 0), fy = Math.Max(hy + b, 0);
                kxx += fx * fx; kyy += fy * fy; kxy += fx * fy;
            }
            estimates[r] = second(0.1 + 2 * kxx / width, 0.1 + 2 * kyy / width, 0.1 + 2 * kxy / width);
        }
        double mean = estimates.Average();
        double se = Math.Sqrt(estimates.Sum(s => (s - mean) * (s - mean)) / (networks - 1) / networks);
        Assert.True(Math.Abs(mean - analytic) < 5 * se + 0.01 * Math.Abs(analytic), $"{mean} ± {se} vs {analytic}");
    }

    [Fact]
    public void Relu_ntk_multiplier_is_pi_minus_theta_over_two_pi_by_differentiation()
    {
        var map = LayerMap.Of(Activation.Relu, 1, 0);
        var kernel = NngpKernel.Of(map, 1);
        var multiplier = kernel.LayerDerivative(KernelEntries.Generic);
        var theta = Ex.Arccos(Ex.Clamp(KernelEntries.Kxy0 / Ex.Sqrt(KernelEntries.Kxx0 * KernelEntries.Kyy0), -1, 1));
        var expected = (Ex.Pi - theta) / (2 * Ex.Pi);
        Assert.Equal(expected, multiplier);
    }

    /// <summary>
    /// The circle chain rule gives J₁′ = J₀ and J₂′ = 4 J₁ exactly (no 0/0 left), and J₀′ = 1/sin θ; each checked against a
    /// central difference of J_n(arccos c) in c at interior points.
    /// </summary>
    [Fact]
    public void Angular_derivatives_are_regular_closed_forms()
    {
        Assert.Equal(AngularFunction.J(0), AngularFunction.DerivativeInCos(1));
        Assert.Equal(Symbolic.Algebra.Expand.Of(4 * AngularFunction.J(1)), Symbolic.Algebra.Expand.Of(AngularFunction.DerivativeInCos(2)));
        Assert.Equal(1 / AngularFunction.Sin, AngularFunction.DerivativeInCos(0));
        var c = Ex.Sym("x");
        for (int n = 0; n <= 2; n++)
        {
            var value = Compile.ToFunc1(AngularFunction.At(AngularFunction.J(n), c), c);
            var derivative = Compile.ToFunc1(AngularFunction.At(AngularFunction.DerivativeInCos(n), c), c);
            foreach (double at in new[] { -0.95, -0.4, 0.1, 0.6, 0.97 })
            {
                const double h = 1e-6;
                Assert.Equal((value(at + h) - value(at - h)) / (2 * h), derivative(at), 6);
            }
            if (n > 0) Assert.True(double.IsFinite(derivative(1)) && double.IsFinite(derivative(-1)) && double.IsFinite(derivative(1.0000000000000002)));
        }
    }

    [Fact]
    public void Erf_ntk_multiplier_is_four_over_pi_over_the_root_by_differentiation()
    {
        var kernel = NngpKernel.Of(LayerMap.Of(Activation.Erf, 1, 0), 1);
        var multiplier = kernel.LayerDerivative(KernelEntries.Generic);
        var p = (1 + 2 * KernelEntries.Kxx0) * (1 + 2 * KernelEntries.Kyy0);
        var expected = 4 / Ex.Pi / Ex.Sqrt(p - 4 * KernelEntries.Kxy0 * KernelEntries.Kxy0);
        // The radicals differ in form (P^(-1/2)(1 - 4K²/P)^(-1/2) against (P - 4K²)^(-1/2)): their squares agree exactly.
        Assert.Equal((Expr)0, RationalNormalForm.Of(multiplier * multiplier - expected * expected));
        var rng = new Random(3);
        for (int i = 0; i < 50; i++)
        {
            double kxx = rng.NextDouble() * 2, kyy = rng.NextDouble() * 2, kxy = (2 * rng.NextDouble() - 1) * Math.Sqrt(kxx * kyy);
            var at = new Dictionary<Symbol, double> { [KernelEntries.Kxx0] = kxx, [KernelEntries.Kyy0] = kyy, [KernelEntries.Kxy0] = kxy };
            Assert.Equal(Evaluate.At(expected, at), Evaluate.At(multiplier, at), 12);
        }
    }

    [Theory]
    [InlineData(Activation.Relu, 3)]
    [InlineData(Activation.Erf, 2)]
    [InlineData(Activation.ArcCos2, 2)]
    public void Ntk_recursion_matches_a_finite_difference_of_the_output_in_the_kernel_entry(Activation activation, int depth)
    {
        // Θ = Σ_l (Π_{l'>l} K̇_l') K^l with K̇ from a central difference of the compiled layer map in K_xy (not from the engine).
        var kernel = NngpKernel.Of(Activations.HasVariances(activation) ? LayerMap.Of(activation, 1.5, 0.1) : LayerMap.Of(activation), depth);
        var layer = Compile.ToFunc3(kernel.Map.OffDiagonal(KernelEntries.Generic), KernelEntries.Kxx0, KernelEntries.Kyy0, KernelEntries.Kxy0);
        Expr t = Number.Of(new Rational(37, 100));
        var entries = new List<KernelEntries> { kernel.InputEntries(1, 1, t) };
        for (int l = 0; l < depth; l++) entries.Add(kernel.Map.Apply(entries[^1]));
        double expected = 0;
        for (int l = 0; l <= depth; l++)
        {
            double term = Evaluate.Constant(entries[l].Kxy);
            for (int m = l; m < depth; m++)
            {
                double kxx = Evaluate.Constant(entries[m].Kxx), kyy = Evaluate.Constant(entries[m].Kyy), kxy = Evaluate.Constant(entries[m].Kxy);
                double h = 1e-5 * Math.Sqrt(kxx * kyy);
                term *= (layer(kxx, kyy, kxy + h) - layer(kxx, kyy, kxy - h)) / (2 * h);
            }
            expected += term;
        }
        double ntk = Evaluate.Constant(kernel.Ntk(1, 1, t));
        Assert.Equal(1, ntk / expected, 8);
    }

    [Fact]
    public void Diagonal_is_exact_and_relu_doubles_nothing_at_sigma_w2_two()
    {
        // He initialization σ_w² = 2, σ_b² = 0 keeps K(x,x) = |x|² through every ReLU layer.
        var kernel = NngpKernel.Of(LayerMap.Of(Activation.Relu, 2, 0), 4);
        Assert.Equal(2 * (Expr)NngpKernel.NormX, kernel.Entries(NngpKernel.NormX, NngpKernel.NormY, NngpKernel.Dot).Kxx);
        Assert.Equal(Evaluate.Constant(kernel.DotProductDiagonal()), Evaluate.At(kernel.DotProductKernel(), new Dictionary<Symbol, double> { [NngpKernel.Dot] = 1 - 1e-15 }), 6);
    }
}
