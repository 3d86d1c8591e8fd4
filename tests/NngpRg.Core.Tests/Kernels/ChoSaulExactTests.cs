using System.Numerics;
using NngpRg.Core.Kernels;
using NngpRg.Symbolic.Expressions;
using Xunit;

namespace NngpRg.Core.Tests.Kernels;

/// <summary>
/// The Cho–Saul kernels on S² (d = 3) have exact rational eigenvalues λ_ℓ = ½ ∫ k_n(t) P_ℓ(t) dt. Written with
/// J₀ = π/2 + arcsin t, k₀ = ½ + arcsin(t)/π, k₁ = √(1−t²)/π + t/2 + t arcsin(t)/π, k₂ = 3t√(1−t²)/π + (½ + arcsin(t)/π)(1 + 2t²),
/// they need only the moments (1/π)∫t^k √(1−t²) = (k−1)!!/(k+2)!! (k even), ∫t^k = 2/(k+1) (k even) and
/// (1/π)∫t^m arcsin t = (1 − m!!/(m+1)!!)/(m+1) (m odd), with exact Legendre coefficients. The library's spectra of
/// arccos0/1/2 must reproduce them (k₁: λ₀ = 3/8, λ₁ = 1/6; k_n(1) = 1, 1, 3).
/// </summary>
public class ChoSaulExactTests
{
    private static Rational DoubleFactorial(int n)
    {
        BigInteger r = 1;
        for (int i = n; i > 1; i -= 2) r *= i;
        return new Rational(r, 1);
    }

    private static Rational Power(int k) => k % 2 == 0 ? new Rational(2, k + 1) : Rational.Zero;                                  // ∫ t^k
    private static Rational Root(int k) => k % 2 == 0 ? DoubleFactorial(k - 1) / DoubleFactorial(k + 2) : Rational.Zero;             // (1/π)∫ t^k √(1−t²)
    private static Rational ArcSin(int m) => m % 2 == 1 ? (Rational.One - DoubleFactorial(m) / DoubleFactorial(m + 1)) / new Rational(m + 1, 1) : Rational.Zero; // (1/π)∫ t^m arcsin t

    private static readonly Rational Half = new(1, 2);

    // ∫ t^k k_n(t) dt
    private static Rational Moment(int n, int k) => n switch
    {
        0 => Half * Power(k) + ArcSin(k),
        1 => Root(k) + Half * Power(k + 1) + ArcSin(k + 1),
        _ => 3 * Root(k + 1) + Half * (Power(k) + 2 * Power(k + 2)) + ArcSin(k) + 2 * ArcSin(k + 2),
    };

    internal static Rational Eigenvalue(int n, int degree)
    {
        // Legendre coefficients by ℓ P_ℓ = (2ℓ−1) t P_{ℓ−1} − (ℓ−1) P_{ℓ−2}
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
            if (!current[k].IsZero) lambda += current[k] * Moment(n, k);
        return lambda * Half;
    }

    [Fact]
    public void Degree_one_has_the_quoted_values()
    {
        Assert.Equal(new Rational(3, 8), Eigenvalue(1, 0));
        Assert.Equal(new Rational(1, 6), Eigenvalue(1, 1));
        Assert.Equal(new Rational(3, 128), Eigenvalue(1, 2));
        var s = SphereSpectrum.Of(NngpKernel.Of(LayerMap.Of(Activation.ArcCos1), 1), 3, 2);
        Assert.Equal(0.375, s.Levels[0].Eigenvalue, 15);
        Assert.Equal(1.0 / 6, s.Levels[1].Eigenvalue, 15);
        Assert.Equal(1.0, s.Trace);
    }

    [Theory]
    [InlineData(Activation.ArcCos0, 0, 1)]
    [InlineData(Activation.ArcCos1, 1, 1)]
    [InlineData(Activation.ArcCos2, 2, 3)]
    public void Library_spectra_reproduce_the_exact_rationals(Activation activation, int n, int atOne)
    {
        const int lmax = 30;
        var s = SphereSpectrum.Of(NngpKernel.Of(LayerMap.Of(activation), 1), 3, lmax);
        Assert.Equal(atOne, s.Trace);
        for (int l = 0; l <= lmax; l++)
        {
            var exact = Eigenvalue(n, l);
            if (exact.IsZero)
            {
                Assert.Equal(0, s.Levels[l].Eigenvalue);
                continue;
            }
            double e = exact.ToDouble();
            Assert.True(Math.Abs(s.Levels[l].Eigenvalue - e) <= Math.Max(s.Levels[l].Error, 4e-16 * Math.Abs(e)) && s.Levels[l].RelativeError < 1e-10,
                $"k_{n}, ℓ = {l}: {s.Levels[l].Eigenvalue:R} ± {s.Levels[l].Error:R}, exact {exact} = {e:R}");
        }
    }
}
