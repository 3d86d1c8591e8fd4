using System.Numerics;
using NngpRg.Symbolic.Expressions;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Expressions;

/// <summary>Exact integer roots, the size limit and the decimal reading of doubles.</summary>
public class RationalTests
{
    [Fact]
    public void Integer_root_is_the_floor_of_the_real_root_at_every_size()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int q = rng.Next(1, 8);
            var bytes = new byte[rng.Next(1, 300)];
            rng.NextBytes(bytes);
            var n = BigInteger.Abs(new BigInteger(bytes));
            var r = Rational.IntegerRoot(n, q);
            Assert.True(BigInteger.Pow(r, q) <= n && BigInteger.Pow(r + 1, q) > n, $"⌊{n}^(1/{q})⌋ = {r}");
        }
        Assert.Equal(BigInteger.Zero, Rational.IntegerRoot(0, 3));
        Assert.Equal(new BigInteger(3), Rational.IntegerRoot(27, 3));
        Assert.Equal(new BigInteger(2), Rational.IntegerRoot(26, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rational.IntegerRoot(-1, 2));
    }

    /// <summary>
    /// √ of a 1760-bit perfect square: the old floating-point guess exp(ln n / 2) was +∞ there and its conversion to an
    /// integer threw "BigInteger cannot represent infinity" (the ReLU-family kernel arccos2 at depth 5 with σ_b² = 0.1).
    /// </summary>
    [Fact]
    public void Square_roots_of_huge_perfect_squares_fold_exactly()
    {
        var m = BigInteger.Pow(3, 555) + 1; // 880 bits
        Assert.Equal(Number.Of(new Rational(m, BigInteger.One << 500)), Sqrt(Number.Of(new Rational(m * m, BigInteger.One << 1000))));
        Assert.Equal(Number.Of(new Rational(m, 7)), Sqrt(Number.Of(new Rational(m * m, 49))));
    }

    [Fact]
    public void Rationals_beyond_the_bit_limit_are_refused_before_they_are_built()
    {
        var big = new Rational(BigInteger.One << 1000, 3);
        Assert.Throws<RationalOverflowException>(() => big.Pow(2000));
        Assert.Throws<RationalOverflowException>(() => new Rational(BigInteger.One << (int)Rational.MaxBits, 1));
        var atLimit = new Rational((BigInteger.One << (int)(Rational.MaxBits - 1)) + 1, 1);
        Assert.Throws<RationalOverflowException>(() => atLimit * atLimit);
        Assert.Equal((BigInteger.One << 4000), new Rational(2, 1).Pow(4000).Numerator);
    }

    [Theory]
    [InlineData(0.1, 1, 10)]
    [InlineData(1.3, 13, 10)]
    [InlineData(2.5e-5, 1, 40000)]
    [InlineData(-0.75, -3, 4)]
    [InlineData(3.0, 3, 1)]
    public void Doubles_read_as_their_shortest_decimal(double x, long p, long q)
    {
        var r = Rational.FromShortestDecimal(x);
        Assert.Equal(new Rational(p, q), r);
        Assert.Equal(x, r.ToDouble());
        Assert.NotEqual(r, Rational.FromDouble(0.1 * 3)); // 0.30000000000000004 is not 3/10
        Assert.Throws<ArgumentException>(() => Rational.FromShortestDecimal(double.NaN));
    }
}
