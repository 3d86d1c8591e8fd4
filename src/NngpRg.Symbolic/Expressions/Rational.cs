using System.Globalization;
using System.Numerics;

namespace NngpRg.Symbolic.Expressions;

/// <summary>
/// Raised when an exact rational would exceed <see cref="Rational.MaxBits"/> bits in its numerator or denominator:
/// exact folding that grows without bound (a constant squared at every layer of a deep composition doubles its size
/// each time) is refused instead of exhausting memory.
/// </summary>
public sealed class RationalOverflowException(string message) : OverflowException(message);

/// <summary>
/// An exact rational number p/q backed by <see cref="BigInteger"/>, always in lowest terms with q &gt; 0.
/// <c>default(Rational)</c> is zero. Numerator and denominator are limited to <see cref="MaxBits"/> bits.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    /// <summary>The largest bit length of a numerator or denominator (2²⁰ bits, about 315 000 decimal digits).</summary>
    public const long MaxBits = 1L << 20;

    private readonly BigInteger _num;
    private readonly BigInteger _den; // zero only for default(Rational), read as 1

    private Rational(BigInteger num, BigInteger den, bool _)
    {
        CheckSize(num, den);
        _num = num;
        _den = den;
    }

    private static void CheckSize(BigInteger num, BigInteger den)
    {
        long bits = Math.Max(num.IsZero ? 0 : BigInteger.Abs(num).GetBitLength(), den.IsZero ? 0 : den.GetBitLength());
        if (bits > MaxBits)
            throw new RationalOverflowException($"Rational: an exact rational with {bits} bits exceeds the limit of {MaxBits} bits; exact folding of this size (e.g. a constant squared at every layer of a deep composition) is refused.");
    }

    /// <summary>Creates the rational <paramref name="numerator"/>/<paramref name="denominator"/> in lowest terms.</summary>
    /// <exception cref="DivideByZeroException">When the denominator is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("Rational: the denominator is zero.");
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        if (!denominator.IsOne)
        {
            var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        }
        if (numerator.IsZero) denominator = BigInteger.One;
        CheckSize(numerator, denominator);
        _num = numerator;
        _den = denominator;
    }

    /// <summary>The numerator, carrying the sign.</summary>
    public BigInteger Numerator => _num;
    /// <summary>The denominator, always positive.</summary>
    public BigInteger Denominator => _den.IsZero ? BigInteger.One : _den;

    /// <summary>0.</summary>
    public static Rational Zero => default;
    /// <summary>1.</summary>
    public static Rational One => new(BigInteger.One, BigInteger.One, true);
    /// <summary>−1.</summary>
    public static Rational MinusOne => new(BigInteger.MinusOne, BigInteger.One, true);

    /// <summary>True for 0.</summary>
    public bool IsZero => _num.IsZero;
    /// <summary>True for 1.</summary>
    public bool IsOne => _num.IsOne && Denominator.IsOne;
    /// <summary>True for an integer.</summary>
    public bool IsInteger => Denominator.IsOne;
    /// <summary>−1, 0 or 1.</summary>
    public int Sign => _num.Sign;

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(int n) => new(n, BigInteger.One, true);
    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(long n) => new(n, BigInteger.One, true);
    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(BigInteger n) => new(n, BigInteger.One, true);

    /// <summary>Sum.</summary>
    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator.IsOne && b.Denominator.IsOne
            ? new Rational(a._num + b._num, BigInteger.One, true)
            : new Rational(a._num * b.Denominator + b._num * a.Denominator, a.Denominator * b.Denominator);
    /// <summary>Difference.</summary>
    public static Rational operator -(Rational a, Rational b) => a + (-b);
    /// <summary>Negation.</summary>
    public static Rational operator -(Rational a) => new(-a._num, a.Denominator, true);
    /// <summary>Product.</summary>
    public static Rational operator *(Rational a, Rational b) =>
        a.Denominator.IsOne && b.Denominator.IsOne
            ? new Rational(a._num * b._num, BigInteger.One, true)
            : new Rational(a._num * b._num, a.Denominator * b.Denominator);
    /// <summary>Quotient.</summary>
    /// <exception cref="DivideByZeroException">When <paramref name="b"/> is zero.</exception>
    public static Rational operator /(Rational a, Rational b)
    {
        if (b.IsZero) throw new DivideByZeroException("Rational: division by zero.");
        return new Rational(a._num * b.Denominator, a.Denominator * b._num);
    }
    /// <summary>Equality.</summary>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    /// <summary>Inequality.</summary>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    /// <summary>Order.</summary>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    /// <summary>Order.</summary>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    /// <summary>Order.</summary>
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    /// <summary>Order.</summary>
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>The reciprocal 1/r.</summary>
    public Rational Reciprocal() => One / this;
    /// <summary>The absolute value.</summary>
    public Rational Abs() => Sign < 0 ? -this : this;

    /// <summary>r^n for an integer n (negative n gives the reciprocal power).</summary>
    /// <exception cref="RationalOverflowException">When the result would exceed <see cref="MaxBits"/> bits (checked before it is computed).</exception>
    public Rational Pow(int n)
    {
        if (n == 0) return One;
        if (n < 0) return Reciprocal().Pow(-n);
        long bits = Math.Max(BigInteger.Abs(_num).GetBitLength(), Denominator.GetBitLength());
        // |p|^n has more than (bits − 1)·n bits
        if (bits > 1 && (bits - 1) * (long)n > MaxBits)
            throw new RationalOverflowException($"Rational: ({this})^{n} would have about {bits * (long)n} bits, beyond the limit of {MaxBits} bits.");
        return new Rational(BigInteger.Pow(_num, n), BigInteger.Pow(Denominator, n), true);
    }

    /// <summary>
    /// ⌊n^(1/q)⌋ for n ≥ 0 and q ≥ 1, exactly, by Newton's iteration in integers (no floating point, so any size works).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 0 or q &lt; 1.</exception>
    public static BigInteger IntegerRoot(BigInteger n, int q)
    {
        if (n.Sign < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Rational.IntegerRoot: n must be ≥ 0.");
        if (q < 1) throw new ArgumentOutOfRangeException(nameof(q), q, "Rational.IntegerRoot: the root index q must be ≥ 1.");
        if (q == 1 || n < 2) return n;
        // start above the root: 2^⌈bits/q⌉ > n^(1/q); Newton's step from above decreases monotonically to ⌊n^(1/q)⌋
        var x = BigInteger.One << (int)((n.GetBitLength() + q - 1) / q);
        while (true)
        {
            var next = ((q - 1) * x + n / BigInteger.Pow(x, q - 1)) / q;
            if (next >= x) return x;
            x = next;
        }
    }

    /// <summary>The largest integer not greater than r.</summary>
    public BigInteger Floor()
    {
        var q = BigInteger.DivRem(_num, Denominator, out var rem);
        return rem.Sign < 0 ? q - 1 : q;
    }

    /// <summary>The nearest double (exact for moderate sizes; scaled for huge numerators and denominators).</summary>
    public double ToDouble()
    {
        if (Denominator.IsOne) return (double)_num;
        var n = (double)_num;
        var d = (double)Denominator;
        if (!double.IsInfinity(n) && !double.IsInfinity(d)) return n / d;
        // Scale both to a common exponent so that the quotient is representable.
        var shift = Math.Max(BigInteger.Abs(_num).GetBitLength(), Denominator.GetBitLength()) - 1000;
        return (double)(_num >> (int)shift) / (double)(Denominator >> (int)shift);
    }

    /// <summary>The exact rational value of a finite double.</summary>
    /// <exception cref="ArgumentException">When <paramref name="x"/> is NaN or infinite.</exception>
    public static Rational FromDouble(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"Rational.FromDouble: {x} is not finite.", nameof(x));
        if (x == 0) return Zero;
        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;
        BigInteger num = mantissa;
        var r = exponent >= 0 ? new Rational(num << exponent, BigInteger.One) : new Rational(num, BigInteger.One << -exponent);
        return negative ? -r : r;
    }

    /// <summary>
    /// The exact value of the shortest decimal that rounds to <paramref name="x"/> (0.1 ↦ 1/10, not the binary
    /// 3602879701896397/2⁵⁵): the number as a user typed it. Use it where a double stands for a decimal parameter.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="x"/> is NaN or infinite.</exception>
    public static Rational FromShortestDecimal(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"Rational.FromShortestDecimal: {x} is not finite.", nameof(x));
        return TryParse(x.ToString("R", CultureInfo.InvariantCulture), out var r) ? r : FromDouble(x);
    }

    /// <summary>
    /// Parses "3", "-3/4", "0.25" or "1e-3" exactly. Decimal notation is read as the exact decimal fraction.
    /// </summary>
    public static bool TryParse(string s, out Rational value)
    {
        value = Zero;
        s = s.Trim();
        if (s.Length == 0) return false;
        int slash = s.IndexOf('/');
        if (slash >= 0)
        {
            if (!TryParse(s[..slash], out var a) || !TryParse(s[(slash + 1)..], out var b) || b.IsZero) return false;
            value = a / b;
            return true;
        }
        int exp = 0;
        int e = s.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp)) return false;
            s = s[..e];
        }
        bool neg = s.StartsWith('-');
        if (neg || s.StartsWith('+')) s = s[1..];
        int dot = s.IndexOf('.');
        string digits = dot >= 0 ? s.Remove(dot, 1) : s;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return false;
        int scale = dot >= 0 ? s.Length - dot - 1 : 0;
        var n = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        int p = exp - scale;
        value = p >= 0 ? new Rational(n * BigInteger.Pow(10, p), BigInteger.One) : new Rational(n, BigInteger.Pow(10, -p));
        if (neg) value = -value;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Rational other) => _num.Equals(other._num) && Denominator.Equals(other.Denominator);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_num, Denominator);
    /// <inheritdoc />
    public int CompareTo(Rational other) =>
        Denominator.Equals(other.Denominator)
            ? _num.CompareTo(other._num)
            : (_num * other.Denominator).CompareTo(other._num * Denominator);

    /// <summary>"p" or "p/q".</summary>
    public override string ToString() =>
        Denominator.IsOne
            ? _num.ToString(CultureInfo.InvariantCulture)
            : $"{_num.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
