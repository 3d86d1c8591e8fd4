using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Compilation;

/// <summary>Double-precision special functions used by the interpreter and by compiled delegates.</summary>
public static class SpecialFunctions
{
    /// <summary>
    /// The head of the call <c>digamma(a)</c>, the digamma function ψ(a) = Γ′(a)/Γ(a) that appears in derivatives of Γ.
    /// With <see cref="PolygammaHead"/> it is one of the two undefined-function names with a numeric meaning:
    /// <see cref="Evaluate"/> and <see cref="Compile"/> evaluate a one-argument call with this head by <see cref="Digamma"/>.
    /// </summary>
    public static readonly Symbol DigammaHead = Symbol.Of("digamma");

    /// <summary>
    /// The head of the call <c>polygamma(n, a)</c>, the polygamma function ψ⁽ⁿ⁾(a) = dⁿψ(a)/daⁿ for an integer n ≥ 1
    /// (the derivatives of <c>digamma</c>), evaluated by <see cref="Polygamma"/>.
    /// </summary>
    public static readonly Symbol PolygammaHead = Symbol.Of("polygamma");

    /// <summary>
    /// The polygamma function ψ⁽ⁿ⁾(x) for n ≥ 0 (n = 0 is <see cref="Digamma"/>), to about 1e-13 relative: the
    /// recurrence ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) − (−1)ⁿ n!/xⁿ⁺¹ up to x ≥ 20, then the asymptotic series
    /// (−1)ⁿ⁺¹[(n−1)!/xⁿ + n!/(2xⁿ⁺¹) + Σₖ B₂ₖ (2k+n−1)!/((2k)! x²ᵏ⁺ⁿ)]. NaN at the poles x = 0, −1, −2, … and for
    /// x &lt; −10⁴ or a non-integer or negative order.
    /// </summary>
    public static double Polygamma(double n, double x)
    {
        if (n == 0) return Digamma(x);
        if (n < 0 || n != Math.Floor(n) || n > 100 || double.IsNaN(x) || x < -1e4) return double.NaN;
        if (x <= 0 && x == Math.Floor(x)) return double.NaN;
        int m = (int)n;
        double factorial = 1;
        for (int i = 2; i <= m; i++) factorial *= i;
        double sign = m % 2 == 0 ? -1 : 1; // (−1)ⁿ⁺¹
        double shift = 0;
        while (x < 20) { shift += factorial / Math.Pow(x, m + 1); x += 1; }
        // ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) + (−1)ⁿ⁺¹ n!/xⁿ⁺¹
        double series = factorial / m / Math.Pow(x, m) + factorial / (2 * Math.Pow(x, m + 1));
        double[] bernoulli = [1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6];
        // (2k+n−1)!/(2k)! built incrementally
        for (int k = 1; k <= bernoulli.Length; k++)
        {
            double ratio = 1;
            for (int j = 2 * k + 1; j <= 2 * k + m - 1; j++) ratio *= j;
            series += bernoulli[k - 1] * ratio / Math.Pow(x, 2 * k + m);
        }
        return sign * (shift + series);
    }

    /// <summary>
    /// The digamma function ψ(x) = d/dx ln Γ(x), to about 1e-14: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10,
    /// then the asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ); reflection ψ(x) = ψ(1−x) − π cot(πx) for x &lt; ½.
    /// </summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0 && x == Math.Floor(x)) return double.NaN; // poles at 0, −1, −2, …
        if (x < 0.5) return Digamma(1 - x) - Math.PI / Math.Tan(Math.PI * x);
        double shift = 0;
        while (x < 10) { shift -= 1 / x; x += 1; }
        double r = 1 / (x * x);
        // Bernoulli terms B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12
        double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132 - r * (691.0 / 32760 - r / 12))))));
        return shift + Math.Log(x) - 0.5 / x - series;
    }

    /// <summary>The error function erf(x), to about 1e-15 relative (series for |x| &lt; 2.5, continued fraction beyond).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double ax = Math.Abs(x);
        if (ax < 2.5)
        {
            // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
            double term = x, sum = x, x2 = x * x;
            for (int n = 1; n < 200; n++)
            {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
            }
            return 2 / Math.Sqrt(Math.PI) * sum;
        }
        if (ax > 6) return Math.Sign(x);
        return Math.Sign(x) * (1 - Erfc(ax));
    }

    // erfc for x ≥ 2.5 by the Lentz continued fraction erfc x = e^{−x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))).
    private static double Erfc(double x)
    {
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double an = n / 2.0;
            d = x + an * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    /// <summary>
    /// Γ(x) by the Lanczos approximation (g = 7, 9 terms), with reflection for x &lt; ½. At the poles, as in SciPy
    /// (≥ 1.15) and C99 Annex F: Γ(+0) = +∞, Γ(−0) = −∞, and NaN at the negative integers, where the sign of the
    /// infinity depends on the side the pole is approached from.
    /// </summary>
    public static double Gamma(double x)
    {
        if (x == 0) return double.IsNegative(x) ? double.NegativeInfinity : double.PositiveInfinity;
        if (x < 0 && x == Math.Floor(x)) return double.NaN; // sin(πx) is not exactly 0 in floating point: no finite garbage
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        return Math.Exp(LogGamma(x));
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln |Γ(x)| (Lanczos, about 1e-15 relative for x &gt; 0; reflection below ½; +∞ at the poles 0, −1, −2, …).</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0 && x == Math.Floor(x)) return double.PositiveInfinity; // ln|Γ| at a pole
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double a = Lanczos[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}
