using System.Numerics;
using NngpRg.Core.Bayesian;
using Xunit;

namespace NngpRg.Core.Tests.Bayesian;

public class CutoffPropagatorTests
{
    private static readonly double[] Radii = [0, 0.5, 1, 2];

    // Reference values of docs/theory.md §10 (B1, B2), computed independently with scipy.integrate.quad.
    public static TheoryData<int, double, double[]> ReferenceValues() => new()
    {
        { 1, 10, [0.4682744826, 0.2976031119, 0.1827860016, 0.0690241649] },
        { 1, 5, [0.4371670418, 0.3206563491, 0.1728844348, 0.0653971701] },
        { 1, double.PositiveInfinity, [0.5, 0.3032653299, 0.1839397206, 0.0676676416] },
        { 3, 10, [0.4320777196, 0.0943873145, 0.0336652551, 0.0048201098] },
        { 3, 5, [0.1837256634, 0.1173626627, 0.0281592085, 0.0075149218] },
    };

    [Theory]
    [MemberData(nameof(ReferenceValues))]
    public void Propagator_matches_the_reference_values(int d, double cutoff, double[] expected)
    {
        var theory = new FreeScalar(d, 1, cutoff);
        for (int i = 0; i < Radii.Length; i++)
            Assert.Equal(expected[i], CutoffPropagator.At(theory, Radii[i]), 1e-9);
    }

    [Fact]
    public void Continuum_propagator_in_three_dimensions_matches_the_reference_values()
    {
        var theory = new FreeScalar(3, 1, double.PositiveInfinity);
        Assert.Equal(0.0965323526, CutoffPropagator.At(theory, 0.5), 1e-9);
        Assert.Equal(0.0292749158, CutoffPropagator.At(theory, 1), 1e-9);
        Assert.Equal(0.0053848198, CutoffPropagator.At(theory, 2), 1e-9);
        Assert.Throws<ArgumentException>(() => CutoffPropagator.At(theory, 0));
    }

    [Fact]
    public void Shell_variance_matches_the_reference_values_and_the_arctan_closed_form()
    {
        var d1 = new FreeScalar(1, 1, 10);
        Assert.Equal((Math.Atan(10) - Math.Atan(5)) / Math.PI, CutoffPropagator.Shell(d1, 5, 0), 1e-14);
        Assert.Equal(0.0311074408, CutoffPropagator.Shell(d1, 5, 0), 1e-9);
        Assert.Equal(-0.0230532371, CutoffPropagator.Shell(d1, 5, 0.5), 1e-9);
        Assert.Equal(0.0099015669, CutoffPropagator.Shell(d1, 5, 1), 1e-9);
        var d3 = new FreeScalar(3, 1, 10);
        Assert.Equal(0.2483520561, CutoffPropagator.Shell(d3, 5, 0), 1e-9);
        Assert.Equal(-0.0229753482, CutoffPropagator.Shell(d3, 5, 0.5), 1e-9);
        Assert.Equal(0.0055060466, CutoffPropagator.Shell(d3, 5, 1), 1e-9);
    }

    /// <summary>
    /// An independent route: G_R = G_∞ − (tail beyond R), with the tail integral ∫_R^∞ e^{ipr} f(p) dp turned onto the
    /// ray p = R + it, where it decays like e^{−tr} (no pole is crossed: the poles sit at ± i m).
    /// </summary>
    private static double ByContourRotation(int d, double m, double cutoff, double r)
    {
        Complex Integrand(double t)
        {
            var p = new Complex(cutoff, t);
            var f = d == 1 ? 1 / (p * p + m * m) : p / (p * p + m * m);
            return Complex.ImaginaryOne * Complex.Exp(Complex.ImaginaryOne * p * r) * f;
        }
        // Gauss–Legendre panels of width 1/(4r) out to t = 45/r (e^{−45} is below rounding).
        var (x, w) = GaussLegendre(24);
        double h = 0.25 / r, end = 45 / r;
        var tail = Complex.Zero;
        for (double a = 0; a < end; a += h)
            for (int j = 0; j < x.Length; j++)
                tail += w[j] * 0.5 * h * Integrand(a + 0.5 * h * (x[j] + 1));
        return d == 1
            ? Math.Exp(-m * r) / (2 * m) - tail.Real / Math.PI
            : Math.Exp(-m * r) / (4 * Math.PI * r) - tail.Imaginary / (2 * Math.PI * Math.PI * r);
    }

    private static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        // Newton on P_n from the Chebyshev guesses: an independent rule, not the library's Golub–Welsch.
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5)), derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = z;
                for (int k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * z * p1 - (k - 1) * p0) / k);
                derivative = n * (z * p1 - p0) / (z * z - 1);
                double step = p1 / derivative;
                z -= step;
                if (Math.Abs(step) < 1e-16) break;
            }
            nodes[i] = z;
            weights[i] = 2 / ((1 - z * z) * derivative * derivative);
        }
        return (nodes, weights);
    }

    [Theory]
    [InlineData(1, 1.0, 10.0)]
    [InlineData(1, 0.3, 7.0)]
    [InlineData(1, 2.5, 40.0)]
    [InlineData(3, 1.0, 10.0)]
    [InlineData(3, 0.5, 6.0)]
    [InlineData(3, 2.0, 30.0)]
    public void Quadrature_agrees_with_the_rotated_contour(int d, double m, double cutoff)
    {
        var theory = new FreeScalar(d, m, cutoff);
        foreach (double r in new[] { 0.3, 0.5, 1.0, 1.7, 3.0 })
        {
            double expected = ByContourRotation(d, m, cutoff, r);
            Assert.Equal(expected, CutoffPropagator.At(theory, r), 1e-12 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void Small_separations_approach_the_closed_form_variance()
    {
        foreach (int d in new[] { 1, 3 })
        {
            var theory = new FreeScalar(d, 1.3, 8);
            Assert.Equal(CutoffPropagator.AtOrigin(theory), CutoffPropagator.At(theory, 1e-7), 1e-9);
        }
    }

    [Fact]
    public void Momentum_normalization_is_the_integral_of_the_propagator_over_the_ball()
    {
        foreach (int d in new[] { 1, 3 })
            foreach (double m in new[] { 0.4, 1.0, 3.0 })
            {
                var theory = new FreeScalar(d, m, 9);
                // Radial integral ∫₀^R S_d p^{d−1}/(p² + m²) dp by the independent Gauss–Legendre rule, 200 panels.
                var (x, w) = GaussLegendre(16);
                double sum = 0, h = 9.0 / 200, surface = d == 1 ? 2 : 4 * Math.PI;
                for (int k = 0; k < 200; k++)
                    for (int j = 0; j < x.Length; j++)
                    {
                        double p = k * h + 0.5 * h * (x[j] + 1);
                        sum += w[j] * 0.5 * h * surface * Math.Pow(p, d - 1) / (p * p + m * m);
                    }
                Assert.Equal(sum, CutoffPropagator.MomentumNormalization(theory), 1e-12 * sum);
            }
    }

    [Fact]
    public void Invalid_theories_are_refused_with_the_rule()
    {
        Assert.Contains("must be 1 or 3", Assert.Throws<ArgumentOutOfRangeException>(() => new FreeScalar(2, 1, 10)).Message);
        Assert.Contains("mass m", Assert.Throws<ArgumentOutOfRangeException>(() => new FreeScalar(1, 0, 10)).Message);
        Assert.Contains("cutoff R", Assert.Throws<ArgumentOutOfRangeException>(() => new FreeScalar(1, 1, double.NaN)).Message);
        Assert.Contains("separation r", Assert.Throws<ArgumentOutOfRangeException>(() => CutoffPropagator.At(new FreeScalar(1, 1, 10), -1)).Message);
        Assert.Contains("panels", Assert.Throws<ArgumentException>(() => CutoffPropagator.At(new FreeScalar(1, 1e-6, 1e6), 1)).Message);
    }
}
