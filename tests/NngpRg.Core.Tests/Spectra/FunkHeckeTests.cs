using System.Numerics;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Expressions;
using Xunit;

namespace NngpRg.Core.Tests.Spectra;

public class FunkHeckeTests
{
    private static double InverseFactorial(int j) => Math.Exp(-MathNet.Numerics.SpecialFunctions.GammaLn(j + 1));

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(40)]
    public void Exponential_kernel_Taylor_route_agrees_with_quadrature(int d)
    {
        var taylor = FunkHecke.FromTaylor(InverseFactorial, d, 25);
        var quadrature = FunkHecke.Eigenvalues(Math.Exp, d, 25);
        for (int l = 0; l <= 25; l++)
        {
            // The quadrature error is absolute (≈ ε·max K); well above it the agreement is relative.
            Assert.Equal(taylor[l], quadrature[l], 1e-15);
            if (taylor[l] > 1e-3) Assert.Equal(1.0, quadrature[l] / taylor[l], 1e-13);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(3072)]
    public void Sum_rule_gives_the_kernel_on_the_diagonal(int d)
    {
        // Σ_ℓ N(d, ℓ) λ_ℓ = K(1) = e.
        var lambda = FunkHecke.FromTaylor(InverseFactorial, d, 80);
        var sum = Enumerable.Range(0, 81).Select(l => FunkHecke.Multiplicity(d, l) * lambda[l]).Reverse().Sum();
        Assert.Equal(1.0, sum / Math.E, 1e-10);
    }

    [Fact]
    public void Sum_rule_holds_for_the_quadrature_route_at_low_dimension()
    {
        var lambda = FunkHecke.Eigenvalues(Math.Exp, 3, 30);
        double sum = Enumerable.Range(0, 31).Select(l => (2 * l + 1) * lambda[l]).Reverse().Sum();
        Assert.Equal(1.0, sum / Math.E, 1e-12);
    }

    [Fact]
    public void Large_dimension_spectrum_is_finite_and_positive()
    {
        var lambda = FunkHecke.FromTaylor(InverseFactorial, 3072, 50);
        for (int l = 0; l <= 50; l++)
        {
            Assert.True(double.IsFinite(lambda[l]) && lambda[l] > 0, $"λ_{l} = {lambda[l]}");
            if (l > 0) Assert.True(lambda[l] < lambda[l - 1]);
            // Leading term b_ℓ ℓ!/(2^ℓ (d/2)_ℓ) = Π 1/(d + 2i − 2) dominates at large d.
            double leading = Math.Exp(-Enumerable.Range(1, l).Sum(i => Math.Log(3072 + 2.0 * i - 2)));
            Assert.Equal(1.0, lambda[l] / leading, 1e-3);
        }
        var quadrature = FunkHecke.Eigenvalues(Math.Exp, 3072, 3);
        for (int l = 0; l <= 3; l++) Assert.Equal(lambda[l], quadrature[l], 1e-14);
    }

    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(1.0, 5)]
    [InlineData(2.0, 20)]
    [InlineData(1.0, 100)]
    public void Rbf_closed_form_agrees_with_quadrature_of_the_kernel(double s, int d)
    {
        var closed = FunkHecke.Rbf(s, d, 20);
        var quadrature = FunkHecke.Eigenvalues(t => Math.Exp(-(2 - 2 * t) / s), d, 20);
        for (int l = 0; l <= 20; l++)
            Assert.Equal(closed[l], quadrature[l], 1e-15 + 1e-11 * closed[l]);
        for (int l = 0; l <= 4; l++)
            Assert.Equal(1.0, quadrature[l] / closed[l], 1e-10);
    }

    [Fact]
    public void Modified_Bessel_matches_closed_forms_and_the_order_recurrence()
    {
        foreach (double x in new[] { 0.1, 1.0, 4.0, 30.0 })
        {
            // I_{1/2}(x) = √(2/(πx)) sinh x, I_{3/2}(x) = √(2/(πx)) (cosh x − sinh x / x).
            Assert.Equal(Math.Log(Math.Sqrt(2 / (Math.PI * x)) * Math.Sinh(x)), ModifiedBessel.LogI(0.5, x), 1e-13);
            Assert.Equal(Math.Log(Math.Sqrt(2 / (Math.PI * x)) * (Math.Cosh(x) - Math.Sinh(x) / x)), ModifiedBessel.LogI(1.5, x), 1e-13);
        }
        // I_{ν−1}(x) − I_{ν+1}(x) = (2ν/x) I_ν(x) at a large order, where I_ν itself underflows.
        double nu = 1500, z = 2.5;
        double ratioLow = Math.Exp(ModifiedBessel.LogI(nu - 1, z) - ModifiedBessel.LogI(nu, z));
        double ratioHigh = Math.Exp(ModifiedBessel.LogI(nu + 1, z) - ModifiedBessel.LogI(nu, z));
        Assert.Equal(2 * nu / z, ratioLow - ratioHigh, 1e-9 * (2 * nu / z));
        Assert.True(ModifiedBessel.LogI(nu, z) < -7000);
        Assert.Equal(Math.Sqrt(2 / (Math.PI * 2000)) * 0.5, ModifiedBessel.ScaledI(0.5, 2000), 1e-15); // e^{−x} I_{1/2}(x) without overflow
    }

    [Fact]
    public void Rbf_closed_form_agrees_with_the_Taylor_route_at_large_dimension()
    {
        double s = 0.8;
        var closed = FunkHecke.Rbf(s, 3072, 40);
        var taylor = FunkHecke.FromTaylor(j => Math.Exp(-2 / s + j * Math.Log(2 / s) - MathNet.Numerics.SpecialFunctions.GammaLn(j + 1)), 3072, 40);
        for (int l = 0; l <= 40; l++) Assert.Equal(1.0, closed[l] / taylor[l], 1e-9);
    }

    // Exact λ_ℓ of the degree-1 arc-cosine kernel K(t) = (1/π)(√(1−t²) + (π − arccos t) t) on S²:
    // λ_ℓ = ½ ∫ K P_ℓ dt with exact Legendre coefficients and the moments
    // (1/π)∫ K t^k dt = S_k + ½ E_{k+1} + A_{k+1}, where S_k = (1/π)∫ t^k √(1−t²) = (k−1)!!/(k+2)!! (k even),
    // E_m = ∫ t^m = 2/(m+1) (m even), A_m = (1/π)∫ t^m arcsin t = (1 − m!!/(m+1)!!)/(m+1) (m odd).
    private static Rational ArcCosineExact(int degree)
    {
        static Rational DoubleFactorial(int n)
        {
            BigInteger r = 1;
            for (int i = n; i > 1; i -= 2) r *= i;
            return new Rational(r, 1);
        }
        Rational Moment(int k)
        {
            Rational s = k % 2 == 0 ? DoubleFactorial(k - 1) / DoubleFactorial(k + 2) : Rational.Zero;
            int m = k + 1;
            Rational e = m % 2 == 0 ? new Rational(2, m + 1) : Rational.Zero;
            Rational a = m % 2 == 1 ? (Rational.One - DoubleFactorial(m) / DoubleFactorial(m + 1)) / new Rational(m + 1, 1) : Rational.Zero;
            return s + e / new Rational(2, 1) + a;
        }
        // Legendre coefficients by (ℓ) P_ℓ = (2ℓ−1) t P_{ℓ−1} − (ℓ−1) P_{ℓ−2}.
        var previous = new Rational[degree + 1];
        var current = new Rational[degree + 1];
        previous[0] = Rational.One;
        if (degree == 0) current = previous;
        else current[1] = Rational.One;
        for (int l = 2; l <= degree; l++)
        {
            var next = new Rational[degree + 1];
            for (int k = 0; k <= degree; k++)
            {
                Rational v = Rational.Zero;
                if (k >= 1) v += new Rational(2 * l - 1, 1) * current[k - 1];
                v -= new Rational(l - 1, 1) * previous[k];
                next[k] = v / new Rational(l, 1);
            }
            previous = current;
            current = next;
        }
        Rational lambda = Rational.Zero;
        for (int k = 0; k <= degree; k++)
            if (!current[k].IsZero) lambda += current[k] * Moment(k);
        return lambda / new Rational(2, 1);
    }

    [Fact]
    public void Arc_cosine_degree_one_on_the_two_sphere_matches_exact_rationals()
    {
        Assert.Equal(new Rational(3, 8), ArcCosineExact(0)); // by hand: ½ (1/π)(π/2 + π/4)
        Assert.Equal(new Rational(1, 6), ArcCosineExact(1));
        static double Kernel(double t) => (Math.Sqrt(Math.Max(0, 1 - t * t)) + (Math.PI - Math.Acos(t)) * t) / Math.PI;
        var lambda = FunkHecke.Eigenvalues(Kernel, SphereQuadrature.Angular(3, 400), 12);
        for (int l = 0; l <= 12; l++)
        {
            var exact = ArcCosineExact(l);
            Assert.Equal(exact.ToDouble(), lambda[l], 1e-12);
            if (l >= 3 && l % 2 == 1)
            {
                Assert.True(exact.IsZero, $"exact λ_{l} = {exact}");
                Assert.True(Math.Abs(lambda[l]) < 1e-14, $"λ_{l} = {lambda[l]}");
            }
            if (l % 2 == 0) Assert.True(exact.Sign > 0);
        }
    }

    [Fact]
    public void To_spectrum_uses_harmonic_multiplicities_and_clips_rounding_negatives()
    {
        var s = FunkHecke.ToSpectrum([0.5, 0.2, 0.05, -1e-18], 3, negativeTolerance: 1e-15);
        Assert.Equal([0, 1, 2, 3], s.Levels.Select(l => l.Degree));
        Assert.Equal(1 + 3 + 5 + 7, s.ExplicitModeCount);
        Assert.Equal(0.5 + 3 * 0.2 + 5 * 0.05, s.TotalTrace, 1e-15);
        Assert.Throws<ArgumentException>(() => FunkHecke.ToSpectrum([0.5, -1e-3], 3, negativeTolerance: 1e-15));
        var e = Assert.Throws<ArgumentException>(() => FunkHecke.ToSpectrum(new double[20], 3072));
        Assert.Contains("64-bit", e.Message);
    }

    [Fact]
    public void Kernel_failures_are_reported_with_the_node()
    {
        var e = Assert.Throws<ArgumentException>(() => FunkHecke.Eigenvalues(t => Math.Log(t), 3, 4));
        Assert.Contains("must be finite", e.Message);
    }
}
